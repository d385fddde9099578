/** Wire types for the year planner and school calendar (`/api/v1`). Dates are `YYYY-MM-DD`; instants ISO 8601. */
import type { CommunityKind, MeetingMode } from './types';

export interface AcademicYear {
  id: string;
  label: string;
  startsOn: string;
  endsOn: string;
}

export interface AcademicYearsResponse {
  items: AcademicYear[];
}

export type PeriodKind = 'term' | 'half_term' | 'inset_day' | 'closure' | 'bank_holiday';

export interface PeriodInput {
  kind: PeriodKind;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface CalendarPeriod extends PeriodInput {
  id: string;
}

export interface SchoolCalendarResponse {
  year: AcademicYear;
  periods: CalendarPeriod[];
  bankHolidays: { date: string; name: string }[];
  halfTerms: { label: string; startsOn: string; endsOn: string }[];
  canEdit: boolean;
}

export type PlannerRole = 'lead' | 'pd_director';

export interface PlannableCommunity {
  id: string;
  name: string;
  kind: CommunityKind;
  role: PlannerRole;
}

export interface PlannableCommunitiesResponse {
  items: PlannableCommunity[];
}

export type SchoolWeekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri';

export type ModePattern =
  | { kind: 'sequence'; modes: MeetingMode[] }
  | { kind: 'ratio'; ratio: Partial<Record<MeetingMode, number>> };

export type VenuePlan = { kind: 'fixed'; venue: string } | { kind: 'rotation'; venues: string[] };

export interface PlanRequest {
  count?: number;
  cadence?: { per: 'half_term' | 'term' | 'month'; times: number };
  preferredWeekdays: SchoolWeekday[];
  startTime: string;
  durationMinutes: number;
  modePattern: ModePattern;
  venues?: VenuePlan;
  earliest?: string;
  latest?: string;
}

export interface PlannedMeeting {
  id: string;
  sequence: number;
  of: number;
  title: string;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  venue: string | null;
  status: 'scheduled' | 'cancelled';
  joinUrl: string | null;
  published: boolean;
  changedSincePublish: boolean;
}

export interface Plan {
  id: string;
  status: 'draft' | 'published';
  version: number;
  request: PlanRequest | null;
  publishedAt: string | null;
  meetings: PlannedMeeting[];
}

export interface PlanResponse {
  community: { id: string; name: string };
  year: { id: string; label: string };
  plan: Plan | null;
}

export interface ProposedMeeting {
  sequence: number;
  of: number;
  sequenceLabel: string;
  period: string;
  date: string;
  weekday: string;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  venue: string | null;
  label: string;
}

export interface UnplacedMeeting {
  period: string;
  meetingInPeriod: number;
  reason: string;
  explanation: string;
}

export interface ProposalResponse {
  proposal: { meetings: ProposedMeeting[]; unplaced: UnplacedMeeting[]; summary: string };
}

export interface MeetingInput {
  id?: string;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  venue: string | null;
  title?: string;
}

export interface SavePlanBody {
  version: number | null;
  request: PlanRequest;
  meetings: MeetingInput[];
}

export interface MeetingChange {
  version: number;
  startsAt?: string;
  endsAt?: string;
  mode?: MeetingMode;
  venue?: string | null;
  status?: 'cancelled';
}

export interface PublishFailure {
  meetingId: string;
  label: string;
  message: string;
}

export interface PublishSummary {
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  failures: PublishFailure[];
}

export interface PublishRun {
  id: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  failed: number;
  summary: PublishSummary | null;
}

export interface PublishRunResponse {
  run: PublishRun;
}

export interface CalendarFeedResponse {
  url: string;
}
