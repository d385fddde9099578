import type { ApiClient } from './client';
import type { CommunityKind, CommunityRole, MeetingMode } from './types';
import type { WaysOfWorkingValue } from './ways-of-working-client';

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

export interface WaysOfWorkingVersion {
  id: string;
  communityId: string | null;
  version: number;
  title: string;
  effectiveFrom: string;
  content: { values: WaysOfWorkingValue[]; behaviours: string[] };
}

export interface WaysOfWorkingVersions {
  inForce: WaysOfWorkingVersion | null;
  versions: WaysOfWorkingVersion[];
  canEdit: boolean;
}

export function communityClient(api: ApiClient) {
  return {
    community: (communityId: string, signal?: AbortSignal) =>
      api.requestJson<CommunityPageData>('GET', `/communities/${encodeURIComponent(communityId)}`, undefined, signal),
    trustFramework: (signal?: AbortSignal) => api.requestJson<WaysOfWorkingVersions>('GET', '/ways-of-working/framework', undefined, signal),
    communityWaysOfWorking: (communityId: string, signal?: AbortSignal) =>
      api.requestJson<WaysOfWorkingVersions>('GET', `/ways-of-working/communities/${encodeURIComponent(communityId)}`, undefined, signal),
  };
}
