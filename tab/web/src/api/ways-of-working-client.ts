import type * as content from '../../../../core/ways-of-working/content';
import type * as relaunch from '../../../../core/ways-of-working/relaunch';
import type * as sidePanel from '../../../../core/ways-of-working/side-panel';
import type { ApiClient } from './client';
import type { Json } from './json';

/** Types and calls of `/api/v1/ways-of-working`: the shapes are core's, as JSON. */
export type WaysOfWorkingVersion = Json<content.WaysOfWorkingVersion>;
export type WaysOfWorkingValue = WaysOfWorkingVersion['content']['values'][number];

/** The trust framework's or a community's versions, and whether the caller may add one. */
export interface WaysOfWorkingVersions {
  inForce: WaysOfWorkingVersion | null;
  /** Newest first. `savedBy` is null for the wording the app loaded itself. */
  versions: Json<content.SavedWaysOfWorkingVersion>[];
  canEdit: boolean;
}

/** A new version as the server checks it; a community's version has no values. */
export type WaysOfWorkingInput = Json<content.WaysOfWorkingInputBody>;
export type MeetingSidePanel = Json<sidePanel.SidePanelView>;
export type RelaunchStatus = Json<relaunch.RelaunchStatus>;

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
