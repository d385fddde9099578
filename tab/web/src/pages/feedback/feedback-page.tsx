import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { feedbackClient } from '../../api/feedback-client';
import { useApiRequest } from '../../api/use-api-request';
import { PageHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { useHashParam } from '../../shell/hash-router';
import { AcademyFeedbackView } from './academy-feedback';
import { CommunityOverviewView } from './community-overview';
import { DeliveryReportView, deliveryParam } from './delivery-report';
import { MyFeedbackView } from './my-feedback';
import { TrustHeatmap } from './trust-heatmap';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/** Printing the SLT pack leaves out the app's banner, navigation and controls. */
const printCss = `@media print {
  header, nav, footer, .no-print, [role="tablist"] { display: none !important; }
  main { padding: 0 !important; }
}`;

type Section = 'mine' | 'academy' | 'community' | 'trust';

/** Feedback for SLTs: a member's own answers, the PD lead's collation, a community lead's and the PD director's overviews and delivery reports. */
export function FeedbackPage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const client = useMemo(() => feedbackClient(api), [api]);
  const access = useApiRequest((signal) => client.access(signal), [client]);
  const [chosen, setChosen] = useState<Section | null>(null);
  const [chosenCommunityId, setChosenCommunityId] = useState<string | null>(null);
  const deliveryMeetingId = useHashParam(deliveryParam);

  return (
    <div className={styles.page}>
      <style>{printCss}</style>
      <PageHeading>Feedback</PageHeading>
      {deliveryMeetingId ? <DeliveryReportView client={client} meetingId={deliveryMeetingId} /> : null}
      {!deliveryMeetingId && access.status === 'loading' ? <LoadingIndicator label="Loading feedback…" /> : null}
      {!deliveryMeetingId && access.status === 'error' ? <ErrorNotice title="Feedback could not be loaded" error={access.error} onRetry={access.retry} /> : null}
      {!deliveryMeetingId && access.status === 'ready'
        ? (() => {
            const { director, pdLeadAcademies, ledCommunities } = access.data;
            const fallback: Section = pdLeadAcademies.length > 0 ? 'academy' : director ? 'trust' : ledCommunities.length > 0 ? 'community' : 'mine';
            const section = chosen ?? fallback;
            return (
              <>
                <TabList selectedValue={section} onTabSelect={(_, data) => setChosen(data.value as Section)} aria-label="Feedback sections">
                  <Tab value="mine">My feedback</Tab>
                  {pdLeadAcademies.length > 0 ? <Tab value="academy">{director ? 'Academies' : 'My academy'}</Tab> : null}
                  {ledCommunities.length > 0 ? <Tab value="community">Communities</Tab> : null}
                  {director ? <Tab value="trust">Trust heatmap</Tab> : null}
                </TabList>
                {section === 'mine' ? <MyFeedbackView client={client} /> : null}
                {section === 'academy' && pdLeadAcademies.length > 0 ? <AcademyFeedbackView client={client} academies={pdLeadAcademies} /> : null}
                {section === 'community' && ledCommunities.length > 0 ? (
                  <CommunityOverviewView client={client} communities={ledCommunities} communityId={chosenCommunityId ?? ledCommunities[0]!.id} onCommunityChange={setChosenCommunityId} />
                ) : null}
                {section === 'trust' && director ? <TrustHeatmap client={client} /> : null}
              </>
            );
          })()
        : null}
    </div>
  );
}
