import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  main: {
    minHeight: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    boxSizing: 'border-box',
  },
  content: { width: '100%', maxWidth: '560px' },
});

/** Full-page status before the shell can be drawn: starting up, or a start-up error. */
export function CentredStatus({ children }: { children?: ReactNode }) {
  const styles = useStyles();
  return (
    <main className={styles.main}>
      <h1 className="visually-hidden">Trust Communities</h1>
      {children ? <div className={styles.content}>{children}</div> : <Spinner label="Starting Trust Communities…" />}
    </main>
  );
}
