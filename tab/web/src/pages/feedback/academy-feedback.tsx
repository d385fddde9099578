import { Button, Field, MessageBar, MessageBarBody, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiError } from '../../api/client';
import { itemStatusLabels, type AcademyFilters, type FeedbackClient, type ItemStatus } from '../../api/feedback-client';
import { toApiError, useApiRequest } from '../../api/use-api-request';
import { SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { percent } from './community-overview';
import { FeedbackItemCard } from './feedback-item-card';
import { SltPackPanel } from './slt-pack-panel';

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  items: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The PD lead's collation: filters, response rates per community with "you said, we did", each item's workflow, and the SLT pack. */
export function AcademyFeedbackView({ client, academies }: { client: FeedbackClient; academies: { id: string; name: string }[] }) {
  const styles = useStyles();
  const [academyId, setAcademyId] = useState(academies[0]?.id ?? '');
  const [filters, setFilters] = useState<AcademyFilters>({});
  const [posting, setPosting] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<{ title: string; error: ApiError } | null>(null);
  const view = useApiRequest((signal) => client.academy(academyId, filters, signal), [client, academyId, filters]);

  const post = async (communityId: string, communityName: string) => {
    setPosting(communityId);
    setNotice(null);
    setError(null);
    try {
      const result = await client.youSaidWeDid(academyId, communityId);
      setNotice(`Posted "you said, we did" with ${result.posted} ${result.posted === 1 ? 'item' : 'items'} to the ${communityName} channel.`);
    } catch (cause) {
      setError({ title: '"You said, we did" was not posted', error: toApiError(cause) });
    } finally {
      setPosting(null);
    }
  };

  return (
    <>
      <div className={`${styles.filters} no-print`}>
        {academies.length > 1 ? (
          <Field label="Academy">
            <Select value={academyId} onChange={(_, data) => setAcademyId(data.value)}>
              {academies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {view.status === 'ready' ? (
          <>
            <Field label="Term">
              <Select value={filters.termId ?? ''} onChange={(_, data) => setFilters({ ...filters, termId: data.value || undefined })}>
                <option value="">All terms</option>
                {view.data.terms.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.startsOn.slice(0, 4)})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Community">
              <Select value={filters.communityId ?? ''} onChange={(_, data) => setFilters({ ...filters, communityId: data.value || undefined })}>
                <option value="">All communities</option>
                {view.data.communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Status">
              <Select value={filters.status ?? ''} onChange={(_, data) => setFilters({ ...filters, status: (data.value || undefined) as AcademyFilters['status'] })}>
                <option value="">Any status</option>
                <option value="unanswered">Not answered yet</option>
                {(Object.keys(itemStatusLabels) as ItemStatus[]).map((s) => (
                  <option key={s} value={s}>
                    {itemStatusLabels[s]}
                  </option>
                ))}
              </Select>
            </Field>
          </>
        ) : null}
      </div>
      {notice ? (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {error ? <ErrorNotice title={error.title} error={error.error} /> : null}
      {view.status === 'loading' ? <LoadingIndicator label="Loading the academy's feedback…" /> : null}
      {view.status === 'error' ? <ErrorNotice title="The academy's feedback could not be loaded" error={view.error} onRetry={view.retry} /> : null}
      {view.status === 'ready' ? (
        <>
          <SectionHeading id="response-rates">Response rate by community</SectionHeading>
          {view.data.responseRates.length === 0 ? <Text>No colleague from {view.data.academy.name} has been asked for feedback with these filters.</Text> : null}
          {view.data.responseRates.length > 0 ? (
            <Table aria-labelledby="response-rates">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Community</TableHeaderCell>
                  <TableHeaderCell>Answered</TableHeaderCell>
                  <TableHeaderCell>Response rate</TableHeaderCell>
                  <TableHeaderCell className="no-print">Tell the community</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.data.responseRates.map((r) => (
                  <TableRow key={r.communityId}>
                    <TableCell>{r.communityName}</TableCell>
                    <TableCell>
                      {r.answered} of {r.asked}
                    </TableCell>
                    <TableCell>{percent(r.rate)}</TableCell>
                    <TableCell className="no-print">
                      <Button size="small" disabled={posting !== null} onClick={() => void post(r.communityId, r.communityName)}>
                        {posting === r.communityId ? 'Posting…' : 'Post "you said, we did"'}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
          <SectionHeading id="feedback-items">Feedback by community and meeting</SectionHeading>
          <div className={styles.items}>
            {view.data.items.map((item) => (
              <FeedbackItemCard key={item.requestId} client={client} item={item} />
            ))}
            {view.data.nextCursor ? <Text>Showing the 200 most recent; narrow the filters to see older feedback.</Text> : null}
          </div>
          <SltPackPanel client={client} academyId={academyId} academyName={view.data.academy.name} />
        </>
      ) : null}
    </>
  );
}
