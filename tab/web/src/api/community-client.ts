import type * as details from '../../../../core/communities/community-details';
import type { ApiClient } from './client';
import type { Json } from './json';

/** Types and calls behind a community's channel tab: core's community details, as the route arranges them. */
export type CommunityMeeting = Json<details.CommunityMeeting>;

export interface CommunityPageData {
  community: Pick<details.CommunityDetails, 'id' | 'name' | 'kind' | 'description' | 'priorities' | 'memberCount'>;
  leads: details.CommunityLead[];
  you: { role: details.CommunityDetails['viewerRole'] };
  upcomingMeetings: CommunityMeeting[];
  academicYearLabel: string | null;
}

export function communityClient(api: ApiClient) {
  return {
    community: (communityId: string, signal?: AbortSignal) =>
      api.requestJson<CommunityPageData>('GET', `/communities/${encodeURIComponent(communityId)}`, undefined, signal),
  };
}
