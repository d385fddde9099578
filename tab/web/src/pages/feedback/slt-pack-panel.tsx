import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiError } from '../../api/client';
import type { FeedbackClient, SltPack } from '../../api/feedback-client';
import { toApiError } from '../../api/use-api-request';
import { SectionHeading } from '../../components/headings';
import { ErrorNotice } from '../../components/request-status';

const useStyles = makeStyles({
  controls: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  pack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** The SLT pack for a period: a Word download, or the same content on the page to print. */
export function SltPackPanel({ client, academyId, academyName }: { client: FeedbackClient; academyId: string; academyName: string }) {
  const styles = useStyles();
  const [from, setFrom] = useState('2026-09-01');
  const [to, setTo] = useState('2027-08-31');
  const [busy, setBusy] = useState(false);
  const [pack, setPack] = useState<SltPack | null>(null);
  const [error, setError] = useState<{ title: string; error: ApiError } | null>(null);

  const run = async (what: 'docx' | 'page') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'docx') {
        const blob = await client.sltPackDocx(academyId, from, to);
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = `slt-pack-${from}-${to}.docx`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      } else {
        setPack(await client.sltPack(academyId, from, to));
      }
    } catch (cause) {
      setError({ title: 'The SLT pack could not be made', error: toApiError(cause) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <SectionHeading id="slt-pack">SLT pack for {academyName}</SectionHeading>
      <div className={`${styles.controls} no-print`}>
        <Field label="From">
          <Input type="date" value={from} onChange={(_, data) => setFrom(data.value)} />
        </Field>
        <Field label="To">
          <Input type="date" value={to} onChange={(_, data) => setTo(data.value)} />
        </Field>
        <Button disabled={busy} onClick={() => void run('docx')}>
          Download Word
        </Button>
        <Button disabled={busy} onClick={() => void run('page')}>
          Show printable pack
        </Button>
        {pack ? <Button onClick={() => window.print()}>Print</Button> : null}
      </div>
      {error ? <ErrorNotice title={error.title} error={error.error} /> : null}
      {pack ? (
        <div className={styles.pack} aria-label="SLT pack">
          <Text as="h3" size={500} weight="semibold">
            {pack.title}
          </Text>
          <Text italic>Meetings from {pack.periodLabel}</Text>
          {pack.communities.length === 0 ? <Text>No community asked this academy for feedback in this period.</Text> : null}
          {pack.communities.map((c) => (
            <section key={c.name} aria-label={c.name}>
              <Text as="h4" size={400} weight="semibold">
                {c.name}
              </Text>
              <Text block>
                {c.answered} of {c.asked} colleagues asked have answered.
              </Text>
              {c.priorities.length > 0 ? (
                <ul>
                  {c.priorities.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : null}
              {c.items.map((item) => (
                <Text block key={`${item.personName}-${item.meetingTitle}`}>
                  <strong>
                    {item.personName}, {item.meetingTitle} ({item.meetingDate}):
                  </strong>{' '}
                  {item.nothingToReport ? 'Nothing to report.' : item.forSlt || item.keyMessages} · {item.status}
                  {item.ownerName ? `, owner ${item.ownerName}` : ''}
                  {item.dueOn ? `, due ${item.dueOn}` : ''}
                  {item.notes ? ` · ${item.notes}` : ''}
                </Text>
              ))}
            </section>
          ))}
        </div>
      ) : null}
    </>
  );
}
