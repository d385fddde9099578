import type { ApiClient } from './client';

/** Types and calls of `/api/v1/ways-of-working`, matching the server's zod schemas. */
export interface WaysOfWorkingValue {
  title: string;
  meaning: string;
}

export interface WaysOfWorkingVersion {
  id: string;
  communityId: string | null;
  version: number;
  title: string;
  /** `2026-09-01`: meetings on or after this date use this version, until a later one takes effect. */
  effectiveFrom: string;
  content: { values: WaysOfWorkingValue[]; behaviours: string[] };
}

/** The trust framework's or a community's versions, and whether the caller may add one. */
export interface WaysOfWorkingVersions {
  inForce: WaysOfWorkingVersion | null;
  /** Newest first. `savedBy` is null for the wording the app loaded itself. */
  versions: Array<WaysOfWorkingVersion & { savedAt: string; savedBy: string | null }>;
  canEdit: boolean;
}

/** A new version as the server checks it; a community's version has no values. */
export interface WaysOfWorkingInput {
  title: string;
  effectiveFrom: string;
  values?: WaysOfWorkingValue[];
  behaviours: string[];
}

export interface MeetingSidePanel {
  card: {
    meetingId: string;
    communityId: string;
    communityName: string;
    meetingTitle: string;
    sequenceLabel: string | null;
    when: string;
    modeLabel: string;
    venue: string | null;
    priorities: string[];
    frameworkTitle: string;
    frameworkVersion: number | null;
    values: WaysOfWorkingValue[];
    trustBehaviours: string[];
    communityBehaviours: string[];
    communityVersion: number | null;
    acknowledgedCount: number;
    memberCount: number;
    communityTabUrl: string;
    meetingPageUrl: string;
    feedbackNote: string;
  };
  acknowledged: Array<{ personId: string; name: string; at: string }>;
  opening: { state: 'not_posted' | 'claimed' | 'sent' | 'failed'; postedAt: string | null; failure: string | null };
  you: { isLead: boolean; isMember: boolean; acknowledged: boolean };
}

export interface RelaunchStatus {
  relaunch: { id: string; yearLabel: string; launchOn: string; launchedAt: string | null } | null;
  communities: Array<{
    communityId: string;
    name: string;
    acknowledged: number;
    total: number;
    members: Array<{ personId: string; name: string; academy: string | null; acknowledgedAt: string | null; remindersSent: number; deliveryFailure: string | null }>;
  }>;
  academies: Array<{ academyId: string | null; name: string; acknowledged: number; total: number }>;
}

export function waysOfWorkingClient(api: ApiClient) {
  return {
    meeting: (where: { meetingId?: string; chatId?: string }, signal?: AbortSignal) => {
      const query = new URLSearchParams(Object.entries(where).filter((entry): entry is [string, string] => Boolean(entry[1])));
      const suffix = query.size > 0 ? `?${query.toString()}` : '';
      return api.requestJson<MeetingSidePanel>('GET', `/ways-of-working/meeting${suffix}`, undefined, signal);
    },
    start: (meetingId: string) => api.requestJson<{ status: string; message: string }>('POST', `/ways-of-working/meetings/${meetingId}/start`),
    acknowledge: (meetingId: string) => api.requestJson<{ status: string }>('POST', `/ways-of-working/meetings/${meetingId}/acknowledge`),
    relaunchStatus: (signal?: AbortSignal) => api.requestJson<RelaunchStatus>('GET', '/ways-of-working/relaunch', undefined, signal),
    trustFramework: (signal?: AbortSignal) => api.requestJson<WaysOfWorkingVersions>('GET', '/ways-of-working/framework', undefined, signal),
    saveTrustFramework: (input: WaysOfWorkingInput) => api.requestJson<WaysOfWorkingVersion>('POST', '/ways-of-working/framework/versions', input),
    communityWaysOfWorking: (communityId: string, signal?: AbortSignal) =>
      api.requestJson<WaysOfWorkingVersions>('GET', `/ways-of-working/communities/${encodeURIComponent(communityId)}`, undefined, signal),
    saveCommunityWaysOfWorking: (communityId: string, input: WaysOfWorkingInput) =>
      api.requestJson<WaysOfWorkingVersion>('POST', `/ways-of-working/communities/${encodeURIComponent(communityId)}/versions`, input),
  };
}
