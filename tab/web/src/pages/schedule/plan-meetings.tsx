import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Link,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { MeetingChange, PlannedMeeting } from '../../api/planner-types';
import type { MeetingMode } from '../../api/types';
import { MeetingModeSelect } from '../../components/meeting-mode-select';
import { ScrollingTable } from '../../components/scrolling-table';
import { addMinutes, formatDate, formatTimeRange, londonDateOf, londonIso, londonTimeOf, minutesBetween } from '../../format/dates';
import { meetingModeLabel } from '../../format/labels';

const useStyles = makeStyles({
  table: { minWidth: '960px' },
  nowrap: { whiteSpace: 'nowrap' },
  cancelled: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, paddingBlock: tokens.spacingVerticalXS },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
});

type Action = { kind: 'reschedule' | 'mode' | 'cancel'; meeting: PlannedMeeting };

/** A saved plan's meetings with where each stands in Outlook and Teams, and changes one at a time. */
export function PlanMeetingsTable(props: {
  meetings: readonly PlannedMeeting[];
  labelledBy: string;
  busy: boolean;
  /** Shown inside the open dialog when its change was refused. */
  error: ReactNode;
  onChange: (meetingId: string, change: Omit<MeetingChange, 'version'>) => Promise<boolean>;
}) {
  const { meetings, labelledBy, busy, error, onChange } = props;
  const styles = useStyles();
  const [action, setAction] = useState<Action | null>(null);
  // The last action stays on screen while its dialog animates closed.
  const [shown, setShown] = useState<Action | null>(null);
  useEffect(() => {
    if (action) setShown(action);
  }, [action]);

  return (
    <>
      <ScrollingTable
        label="Planned meetings table"
        labelledBy={labelledBy}
        columns={['Meeting', 'Date', 'Time', 'Mode', 'Venue', 'Status']}
        actionsColumn
        tableClassName={styles.table}
      >
        {meetings.map((meeting) => {
          const cancelled = meeting.status === 'cancelled';
          const date = formatDate(meeting.startsAt);
          return (
            <TableRow key={meeting.id}>
              <TableCell className={styles.nowrap}>
                {meeting.sequence} of {meeting.of}
              </TableCell>
              <TableCell className={styles.nowrap}>
                <time dateTime={meeting.startsAt} className={cancelled ? styles.cancelled : undefined}>
                  {date}
                </time>
              </TableCell>
              <TableCell className={styles.nowrap}>{formatTimeRange(meeting.startsAt, meeting.endsAt)}</TableCell>
              <TableCell className={styles.nowrap}>{meetingModeLabel(meeting.mode)}</TableCell>
              <TableCell>
                {meeting.mode === 'online' ? (
                  meeting.joinUrl ? (
                    <Link href={meeting.joinUrl} target="_blank" rel="noreferrer" aria-label={`Join meeting on ${date} in Teams`}>
                      Teams link
                    </Link>
                  ) : (
                    <span className={styles.muted}>Online</span>
                  )
                ) : (
                  (meeting.venue ?? <span className={styles.muted}>No venue</span>)
                )}
              </TableCell>
              <TableCell>
                <MeetingStatusBadge meeting={meeting} />
              </TableCell>
              <TableCell>
                {cancelled ? null : (
                  <div className={styles.actions}>
                    <Button size="small" disabled={busy} onClick={() => setAction({ kind: 'reschedule', meeting })} aria-label={`Reschedule meeting ${meeting.sequence} on ${date}`}>
                      Reschedule
                    </Button>
                    <Button size="small" disabled={busy} onClick={() => setAction({ kind: 'mode', meeting })} aria-label={`Change mode of meeting ${meeting.sequence} on ${date}`}>
                      Change mode
                    </Button>
                    <Button
                      size="small"
                      appearance="subtle"
                      disabled={busy}
                      onClick={() => setAction({ kind: 'cancel', meeting })}
                      aria-label={`Cancel meeting ${meeting.sequence} on ${date}`}
                    >
                      Cancel meeting
                    </Button>
                  </div>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </ScrollingTable>
      {/* Kept mounted so Fluent can close it properly (and give the page back to assistive technology). */}
      <Dialog
        open={action !== null}
        modalType={action?.kind === 'cancel' ? 'alert' : 'modal'}
        onOpenChange={(_e, data) => (data.open ? null : setAction(null))}
      >
        {shown ? (
          <MeetingActionDialog
            key={`${shown.kind}:${shown.meeting.id}`}
            action={shown}
            busy={busy}
            error={action ? error : null}
            onClose={() => setAction(null)}
            onSubmit={async (change) => {
              if (await onChange(shown.meeting.id, change)) setAction(null);
            }}
          />
        ) : (
          <DialogSurface />
        )}
      </Dialog>
    </>
  );
}

/** Where a meeting stands: text, not just colour. */
export function MeetingStatusBadge({ meeting }: { meeting: PlannedMeeting }) {
  if (meeting.status === 'cancelled') return <Badge appearance="outline" color="danger" shape="rounded">Cancelled</Badge>;
  if (meeting.published && meeting.changedSincePublish) {
    return <Badge appearance="tint" color="warning" shape="rounded">Changed since publishing</Badge>;
  }
  if (meeting.published) return <Badge appearance="filled" color="success" shape="rounded">Published</Badge>;
  return <Badge appearance="outline" color="informative" shape="rounded">Draft</Badge>;
}

function MeetingActionDialog(props: {
  action: Action;
  busy: boolean;
  error: ReactNode;
  onClose: () => void;
  onSubmit: (change: Omit<MeetingChange, 'version'>) => Promise<void>;
}) {
  const { action, busy, error, onClose, onSubmit } = props;
  const styles = useStyles();
  const { meeting } = action;
  const [date, setDate] = useState(londonDateOf(meeting.startsAt));
  const [time, setTime] = useState(londonTimeOf(meeting.startsAt));
  const [mode, setMode] = useState<MeetingMode>(meeting.mode);
  const [venue, setVenue] = useState(meeting.venue ?? '');
  const when = `${formatDate(meeting.startsAt)}, ${formatTimeRange(meeting.startsAt, meeting.endsAt)}`;
  const title =
    action.kind === 'reschedule' ? 'Reschedule meeting' : action.kind === 'mode' ? 'Change meeting mode' : 'Cancel this meeting?';

  const submit = () => {
    if (action.kind === 'reschedule') {
      const startsAt = londonIso(date, time);
      return onSubmit({ startsAt, endsAt: addMinutes(startsAt, minutesBetween(meeting.startsAt, meeting.endsAt)) });
    }
    if (action.kind === 'mode') return onSubmit({ mode, venue: mode === 'online' ? null : venue.trim() || null });
    return onSubmit({ status: 'cancelled' });
  };

  return (
      <DialogSurface>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.fields}>
              <Text>
                Meeting {meeting.sequence} of {meeting.of}: {when}.
              </Text>
              {action.kind === 'reschedule' ? (
                <>
                  <Field label="New date">
                    <Input type="date" value={date} onChange={(_e, d) => setDate(d.value)} required />
                  </Field>
                  <Field label="New start time" hint="The meeting keeps its length.">
                    <Input type="time" value={time} onChange={(_e, d) => setTime(d.value)} required />
                  </Field>
                </>
              ) : null}
              {action.kind === 'mode' ? (
                <>
                  <Field label="Mode">
                    <MeetingModeSelect value={mode} onChange={setMode} />
                  </Field>
                  {mode !== 'online' ? (
                    <Field label="Venue">
                      <Input value={venue} onChange={(_e, d) => setVenue(d.value)} />
                    </Field>
                  ) : null}
                </>
              ) : null}
              {action.kind === 'cancel' ? (
                <Text>
                  {meeting.published
                    ? 'Members will get a cancellation in Outlook and Teams when you next publish.'
                    : 'The meeting will be marked as cancelled in the plan.'}
                </Text>
              ) : null}
              {meeting.published && action.kind !== 'cancel' ? (
                <Text className={styles.muted}>Members see the change once you publish again.</Text>
              ) : null}
              {error}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose} disabled={busy}>
                {action.kind === 'cancel' ? 'Keep meeting' : 'Close'}
              </Button>
              <Button appearance="primary" type="submit" disabled={busy}>
                {busy ? 'Saving…' : action.kind === 'cancel' ? 'Cancel meeting' : 'Save change'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
  );
}
