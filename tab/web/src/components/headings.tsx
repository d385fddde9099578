import { Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** Headings in Fluent's type ramp, so every page keeps the same levels and sizes. */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <Text as="h1" block size={700} weight="semibold" style={{ margin: 0 }}>
      {children}
    </Text>
  );
}

export function SectionHeading({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <Text as="h2" id={id} block size={500} weight="semibold" style={{ margin: 0 }}>
      {children}
    </Text>
  );
}

/** A heading inside a section (values, behaviours, a form), one level below `SectionHeading`. */
export function SubsectionHeading({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <Text as="h3" id={id} block size={400} weight="semibold" style={{ margin: 0 }}>
      {children}
    </Text>
  );
}
