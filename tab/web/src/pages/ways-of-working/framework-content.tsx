import { makeStyles, tokens } from '@fluentui/react-components';
import type { WaysOfWorkingValue, WaysOfWorkingVersion } from '../../api/ways-of-working-client';
import { SubsectionHeading } from '../../components/headings';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** A version of the trust framework as everyone reads it: the values with their meanings, then the behaviours. */
export function FrameworkContent({ version }: { version: WaysOfWorkingVersion }) {
  const styles = useStyles();
  return (
    <>
      {version.content.values.length > 0 ? (
        <div className={styles.group}>
          <SubsectionHeading>Our values</SubsectionHeading>
          <ValueList values={version.content.values} />
        </div>
      ) : null}
      <div className={styles.group}>
        <SubsectionHeading>How we behave across the trust</SubsectionHeading>
        <BehaviourList behaviours={version.content.behaviours} />
      </div>
    </>
  );
}

export function ValueList({ values }: { values: readonly WaysOfWorkingValue[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.facts}>
      {values.map((value, index) => (
        <div key={index} style={{ display: 'contents' }}>
          <dt className={styles.term}>{value.title}</dt>
          <dd className={styles.detail}>{value.meaning}</dd>
        </div>
      ))}
    </dl>
  );
}

export function BehaviourList({ behaviours }: { behaviours: readonly string[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {behaviours.map((behaviour, index) => (
        <li key={index}>{behaviour}</li>
      ))}
    </ul>
  );
}
