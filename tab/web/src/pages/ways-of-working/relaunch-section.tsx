import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../../api/client';
import { useApiRequest } from '../../api/use-api-request';
import { waysOfWorkingClient } from '../../api/ways-of-working-client';
import { SectionHeading, SubsectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { formatDate } from '../../format/dates';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  part: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Who has and has not acknowledged this year's Ways of Working, per academy and per community (leads see their own). */
export function RelaunchSection({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const status = useApiRequest((signal) => waysOfWorkingClient(api).relaunchStatus(signal), [api]);
  return (
    <section aria-labelledby="relaunch-heading" className={styles.section}>
      <SectionHeading id="relaunch-heading">This year&apos;s relaunch</SectionHeading>
      {status.status === 'loading' ? <LoadingIndicator label="Loading the relaunch…" /> : null}
      {/* Members may not see who has acknowledged: say who can, rather than show an error. */}
      {status.status === 'error' && status.error.status === 403 ? (
        <Text className={styles.muted}>Community leads, the PD director and trust administrators see here who has acknowledged the year&apos;s Ways of Working.</Text>
      ) : null}
      {status.status === 'error' && status.error.status !== 403 ? <ErrorNotice title="The relaunch could not be loaded" error={status.error} onRetry={status.retry} /> : null}
      {status.status === 'ready' && !status.data.relaunch ? <Text className={styles.muted}>No relaunch has been set for this year yet.</Text> : null}
      {status.status === 'ready' && status.data.relaunch ? (
        <>
          <Text>
            {status.data.relaunch.yearLabel}: {status.data.relaunch.launchedAt ? `sent on ${formatDate(status.data.relaunch.launchedAt)}` : `goes out on ${formatDate(status.data.relaunch.launchOn)}`}
          </Text>
          <div className={styles.part}>
            <SubsectionHeading id="academies-heading">By academy</SubsectionHeading>
            <Table aria-labelledby="academies-heading" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Academy</TableHeaderCell>
                  <TableHeaderCell>Acknowledged</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {status.data.academies.map((academy) => (
                  <TableRow key={academy.academyId ?? 'central'}>
                    <TableCell>{academy.name}</TableCell>
                    <TableCell>
                      {academy.acknowledged} of {academy.total}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {status.data.communities.map((community) => (
            <div key={community.communityId} className={styles.part}>
              <SubsectionHeading id={`relaunch-${community.communityId}`}>
                {community.name}: {community.acknowledged} of {community.total}
              </SubsectionHeading>
              <Table aria-labelledby={`relaunch-${community.communityId}`} size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Member</TableHeaderCell>
                    <TableHeaderCell>Academy</TableHeaderCell>
                    <TableHeaderCell>Status</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {community.members.map((member) => (
                    <TableRow key={member.personId}>
                      <TableCell>{member.name}</TableCell>
                      <TableCell>{member.academy ?? 'Central team'}</TableCell>
                      <TableCell>
                        {member.acknowledgedAt
                          ? `Acknowledged ${formatDate(member.acknowledgedAt)}`
                          : member.deliveryFailure
                            ? 'Card could not be delivered'
                            : `Not yet (${member.remindersSent} of 2 reminders sent)`}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}
