import { Button, Card, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiError } from '../../api/client';
import { itemStatusLabels, type FeedbackClient, type FeedbackItem, type ItemStatus } from '../../api/feedback-client';
import { toApiError } from '../../api/use-api-request';
import { ErrorNotice } from '../../components/request-status';
import { deliveryFailureLabel } from '../../format/labels';

const useStyles = makeStyles({
  answers: { display: 'grid', gridTemplateColumns: 'minmax(10rem, max-content) 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}` },
  label: { fontWeight: tokens.fontWeightSemibold },
  workflow: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  notes: { minWidth: 'min(28rem, 100%)' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const dateFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });

/** One colleague's feedback on one meeting, and the PD lead's workflow for it. */
/** The card keeps what was saved in its own state, so saving does not reload the list (and lose the place on the page). */
export function FeedbackItemCard({ client, item }: { client: FeedbackClient; item: FeedbackItem }) {
  const styles = useStyles();
  const answer = item.answer;
  const [status, setStatus] = useState<ItemStatus>(answer?.status ?? 'new');
  const [ownerName, setOwnerName] = useState(answer?.ownerName ?? '');
  const [dueOn, setDueOn] = useState(answer?.dueOn ?? '');
  const [notes, setNotes] = useState(answer?.notes ?? '');
  const [locked, setLocked] = useState(answer?.locked ?? false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const heading = `${item.person.name}: ${item.community.name}, ${item.meeting.title} (${dateFormat.format(new Date(item.meeting.startsAt))})`;

  const save = async () => {
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      await client.changeItem(item.requestId, { status, ownerName: ownerName.trim() || null, dueOn: dueOn || null, notes, locked });
      setSaved(true);
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card aria-label={heading}>
      <Text weight="semibold" as="h3">
        {heading}
      </Text>
      {!answer ? (
        <Text className={styles.muted}>
          Not answered yet{item.delivery.status === 'failed' ? `: the card could not be delivered (${item.delivery.failureReason ? deliveryFailureLabel(item.delivery.failureReason) : 'no reason was recorded'}).` : '.'}
        </Text>
      ) : answer.nothingToReport ? (
        <Text>Nothing to report this time.</Text>
      ) : (
        <div className={styles.answers}>
          <Text className={styles.label}>Key messages</Text>
          <Text>{answer.keyMessages || '—'}</Text>
          <Text className={styles.label}>Contextualising</Text>
          <Text>{answer.contextualisation || '—'}</Text>
          <Text className={styles.label}>For SLT</Text>
          <Text>{answer.forSlt || '—'}</Text>
          <Text className={styles.label}>Their actions</Text>
          <Text>{answer.actions || '—'}</Text>
        </div>
      )}
      {answer ? (
        <div className={`${styles.workflow} no-print`}>
          <Field label="Status">
            <Select value={status} onChange={(_, data) => setStatus(data.value as ItemStatus)}>
              {(Object.keys(itemStatusLabels) as ItemStatus[]).map((s) => (
                <option key={s} value={s}>
                  {itemStatusLabels[s]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Owner">
            <Input value={ownerName} maxLength={200} onChange={(_, data) => setOwnerName(data.value)} />
          </Field>
          <Field label="Due date">
            <Input type="date" value={dueOn} onChange={(_, data) => setDueOn(data.value)} />
          </Field>
          <Field label="Notes (what was done)" className={styles.notes}>
            <Textarea value={notes} maxLength={4000} onChange={(_, data) => setNotes(data.value)} />
          </Field>
          <Checkbox label="Lock (no more edits from the card)" checked={locked} onChange={(_, data) => setLocked(data.checked === true)} />
          <Button appearance="primary" disabled={saving} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save'}
          </Button>
        </div>
      ) : null}
      {saved ? (
        <MessageBar intent="success">
          <MessageBarBody>Saved.</MessageBarBody>
        </MessageBar>
      ) : null}
      {error ? <ErrorNotice title="The item was not saved" error={error} /> : null}
    </Card>
  );
}
