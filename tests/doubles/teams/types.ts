import type { BearerAuth } from '../shared/bearer-auth';
import type { Clock } from '../shared/clock';
import type { Fault } from '../shared/fault-injector';

export type JsonObject = Record<string, unknown>;

/** A roster entry as the connector returns it (`TeamsChannelAccount`). */
export interface TeamsMember {
  id: string;
  name?: string;
  aadObjectId?: string;
  userPrincipalName?: string;
  email?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: string;
}

/** `GET /v1/meetings/{meetingId}` answer (`TeamsMeetingInfo`). */
export interface MeetingInfo {
  details: {
    id: string;
    msGraphResourceId?: string;
    scheduledStartTime?: string;
    scheduledEndTime?: string;
    joinUrl?: string;
    title?: string;
    type?: string;
  };
  conversation?: { id: string; isGroup?: boolean; conversationType?: string };
  organizer?: { id?: string; aadObjectId?: string; tenantId?: string; userRole?: string };
}

export type TeamsOperation =
  | 'createConversation'
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getConversationMembers'
  | 'getConversationPagedMembers'
  | 'getConversationMember'
  | 'fetchChannelList'
  | 'fetchMeetingInfo'
  | 'sendMeetingNotification'
  | 'unknown';

/** One request as the double saw it and answered it. */
export interface RecordedCall {
  operation: TeamsOperation;
  method: string;
  /** Path as sent (still percent-encoded). */
  path: string;
  query: Record<string, string>;
  /** Decoded ids from the path. */
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  meetingId?: string;
  teamId?: string;
  body: unknown;
  status: number;
  /** Clock time the request arrived. */
  at: number;
  authorization?: string;
  /** Why the double refused, when it did not answer normally. */
  refusedBy?: 'auth' | 'rate-limit' | 'fault' | 'state';
  fault?: Fault['kind'];
  retryAfterSeconds?: number;
  responseBody?: unknown;
}

/** An activity the bot posted successfully, with its latest state. */
export interface SentActivity {
  conversationId: string;
  id: string;
  activity: JsonObject;
  replyToId?: string;
  at: number;
  updates: number;
  deleted: boolean;
}

export interface RecordedNotification {
  meetingId: string;
  notification: JsonObject;
  at: number;
}

export interface TeamsDoubleOptions {
  port?: number;
  host?: string;
  clock?: Clock;
  /** Seed for random faults (default 1). */
  seed?: number;
  /** Require a bearer token the verifier accepts; otherwise 401. Default: accept any or none. */
  auth?: BearerAuth;
  /** Per app per tenant global limit (requests per second). Default 50 (older page: 30). */
  tenantRequestsPerSecond?: number;
  /** Turn all rate limits off (for tests about something else). Default on. */
  rateLimits?: boolean;
  /** Refuse sends to conversations that were neither seeded nor created (404). Default off. */
  strictConversations?: boolean;
  /** 413 MessageSizeTooBig above this many request bytes. Default 28 KB (Teams' message limit is about 28 KB). */
  maxMessageBytes?: number;
  /** Tenant used for the global limit when a request names none. */
  defaultTenantId?: string;
}

export interface SeedConversation {
  id: string;
  tenantId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  members?: TeamsMember[];
}
