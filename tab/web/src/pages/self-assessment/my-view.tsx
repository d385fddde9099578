import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { SelfAssessmentClient } from '../../api/self-assessment-client';
import { useApiRequest } from '../../api/use-api-request';
import { SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { LevelTrendChart } from './level-chart';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  charts: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: tokens.spacingHorizontalL },
  chart: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, breakInside: 'avoid', backgroundColor: tokens.colorNeutralBackground1 },
  columns: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** My results across cycles: a chart per descriptor, strengths, development areas and agreed notes; printable. */
export function MyView({ client }: { client: SelfAssessmentClient }) {
  const styles = useStyles();
  const results = useApiRequest((signal) => client.results(signal), [client]);
  if (results.status === 'loading') return <LoadingIndicator label="Loading your results…" />;
  if (results.status === 'error') return <ErrorNotice title="Your results could not be loaded" error={results.error} onRetry={results.retry} />;
  const data = results.data;
  if (data.cycles.length === 0) return <Text>Your results appear here once you submit your first self-assessment.</Text>;
  const levelLabel = (level: number) => data.scale.find((s) => s.level === level)?.label ?? String(level);
  const notes = data.cycles.filter((c) => c.agreedNote);
  return (
    <section className={styles.view} aria-labelledby="my-view-heading">
      <div className="no-print">
        <Button onClick={() => window.print()}>
          Print my view
        </Button>
      </div>
      <SectionHeading id="my-view-heading">My results over time</SectionHeading>
      <Text className={styles.muted}>
        Levels: {data.scale.map((s) => `${s.level} ${s.label}`).join(', ')}. Cycles: {data.cycles.map((c) => c.name).join(', ')}.
      </Text>
      <div className={styles.columns}>
        <section aria-labelledby="strengths-heading">
          <SectionHeading id="strengths-heading">Strengths</SectionHeading>
          {data.strengths.length === 0 ? (
            <Text>None at secure or above yet.</Text>
          ) : (
            <ul className={styles.list}>
              {data.strengths.map((s) => (
                <li key={s.title}>
                  {s.title}: {levelLabel(s.level)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="development-heading">
          <SectionHeading id="development-heading">Development areas</SectionHeading>
          {data.developmentAreas.length === 0 ? (
            <Text>None stand out in your latest self-assessment.</Text>
          ) : (
            <ul className={styles.list}>
              {data.developmentAreas.map((d) => (
                <li key={d.title}>
                  {d.title}: {levelLabel(d.level)}
                  {d.developmentStep ? `. Next step: ${d.developmentStep}` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {notes.length > 0 ? (
        <section aria-labelledby="agreed-heading">
          <SectionHeading id="agreed-heading">Agreed with your line manager</SectionHeading>
          <ul className={styles.list}>
            {notes.map((c) => (
              <li key={c.id}>
                {c.name}: {c.agreedNote}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ul className={styles.charts} aria-label="Levels per descriptor over cycles">
        {data.descriptors.map((d) => (
          <li key={d.position} className={styles.chart}>
            <Text as="h3" weight="semibold" block style={{ margin: 0 }}>
              {d.position}. {d.title}
            </Text>
            <LevelTrendChart title={d.title} cycles={data.cycles} levels={new Map(d.points.map((p) => [p.cycleId, p.level]))} maxLevel={data.scale.length} />
            <Text block className={styles.muted}>
              Latest: {d.latestLevel === null ? 'no answer' : `${d.latestLevel} ${levelLabel(d.latestLevel)}`}
            </Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
