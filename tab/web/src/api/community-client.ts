import type { ApiClient } from './client';
import type { CommunityKind, CommunityRole, MeetingMode } from './types';

/** Types and calls behind a community's channel tab, matching the server's zod schemas. */
export interface CommunityMeeting {
  id: string;
  title: string;
  sequence: number | null;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  venue: string | null;
  joinUrl: string | null;
}

export interface CommunityPageData {
  community: { id: string; name: string; kind: CommunityKind; description: string; priorities: string[]; memberCount: number };
  leads: Array<{ id: string; displayName: string; academyName: string | null }>;
  you: { role: CommunityRole | null };
  upcomingMeetings: CommunityMeeting[];
  academicYearLabel: string | null;
}

export function communityClient(api: ApiClient) {
  return {
    community: (communityId: string, signal?: AbortSignal) =>
      api.requestJson<CommunityPageData>('GET', `/communities/${encodeURIComponent(communityId)}`, undefined, signal),
  };
}
