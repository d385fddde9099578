import type { BearerAuth } from '../shared/bearer-auth';
import type { Clock } from '../shared/clock';
import type { Fault } from '../shared/fault-injector';

export type JsonObject = Record<string, unknown>;

export interface GraphDoubleOptions {
  port?: number;
  host?: string;
  clock?: Clock;
  /** Seed for random faults (default 1). */
  seed?: number;
  /** Require a bearer token the verifier accepts; otherwise 401. Default: accept any or none. */
  auth?: BearerAuth;
  /** Outlook concurrent requests per mailbox (default 4). */
  mailboxConcurrency?: number;
  /** Outlook requests per mailbox per 10 minutes (default 10,000). */
  mailboxRequestsPer10Minutes?: number;
  /** Simulated processing time of each mailbox request, real milliseconds (default 0). */
  latencyMs?: number;
  /** Turn the Outlook limits off. Default on. */
  throttling?: boolean;
  /** Default page size for lists and delta (Graph honours `Prefer: odata.maxpagesize`). Default 10. */
  pageSize?: number;
}

export interface GraphUser {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  mail?: string;
  [property: string]: unknown;
}

export interface AttendanceRecord {
  id?: string;
  emailAddress?: string;
  totalAttendanceInSeconds?: number;
  role?: string;
  identity?: { id?: string; displayName?: string; tenantId?: string };
  attendanceIntervals?: Array<{ joinDateTime: string; leaveDateTime: string; durationInSeconds: number }>;
}

export interface AttendanceReport {
  id: string;
  totalParticipantCount?: number;
  meetingStartDateTime?: string;
  meetingEndDateTime?: string;
  attendanceRecords: AttendanceRecord[];
}

/** One request (top-level or inside a `$batch`) as the double saw and answered it. */
export interface GraphCall {
  method: string;
  /** Path relative to `/v1.0`, decoded. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
  /** Mailbox (user id) the Outlook limits were counted against. */
  mailbox?: string;
  /** Set for requests that arrived inside a batch: the batch's sequence number and the step id. */
  batch?: { sequence: number; stepId: string };
  authorization?: string;
  refusedBy?: 'auth' | 'throttle' | 'fault' | 'dependency';
  fault?: Fault['kind'];
  retryAfterSeconds?: number;
  responseBody?: unknown;
}
