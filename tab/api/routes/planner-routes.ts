import { z } from 'zod';
import { plannableCommunities } from '../../../core/planner/planner-permissions';
import type { PlanPublisher } from '../../../core/planner/publish-service';
import { changeMeeting, getPlan, meetingChangeSchema, meetingInputSchema, proposePlan, savePlan } from '../../../core/planner/plan-service';
import { defineRoute } from '../api-route';
import { meetingModeSchema } from './api-schemas';

const isoDateTime = z.string().describe('ISO 8601 date-time');
const planParams = z.object({ communityId: z.string(), yearId: z.string() });
const planRequestBody = z
  .record(z.string(), z.unknown())
  .describe('The planner request (count or cadence, preferredWeekdays, startTime, durationMinutes, modePattern, venues, earliest, latest); the server adds the community, year and busy times.');

const plannedMeetingSchema = z.object({
  id: z.uuid(),
  sequence: z.number().int(),
  of: z.number().int(),
  title: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  mode: meetingModeSchema,
  venue: z.string().nullable(),
  status: z.enum(['scheduled', 'cancelled']),
  joinUrl: z.string().nullable(),
  published: z.boolean(),
  changedSincePublish: z.boolean(),
});

const proposalSchema = z.object({
  communityId: z.string(),
  academicYear: z.string(),
  requested: z.number().int(),
  meetings: z.array(
    z.object({
      sequence: z.number().int(),
      of: z.number().int(),
      sequenceLabel: z.string(),
      period: z.string(),
      date: z.string(),
      weekday: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
      startsAt: isoDateTime,
      endsAt: isoDateTime,
      mode: meetingModeSchema,
      venue: z.string().nullable(),
      label: z.string(),
    }),
  ),
  unplaced: z.array(
    z.object({
      period: z.string(),
      meetingInPeriod: z.number().int(),
      reason: z.enum(['no_school_days', 'no_preferred_weekday', 'clashes', 'not_enough_days']),
      explanation: z.string(),
      clashes: z.array(z.object({ communityName: z.string(), startsAt: isoDateTime, endsAt: isoDateTime, label: z.string() })),
    }),
  ),
  summary: z.string(),
});

export const planViewSchema = z.object({
  community: z.object({ id: z.uuid(), name: z.string() }),
  year: z.object({ id: z.uuid(), label: z.string() }),
  plan: z
    .object({
      id: z.uuid(),
      status: z.enum(['draft', 'published']),
      version: z.number().int(),
      request: z.record(z.string(), z.unknown()),
      publishedAt: isoDateTime.nullable(),
      meetings: z.array(plannedMeetingSchema),
    })
    .nullable(),
});

export const plannerRoutes = [
  defineRoute({
    method: 'get',
    path: '/planner/communities',
    summary: 'Communities the signed-in person may plan: those they lead, and all of them for the PD director.',
    auth: 'person',
    response: z.object({
      items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['community', 'strategic_development_group', 'team_networking_group']), role: z.enum(['lead', 'pd_director']) })),
    }),
    handle: async ({ deps, caller }) => ({ items: await plannableCommunities(deps.db, caller.trustId, caller.personId, deps.clock.now()) }),
  }),
  defineRoute({
    method: 'get',
    path: '/communities/:communityId/plans/:yearId',
    summary: "A community's meeting plan for an academic year (plan is null before the first save).",
    auth: 'person',
    params: planParams,
    response: planViewSchema,
    handle: async ({ deps, caller, params }) => getPlan(deps.db, caller, params.communityId, params.yearId, deps.clock.now()),
  }),
  defineRoute({
    method: 'post',
    path: '/communities/:communityId/plans/:yearId/proposal',
    summary: "Proposes meeting dates on school days, clear of members' other communities' meetings. Nothing is saved.",
    auth: 'person',
    params: planParams,
    body: planRequestBody,
    response: z.object({ proposal: proposalSchema }),
    handle: async ({ deps, caller, params, body }) => ({ proposal: await proposePlan(deps.db, caller, params.communityId, params.yearId, body, deps.clock.now()) }),
  }),
  defineRoute({
    method: 'put',
    path: '/communities/:communityId/plans/:yearId',
    summary: 'Saves the draft plan. 409 plan_changed when version is not the stored one (null for a new plan).',
    auth: 'person',
    params: planParams,
    body: z.object({ version: z.number().int().nullable(), request: planRequestBody, meetings: z.array(meetingInputSchema).max(200, { error: 'a plan holds at most 200 meetings' }) }),
    response: planViewSchema,
    handle: async ({ deps, caller, params, body }) => savePlan(deps.db, caller, params.communityId, params.yearId, body, deps.clock.now()),
  }),
  defineRoute({
    method: 'patch',
    path: '/meetings/:meetingId',
    summary: "Moves, changes the mode or venue of, or cancels one planned meeting; version is the plan's.",
    auth: 'person',
    params: z.object({ meetingId: z.string() }),
    body: meetingChangeSchema,
    response: planViewSchema,
    handle: async ({ deps, caller, params, body }) => changeMeeting(deps.db, caller, params.meetingId, body, deps.clock.now()),
  }),
];

const publishRunSchema = z.object({
  id: z.uuid(),
  status: z.enum(['running', 'completed', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  summary: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    cancelled: z.number().int(),
    unchanged: z.number().int(),
    failures: z.array(z.object({ meetingId: z.string(), label: z.string(), message: z.string() })),
    warnings: z.array(z.string()),
  }),
});

/** Publishing runs in the background; the tab polls the run for progress. */
export function publishRoutes(publisher: PlanPublisher) {
  return [
    defineRoute({
      method: 'post',
      path: '/communities/:communityId/plans/:yearId/publish',
      summary: "Starts publishing the saved plan to the lead's Outlook calendar (or returns the run under way); poll the run for progress.",
      auth: 'person',
      params: planParams,
      response: z.object({ run: publishRunSchema }),
      handle: async ({ caller, params }) => ({ run: await publisher.start(caller, params.communityId, params.yearId) }),
    }),
    defineRoute({
      method: 'get',
      path: '/publish-runs/:runId',
      summary: 'Progress and summary of one publish run.',
      auth: 'person',
      params: z.object({ runId: z.string() }),
      response: z.object({ run: publishRunSchema }),
      handle: async ({ caller, params }) => ({ run: await publisher.getRun(caller, params.runId) }),
    }),
  ];
}
