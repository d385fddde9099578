import { Button, Field, Select, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Overview, SelfAssessmentClient } from '../../api/self-assessment-client';
import { toApiError, useApiRequest } from '../../api/use-api-request';
import { SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { AssessmentFormView } from './assessment-form';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  note: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px' },
});

const statusLabel = { not_started: 'Not started', draft: 'In progress', submitted: 'Submitted' } as const;

/** A line manager's direct reports in a cycle; a submitted self-assessment can be read and given an agreed note. */
export function TeamView({ client, overview }: { client: SelfAssessmentClient; overview: Overview }) {
  const styles = useStyles();
  const [cycleId, setCycleId] = useState(overview.cycles[0]?.id ?? '');
  const [open, setOpen] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const team = useApiRequest((signal) => (cycleId ? client.team(cycleId, signal) : Promise.resolve({ items: [] })), [client, cycleId, version]);
  if (overview.cycles.length === 0) return <Text>No self-assessment cycles yet.</Text>;
  return (
    <section className={styles.view} aria-labelledby="team-heading">
      <SectionHeading id="team-heading">My team</SectionHeading>
      <Field label="Cycle">
        <Select value={cycleId} onChange={(_, data) => { setCycleId(data.value); setOpen(null); }}>
          {overview.cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      {team.status === 'loading' ? <LoadingIndicator label="Loading your team…" /> : null}
      {team.status === 'error' ? <ErrorNotice title="Your team could not be loaded" error={team.error} onRetry={team.retry} /> : null}
      {team.status === 'ready' ? (
        team.data.items.length === 0 ? (
          <Text>None of your direct reports is in this cycle.</Text>
        ) : (
          <ul className={styles.list}>
            {team.data.items.map((m) => (
              <li key={m.personId}>
                {m.displayName}: {statusLabel[m.status]}
                {m.agreedNote ? ' (development agreed)' : ''}{' '}
                {m.status === 'submitted' ? (
                  <Button size="small" appearance="subtle" onClick={() => setOpen(m.personId)}>
                    Read {m.displayName}&apos;s self-assessment
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {open ? <ReportDetail key={`${cycleId}:${open}`} client={client} cycleId={cycleId} personId={open} onSaved={() => setVersion((v) => v + 1)} /> : null}
    </section>
  );
}

function ReportDetail({ client, cycleId, personId, onSaved }: { client: SelfAssessmentClient; cycleId: string; personId: string; onSaved: () => void }) {
  const styles = useStyles();
  const form = useApiRequest((signal) => client.form(cycleId, personId, signal), [client, cycleId, personId]);
  const [note, setNote] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (form.status === 'loading') return <LoadingIndicator label="Loading the self-assessment…" />;
  if (form.status === 'error') return <ErrorNotice title="The self-assessment could not be loaded" error={form.error} />;
  const text = note ?? form.data.agreedNote?.text ?? '';
  return (
    <section aria-label={`${form.data.personName}'s self-assessment`} className={styles.view}>
      <SectionHeading>{form.data.personName}</SectionHeading>
      <div className={styles.note}>
        <Field label={`Development agreed with ${form.data.personName}`} hint="After talking it through; you both see this note.">
          <Textarea value={text} maxLength={2000} onChange={(_, data) => setNote(data.value)} />
        </Field>
        <div>
          <Button
            appearance="primary"
            onClick={async () => {
              setMessage(null);
              try {
                await client.saveAgreedNote(cycleId, personId, text);
                setMessage('Agreed note saved.');
                onSaved();
              } catch (error) {
                setMessage(toApiError(error).message);
              }
            }}
          >
            Save agreed note
          </Button>
        </div>
        {message ? <Text role="status">{message}</Text> : null}
      </div>
      <AssessmentFormView client={client} form={form.data} />
    </section>
  );
}
