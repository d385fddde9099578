import { Badge, Link, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { ApiClient } from '../../api/client';
import { communityClient, type CommunityPageData } from '../../api/community-client';
import { useApiRequest } from '../../api/use-api-request';
import { PageHeading, SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { communityKindLabel, communityRoleLabel } from '../../format/labels';
import { communityAddressFromHash, type CommunityAddress } from './community-address';
import { CommunityExports } from './community-exports';
import { CommunityMeetings } from './community-meetings';
import { CommunityWaysOfWorking } from './community-ways-of-working';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL, maxWidth: '960px' },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  description: { color: tokens.colorNeutralForeground2, maxWidth: '72ch' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The id in the address, re-read when the hash changes (the router itself ignores the query). */
function useCommunityAddress(): CommunityAddress {
  const [address, setAddress] = useState(() => communityAddressFromHash(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setAddress(communityAddressFromHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return address;
}

/** `#/community?id=...`: what a community's channel tab shows to anyone in the trust. */
export function CommunityPage({ api }: { api: ApiClient }) {
  const address = useCommunityAddress();
  if (address.status === 'missing') {
    return (
      <AddressProblem title="This tab does not name a community">
        The address should end in <code>#/community?id=</code> followed by the community&apos;s id. Ask a community lead to remove this tab and add it
        again, choosing the community.
      </AddressProblem>
    );
  }
  if (address.status === 'malformed') {
    return (
      <AddressProblem title="This tab's community id is not valid">
        &ldquo;{address.value}&rdquo; is not a community id. Ask a community lead to remove this tab and add it again, choosing the community.
      </AddressProblem>
    );
  }
  return <CommunityDetails api={api} communityId={address.id} />;
}

function CommunityDetails({ api, communityId }: { api: ApiClient; communityId: string }) {
  const styles = useStyles();
  const page = useApiRequest((signal) => communityClient(api).community(communityId, signal), [api, communityId]);

  if (page.status === 'loading') return <LoadingIndicator label="Loading the community…" />;
  if (page.status === 'error') {
    if (page.error.status === 404) return <AddressProblem title="Community not found">{page.error.message}</AddressProblem>;
    return (
      <div className={styles.page}>
        <PageHeading>Community</PageHeading>
        <ErrorNotice title="The community could not be loaded" error={page.error} onRetry={page.retry} />
        <HomeLink />
      </div>
    );
  }
  return <CommunityOverview api={api} data={page.data} />;
}

function CommunityOverview({ api, data }: { api: ApiClient; data: CommunityPageData }) {
  const styles = useStyles();
  const { community, leads, you, upcomingMeetings } = data;
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <PageHeading>{community.name}</PageHeading>
        <div className={styles.badges}>
          <Badge appearance="tint" color="informative" shape="rounded">
            {communityKindLabel(community.kind)}
          </Badge>
          {you.role ? (
            <Badge appearance={you.role === 'lead' ? 'filled' : 'outline'} color="brand" shape="rounded">
              You: {communityRoleLabel(you.role).toLowerCase()}
            </Badge>
          ) : null}
          <Badge appearance="outline" color="informative" shape="rounded">
            {community.memberCount === 1 ? '1 member' : `${community.memberCount} members`}
          </Badge>
        </div>
        {community.description ? <Text className={styles.description}>{community.description}</Text> : null}
      </header>

      <section aria-labelledby="priorities-heading" className={styles.section}>
        <SectionHeading id="priorities-heading">Priorities</SectionHeading>
        {community.priorities.length > 0 ? (
          <ul className={styles.list}>
            {community.priorities.map((priority, index) => (
              <li key={index}>{priority}</li>
            ))}
          </ul>
        ) : (
          <Text className={styles.muted}>No priorities set yet.</Text>
        )}
      </section>

      <section aria-labelledby="leads-heading" className={styles.section}>
        <SectionHeading id="leads-heading">{leads.length === 1 ? 'Lead' : 'Leads'}</SectionHeading>
        {leads.length > 0 ? (
          <ul className={styles.list}>
            {leads.map((lead) => (
              <li key={lead.id}>{lead.academyName ? `${lead.displayName}, ${lead.academyName}` : lead.displayName}</li>
            ))}
          </ul>
        ) : (
          <Text className={styles.muted}>This community has no lead at the moment. Ask the PD director who to contact.</Text>
        )}
      </section>

      <section aria-labelledby="meetings-heading" className={styles.section}>
        <SectionHeading id="meetings-heading">Upcoming meetings</SectionHeading>
        {upcomingMeetings.length > 0 ? (
          <CommunityMeetings meetings={upcomingMeetings} labelledBy="meetings-heading" />
        ) : (
          <Text className={styles.muted}>No upcoming meetings. When a lead publishes the year&apos;s dates they appear here.</Text>
        )}
      </section>

      <CommunityWaysOfWorking api={api} communityId={community.id} communityName={community.name} />

      <CommunityExports api={api} communityId={community.id} yearLabel={data.academicYearLabel} role={you.role} />
    </div>
  );
}

/** A bad or stale tab address: say what is wrong and offer the way home, never a blank page. */
function AddressProblem({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <PageHeading>Community</PageHeading>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {children}
        </MessageBarBody>
      </MessageBar>
      <HomeLink />
    </div>
  );
}

function HomeLink() {
  return (
    <Text as="p">
      <Link href="#/">Go to Home</Link> to see your own communities and meetings.
    </Text>
  );
}
