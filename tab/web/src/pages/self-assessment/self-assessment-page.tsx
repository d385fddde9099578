import { Field, Select, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { selfAssessmentClient, type Overview, type SelfAssessmentClient } from '../../api/self-assessment-client';
import { useApiRequest } from '../../api/use-api-request';
import { PageHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { AdminPanel } from './admin-panel';
import { AssessmentFormView } from './assessment-form';
import { MyView } from './my-view';
import { TeamView } from './team-view';
import { TrustView } from './trust-view';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/** Printing My view leaves out the app's banner, navigation and buttons. */
const printCss = `@media print {
  header, nav, footer, .no-print, [role="tablist"] { display: none !important; }
  main { padding: 0 !important; }
  svg { break-inside: avoid; }
}`;

type Section = 'form' | 'mine' | 'team' | 'trust' | 'admin';

/** Self-assessment against the trust's service descriptors: fill it in, see your own trends, and (by role) your team's and the trust's. */
export function SelfAssessmentPage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const client = useMemo(() => selfAssessmentClient(api), [api]);
  const [version, setVersion] = useState(0);
  // A saved answer refreshes My view; only administrators' changes reload the overview (and the sections under it).
  const [resultsVersion, setResultsVersion] = useState(0);
  const overview = useApiRequest((signal) => client.overview(signal), [client, version]);
  const [section, setSection] = useState<Section>('form');

  return (
    <div className={styles.page}>
      <style>{printCss}</style>
      <PageHeading>Self-assessment</PageHeading>
      {overview.status === 'loading' ? <LoadingIndicator label="Loading your self-assessments…" /> : null}
      {overview.status === 'error' ? <ErrorNotice title="Self-assessment could not be loaded" error={overview.error} onRetry={overview.retry} /> : null}
      {overview.status === 'ready' ? (
        <>
          <TabList selectedValue={section} onTabSelect={(_, data) => setSection(data.value as Section)} aria-label="Self-assessment sections">
            <Tab value="form">My self-assessment</Tab>
            <Tab value="mine">My view</Tab>
            {overview.data.isLineManager ? <Tab value="team">My team</Tab> : null}
            {overview.data.canSeeAggregates ? <Tab value="trust">Trust view</Tab> : null}
            {overview.data.canAdminister ? <Tab value="admin">Cycles and frameworks</Tab> : null}
          </TabList>
          {section === 'form' ? <MyAssessment client={client} overview={overview.data} onChanged={() => setResultsVersion((v) => v + 1)} /> : null}
          {section === 'mine' ? <MyView key={resultsVersion} client={client} /> : null}
          {section === 'team' ? <TeamView client={client} overview={overview.data} /> : null}
          {section === 'trust' ? <TrustView client={client} overview={overview.data} /> : null}
          {section === 'admin' ? <AdminPanel client={client} overview={overview.data} onChanged={() => setVersion((v) => v + 1)} /> : null}
        </>
      ) : null}
    </div>
  );
}

function MyAssessment({ client, overview, onChanged }: { client: SelfAssessmentClient; overview: Overview; onChanged: () => void }) {
  const cycles = overview.myCycles.filter((c) => c.window !== 'upcoming');
  const [cycleId, setCycleId] = useState(() => (cycles.find((c) => c.window === 'open' && c.status !== 'submitted') ?? cycles[0])?.id ?? '');
  const form = useApiRequest((signal) => (cycleId ? client.form(cycleId, overview.personId, signal) : Promise.resolve(null)), [client, cycleId, overview.personId]);
  if (cycles.length === 0) return <Text>You have no self-assessment to fill in at the moment. When a cycle opens for you, the bot sends you an invitation in Teams.</Text>;
  return (
    <>
      {cycles.length > 1 ? (
        <Field label="Cycle">
          <Select value={cycleId} onChange={(_, data) => setCycleId(data.value)}>
            {cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {form.status === 'loading' ? <LoadingIndicator label="Loading your self-assessment…" /> : null}
      {form.status === 'error' ? <ErrorNotice title="Your self-assessment could not be loaded" error={form.error} onRetry={form.retry} /> : null}
      {form.status === 'ready' && form.data ? <AssessmentFormView client={client} form={form.data} onChanged={onChanged} /> : null}
    </>
  );
}
