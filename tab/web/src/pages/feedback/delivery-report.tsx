import { Field, Link, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { DeliveryReport, DeliveryStatus, FeedbackClient } from '../../api/feedback-client';
import { useApiRequest } from '../../api/use-api-request';
import { SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { formatDate, formatTime } from '../../format/dates';
import { attendanceSourceLabel, deliveryFailureLabel, deliveryStatusLabel, deliveryStatusOptions } from '../../format/labels';

const useStyles = makeStyles({
  report: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  caption: { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBlock: tokens.spacingVerticalXS },
  failed: { fontWeight: tokens.fontWeightSemibold },
  muted: { display: 'block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  filter: { maxWidth: '20rem' },
  // The card's outcome and Teams' message need the room; the counts are short.
  wide: { width: '40%' },
  narrow: { width: '12%' },
});

type Recipient = DeliveryReport['recipients'][number];

/** The lead looks for what went wrong first: failed cards, then those still to go, then those delivered. */
const statusOrder: Record<DeliveryStatus, number> = { failed: 0, pending: 1, sending: 2, sent: 3 };

/** The Feedback page's address query that opens a meeting's delivery report. */
export const deliveryParam = 'delivery';

export function deliveryReportHash(meetingId: string): string {
  return `#/feedback?${deliveryParam}=${encodeURIComponent(meetingId)}`;
}

/** `#/feedback?delivery=…`: who one meeting's feedback cards reached, for its community's leads and the PD director. */
export function DeliveryReportView({ client, meetingId }: { client: FeedbackClient; meetingId: string }) {
  const styles = useStyles();
  const report = useApiRequest((signal) => client.delivery(meetingId, signal), [client, meetingId]);
  return (
    <div className={styles.report}>
      <Text as="p" style={{ margin: 0 }}>
        <Link href="#/feedback">Back to all feedback</Link>
      </Text>
      {report.status === 'loading' ? <LoadingIndicator label="Loading the delivery report…" /> : null}
      {report.status === 'error' ? <ErrorNotice title="The delivery report could not be loaded" error={report.error} onRetry={report.retry} /> : null}
      {report.status === 'ready' ? <ReportDetails report={report.data} /> : null}
    </div>
  );
}

function ReportDetails({ report }: { report: DeliveryReport }) {
  const styles = useStyles();
  const [shown, setShown] = useState<DeliveryStatus | 'all'>('all');
  const { meeting, round, totals, recipients } = report;
  const rows = recipients.filter((r) => shown === 'all' || r.status === shown).sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
  return (
    <>
      <SectionHeading>
        Delivery report: {meeting.title}, {formatDate(meeting.startsAt)}
      </SectionHeading>
      {round?.status === 'awaiting_register' ? <Text>Waiting for a lead to confirm the register of who came.</Text> : null}
      {round?.attendanceSource ? (
        <Text>
          Who was asked: {attendanceSourceLabel(round.attendanceSource)}.{round.attendanceNote ? ` ${round.attendanceNote}` : ''}
        </Text>
      ) : null}
      {recipients.length === 0 ? <Text>No cards have been sent for this meeting yet.</Text> : null}
      {recipients.length > 0 ? (
        <>
          <Text weight="semibold">{summaryOf(totals)}</Text>
          <Field label="Show" className={styles.filter}>
            <Select value={shown} onChange={(_, data) => setShown(data.value as DeliveryStatus | 'all')}>
              <option value="all">Everyone asked ({recipients.length})</option>
              {deliveryStatusOptions.map((status) => (
                <option key={status} value={status}>
                  {deliveryStatusLabel(status)} ({totals[status]})
                </option>
              ))}
            </Select>
          </Field>
          {rows.length > 0 ? <RecipientsTable rows={rows} caption={shown === 'all' ? 'Everyone asked, failed cards first' : `${deliveryStatusLabel(shown)} only`} /> : <Text>No card has this status.</Text>}
        </>
      ) : null}
    </>
  );
}

function RecipientsTable({ rows, caption }: { rows: Recipient[]; caption: string }) {
  const styles = useStyles();
  return (
    <Table>
      <caption className={styles.caption}>{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Colleague</TableHeaderCell>
          <TableHeaderCell className={styles.wide}>Card</TableHeaderCell>
          <TableHeaderCell className={styles.narrow}>Attempts</TableHeaderCell>
          <TableHeaderCell className={styles.narrow}>Reminders sent</TableHeaderCell>
          <TableHeaderCell className={styles.narrow}>Answered</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.personId}>
            <TableCell>{r.personName}</TableCell>
            <TableCell>
              <span className={r.status === 'failed' ? styles.failed : undefined}>{deliveryText(r)}</span>
              {r.status === 'failed' && r.failureMessage ? <span className={styles.muted}>{r.failureMessage}</span> : null}
            </TableCell>
            <TableCell>{r.attempts}</TableCell>
            <TableCell>{r.remindersSent}</TableCell>
            <TableCell>{r.answered ? 'Yes' : 'No'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** "38 of 40 cards delivered, 2 failed, 25 answered", naming cards still to go only when there are some. */
function summaryOf(totals: DeliveryReport['totals']): string {
  const asked = totals.pending + totals.sending + totals.sent + totals.failed;
  const waiting = totals.pending + totals.sending;
  return [`${totals.sent} of ${asked} ${asked === 1 ? 'card' : 'cards'} delivered`, `${totals.failed} failed`, ...(waiting > 0 ? [`${waiting} waiting to send`] : []), `${totals.answered} answered`].join(', ');
}

function deliveryText(r: Recipient): string {
  switch (r.status) {
    case 'sent':
      return r.sentAt ? `Delivered ${formatDate(r.sentAt)}, ${formatTime(r.sentAt)}` : 'Delivered';
    case 'failed':
      return `Failed: ${r.failureReason ? deliveryFailureLabel(r.failureReason) : 'no reason was recorded'}`;
    case 'pending':
      // A pending card with a reason was tried and will be tried again.
      return r.failureReason ? `Waiting to send again (${deliveryFailureLabel(r.failureReason)})` : 'Waiting to send';
    case 'sending':
      return 'Sending';
  }
}
