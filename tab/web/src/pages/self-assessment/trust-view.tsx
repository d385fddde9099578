import { Button, Checkbox, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AggregateQuery, AggregateReport, Overview, SelfAssessmentClient } from '../../api/self-assessment-client';
import { toApiError, useApiRequest } from '../../api/use-api-request';
import { SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { DistributionBar, LevelTrendChart, levelPalette } from './level-chart';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-end' },
  cycles: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'middle' } },
  descriptor: { breakInside: 'avoid', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

export const areaLabel = (area: string): string => ({ finance: 'Finance', it: 'IT', hr: 'HR', catering: 'Catering', estates: 'Estates' })[area] ?? area;

/**
 * Distributions per descriptor by service area or academy, trends over cycles, and CSV. Hidden
 * groups say why they are hidden; the server decides what is hidden, the page only shows it.
 */
export function TrustView({ client, overview }: { client: SelfAssessmentClient; overview: Overview }) {
  const styles = useStyles();
  const cyclesOldestFirst = [...overview.cycles].sort((a, b) => a.opensOn.localeCompare(b.opensOn));
  // Closed cycles by default: an open cycle's figures still move as people submit.
  const [chosen, setChosen] = useState<string[]>(() => {
    const closed = cyclesOldestFirst.filter((c) => c.window === 'closed');
    return (closed.length > 0 ? closed : cyclesOldestFirst).slice(-3).map((c) => c.id);
  });
  const [groupBy, setGroupBy] = useState<AggregateQuery['groupBy']>('service_area');
  const [serviceArea, setServiceArea] = useState('');
  const [academy, setAcademy] = useState('');
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const query: AggregateQuery = { cycleIds: cyclesOldestFirst.filter((c) => chosen.includes(c.id)).map((c) => c.id), groupBy, serviceArea: serviceArea || undefined, academy: academy || undefined };
  const report = useApiRequest(
    (signal) => (query.cycleIds.length === 0 ? Promise.resolve(null) : client.aggregates(query, signal)),
    [client, query.cycleIds.join(','), groupBy, serviceArea, academy],
  );

  async function downloadCsv() {
    setDownloadError(null);
    try {
      const blob = await client.aggregatesCsv(query);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'self-assessment-aggregates.csv';
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setDownloadError(toApiError(error).message);
    }
  }

  if (overview.cycles.length === 0) return <Text>No self-assessment cycles yet.</Text>;
  return (
    <section className={styles.view} aria-labelledby="trust-view-heading">
      <SectionHeading id="trust-view-heading">Patterns across the trust</SectionHeading>
      <div className={`${styles.filters} no-print`}>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>Cycles</legend>
          <div className={styles.cycles}>
            {cyclesOldestFirst.map((c) => (
              <Checkbox
                key={c.id}
                label={c.name}
                checked={chosen.includes(c.id)}
                onChange={(_, data) => setChosen((current) => (data.checked ? [...current, c.id] : current.filter((id) => id !== c.id)))}
              />
            ))}
          </div>
        </fieldset>
        <Field label="Group by">
          <Select value={groupBy} onChange={(_, data) => setGroupBy(data.value as AggregateQuery['groupBy'])}>
            <option value="service_area">Service area</option>
            <option value="academy">Academy</option>
          </Select>
        </Field>
        <Field label="Service area">
          <Select value={serviceArea} onChange={(_, data) => setServiceArea(data.value)}>
            <option value="">All service areas</option>
            {overview.serviceAreas.map((a) => (
              <option key={a} value={a}>
                {areaLabel(a)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Academy">
          <Select value={academy} onChange={(_, data) => setAcademy(data.value)}>
            <option value="">All academies and the central team</option>
            <option value="central">Central team</option>
            {overview.academies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => void downloadCsv()} disabled={query.cycleIds.length === 0}>
          Download CSV
        </Button>
      </div>
      {downloadError ? <Text role="alert">{downloadError}</Text> : null}
      {report.status === 'loading' ? <LoadingIndicator label="Loading aggregates…" /> : null}
      {report.status === 'error' ? <ErrorNotice title="The aggregates could not be loaded" error={report.error} onRetry={report.retry} /> : null}
      {report.status === 'ready' && report.data ? <ReportTables report={report.data} /> : null}
      {report.status === 'ready' && !report.data ? <Text>Choose at least one cycle.</Text> : null}
    </section>
  );
}

function ReportTables({ report }: { report: AggregateReport }) {
  const styles = useStyles();
  const latest = report.cycles.at(-1)!;
  const labels = report.scale.map((s) => `${s.level} ${s.label}`);
  const hiddenText = `Hidden: fewer than ${report.minGroupSize} people, or hidden so a smaller group cannot be worked out`;
  return (
    <>
      <Text className={styles.muted}>
        Groups with fewer than {report.minGroupSize} submitted self-assessments are hidden, with at least one other group so they cannot be worked out from
        the totals. Distributions are for {latest.name}; trends show the average level in each cycle.
      </Text>
      <div className={styles.legend} aria-hidden="true">
        {labels.map((l, i) => (
          <span key={l} style={{ display: 'inline-flex', alignItems: 'center', gap: '4px' }}>
            <svg width={12} height={12}>
              <rect width={12} height={12} fill={levelPalette[i % levelPalette.length]} />
            </svg>
            {l}
          </span>
        ))}
      </div>
      {report.descriptors.map((d) => (
        <section key={d.position} className={styles.descriptor} aria-labelledby={`agg-${d.position}`}>
          <Text as="h3" id={`agg-${d.position}`} weight="semibold" size={400} style={{ margin: 0 }}>
            {d.position}. {d.title}
          </Text>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{report.groupBy === 'service_area' ? 'Service area' : 'Academy'}</th>
                <th scope="col">People ({latest.name})</th>
                <th scope="col">Levels ({latest.name})</th>
                <th scope="col">Average level over cycles</th>
              </tr>
            </thead>
            <tbody>
              {report.groups.map((g) => {
                const result = g.results.find((r) => r.cycleId === latest.id);
                const distribution = result?.distributions.find((x) => x.position === d.position);
                const means = new Map<string, number>();
                for (const r of g.results) {
                  const mean = r.distributions.find((x) => x.position === d.position)?.mean;
                  if (mean != null) means.set(r.cycleId, mean);
                }
                return (
                  <tr key={g.key}>
                    <th scope="row">{g.isTotal ? <strong>{g.label}</strong> : g.label}</th>
                    <td>{result?.respondents ?? 'Hidden'}</td>
                    <td>
                      {result?.respondents && distribution?.counts ? (
                        <DistributionBar
                          counts={distribution.counts}
                          labels={labels}
                          description={`${g.label}: ${distribution.counts.map((n, i) => `${labels[i]} ${n}`).join(', ')}`}
                        />
                      ) : (
                        <Text className={styles.muted}>{result?.respondents === 0 ? 'No responses' : hiddenText}</Text>
                      )}
                    </td>
                    <td>
                      {means.size > 0 ? (
                        <LevelTrendChart title={`${g.label}, ${d.title}`} cycles={report.cycles} levels={means} maxLevel={report.scale.length} width={220} height={70} />
                      ) : (
                        <Text className={styles.muted}>{g.results.every((r) => r.respondents === 0) ? 'No responses' : 'Hidden'}</Text>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
