/** Wire types for the year planner and school calendar (`/api/v1`): core/planner's shapes, as JSON. Dates are `YYYY-MM-DD`; instants ISO 8601. */
import type * as calendarService from '../../../../core/planner/calendar-service';
import type * as repository from '../../../../core/planner/plan-repository';
import type * as planRequest from '../../../../core/planner/plan-request';
import type * as planService from '../../../../core/planner/plan-service';
import type * as permissions from '../../../../core/planner/planner-permissions';
import type * as proposal from '../../../../core/planner/propose-dates';
import type * as publishing from '../../../../core/planner/publish-service';
import type * as schoolCalendar from '../../../../core/planner/school-calendar';
import type { Json } from './json';

export type AcademicYear = Json<calendarService.AcademicYearSummary>;

export interface AcademicYearsResponse {
  items: AcademicYear[];
}

export type PeriodKind = schoolCalendar.CalendarPeriodKind;
export type PeriodInput = Json<schoolCalendar.CalendarPeriod>;
export type CalendarPeriod = PeriodInput & { id: string };
export type SchoolCalendarResponse = Json<calendarService.SchoolCalendarView>;

export type PlannerRole = permissions.PlannerRole;
export type PlannableCommunity = Json<permissions.PlannableCommunity>;

export interface PlannableCommunitiesResponse {
  items: PlannableCommunity[];
}

export type SchoolWeekday = planRequest.SchoolWeekday;

/** What the tab sends: the engine's request less what the server adds (community, year, busy times). */
export type PlanRequest = Omit<Json<planRequest.PlanRequestInput>, 'communityId' | 'academicYear' | 'busyTimes'>;
export type ModePattern = PlanRequest['modePattern'];
export type VenuePlan = NonNullable<PlanRequest['venues']>;

export type PlannedMeeting = Json<repository.PlannedMeeting>;

export interface Plan extends Omit<NonNullable<Json<repository.PlanView>['plan']>, 'request'> {
  /** Stored as the tab sent it; core keeps it as opaque JSON. */
  request: PlanRequest | null;
}

export interface PlanResponse extends Omit<Json<repository.PlanView>, 'plan'> {
  plan: Plan | null;
}

export type ProposedMeeting = Json<proposal.ProposedMeeting>;
export type UnplacedMeeting = Json<proposal.UnplacedMeeting>;

export interface ProposalResponse {
  proposal: Json<proposal.Proposal>;
}

export type MeetingInput = Json<planService.MeetingInput>;

export interface SavePlanBody {
  version: number | null;
  request: PlanRequest;
  meetings: MeetingInput[];
}

export type MeetingChange = Json<planService.MeetingChange>;
export type PublishFailure = Json<publishing.PublishFailureEntry>;
export type PublishSummary = Json<publishing.PublishSummary>;
export type PublishRun = Json<publishing.PublishRunView>;

export interface PublishRunResponse {
  run: PublishRun;
}

export interface CalendarFeedResponse {
  url: string;
}
