import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import type { FeedbackClient } from '../../api/feedback-client';
import { useApiRequest } from '../../api/use-api-request';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';

const dateFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });

/** A member's own feedback: what they were asked, what they said, and where their PD lead has taken it. */
export function MyFeedbackView({ client }: { client: FeedbackClient }) {
  const mine = useApiRequest((signal) => client.mine(signal), [client]);
  if (mine.status === 'loading') return <LoadingIndicator label="Loading your feedback…" />;
  if (mine.status === 'error') return <ErrorNotice title="Your feedback could not be loaded" error={mine.error} onRetry={mine.retry} />;
  if (mine.data.items.length === 0) return <Text>No meeting has asked you for feedback yet. After a community meeting, the app sends you a card in Teams.</Text>;
  return (
    <Table aria-label="My feedback">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Meeting</TableHeaderCell>
          <TableHeaderCell>What you told your SLT</TableHeaderCell>
          <TableHeaderCell>Where it is</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {mine.data.items.map((item) => (
          <TableRow key={item.requestId}>
            <TableCell>
              {item.communityName}: {item.meetingTitle} ({dateFormat.format(new Date(item.startsAt))})
            </TableCell>
            <TableCell>{!item.answered ? 'Not answered yet: use the card in your chat with the app.' : item.nothingToReport ? 'Nothing to report' : item.forSlt || item.keyMessages}</TableCell>
            <TableCell>{item.status ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
