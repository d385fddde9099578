import { Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { FeedbackClient } from '../../api/feedback-client';
import { useApiRequest } from '../../api/use-api-request';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';

export const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** A community lead's view: how each academy's members responded and what they talked about. */
export function CommunityOverviewView({ client, communities }: { client: FeedbackClient; communities: { id: string; name: string }[] }) {
  const [communityId, setCommunityId] = useState(communities[0]?.id ?? '');
  const overview = useApiRequest((signal) => client.community(communityId, signal), [client, communityId]);
  return (
    <>
      <Field label="Community">
        <Select value={communityId} onChange={(_, data) => setCommunityId(data.value)}>
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
      ) : null}
    </>
  );
}
