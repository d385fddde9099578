import { Field, Link, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import type { FeedbackClient } from '../../api/feedback-client';
import { useApiRequest } from '../../api/use-api-request';
import { SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { formatDate } from '../../format/dates';
import { deliveryReportHash } from './delivery-report';

export const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/**
 * A community lead's view: how each academy's members responded and what they talked about, and
 * each meeting's cards with a link to its delivery report. The Feedback page keeps the chosen
 * community, so coming back from a report shows the same one.
 */
export function CommunityOverviewView(props: { client: FeedbackClient; communities: { id: string; name: string }[]; communityId: string; onCommunityChange: (id: string) => void }) {
  const { client, communities, communityId, onCommunityChange } = props;
  const overview = useApiRequest((signal) => client.community(communityId, signal), [client, communityId]);
  return (
    <>
      <Field label="Community">
        <Select value={communityId} onChange={(_, data) => onCommunityChange(data.value)}>
          {communities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      {overview.status === 'loading' ? <LoadingIndicator label="Loading the community's feedback…" /> : null}
      {overview.status === 'error' ? <ErrorNotice title="The community's feedback could not be loaded" error={overview.error} onRetry={overview.retry} /> : null}
      {overview.status === 'ready' && overview.data.academies.length === 0 ? <Text>No meeting of this community has asked for feedback yet.</Text> : null}
      {overview.status === 'ready' && overview.data.academies.length > 0 ? (
        <>
          <SectionHeading>Response rates and themes</SectionHeading>
          <Table aria-label={`Response rates and themes by academy for ${overview.data.community.name}`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Academy</TableHeaderCell>
                <TableHeaderCell>Answered</TableHeaderCell>
                <TableHeaderCell>Response rate</TableHeaderCell>
                <TableHeaderCell>Themes</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {overview.data.academies.map((a) => (
                <TableRow key={a.academyId ?? 'none'}>
                  <TableCell>{a.academyName}</TableCell>
                  <TableCell>
                    {a.answered} of {a.asked}
                  </TableCell>
                  <TableCell>{percent(a.rate)}</TableCell>
                  <TableCell>{a.themes.length > 0 ? a.themes.join(', ') : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
      {overview.status === 'ready' && overview.data.meetings.length > 0 ? (
        <>
          <SectionHeading id="card-delivery">Feedback cards by meeting</SectionHeading>
          <Table aria-labelledby="card-delivery">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Meeting</TableHeaderCell>
                <TableHeaderCell>Date</TableHeaderCell>
                <TableHeaderCell>Delivered</TableHeaderCell>
                <TableHeaderCell>Failed</TableHeaderCell>
                <TableHeaderCell>Answered</TableHeaderCell>
                <TableHeaderCell>Who the cards reached</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {overview.data.meetings.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>{m.title}</TableCell>
                  <TableCell>{formatDate(m.startsAt)}</TableCell>
                  <TableCell>
                    {m.sent} of {m.asked}
                  </TableCell>
                  <TableCell>{m.failed}</TableCell>
                  <TableCell>{m.answered}</TableCell>
                  <TableCell>
                    <Link href={deliveryReportHash(m.id)} aria-label={`Delivery report for ${m.title}, ${formatDate(m.startsAt)}`}>
                      Delivery report
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
    </>
  );
}
