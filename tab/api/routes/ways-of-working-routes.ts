import { z } from 'zod';
import { forbidden, notFound } from '../../../core/errors';
import { hasTrustRole } from '../../../core/ways-of-working/access';
import { listVersions, saveVersion, versionInForce, waysOfWorkingInputSchema } from '../../../core/ways-of-working/content';
import { isCommunityMember } from '../../../core/ways-of-working/meeting-card-data';
import { sidePanelView } from '../../../core/ways-of-working/side-panel';
import type { WaysOfWorking } from '../../../core/ways-of-working/ways-of-working-module';
import { londonWallClock } from '../../../core/time/london-clock';
import { defineRoute } from '../api-route';

const valueSchema = z.object({ title: z.string(), meaning: z.string() });
const versionSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid().nullable(),
  version: z.number().int(),
  title: z.string(),
  effectiveFrom: z.string(),
  content: z.object({ values: z.array(valueSchema), behaviours: z.array(z.string()) }),
});
const versionsSchema = z.object({
  inForce: versionSchema.nullable(),
  versions: z.array(versionSchema.extend({ savedAt: z.string(), savedBy: z.string().nullable() })),
  canEdit: z.boolean(),
});

const sidePanelSchema = z.object({
  card: z.object({
    meetingId: z.uuid(),
    communityId: z.uuid(),
    communityName: z.string(),
    meetingTitle: z.string(),
    sequenceLabel: z.string().nullable(),
    when: z.string(),
    modeLabel: z.string(),
    venue: z.string().nullable(),
    priorities: z.array(z.string()),
    frameworkTitle: z.string(),
    frameworkVersion: z.number().nullable(),
    values: z.array(valueSchema),
    trustBehaviours: z.array(z.string()),
    communityBehaviours: z.array(z.string()),
    communityVersion: z.number().nullable(),
    acknowledgedCount: z.number(),
    memberCount: z.number(),
    communityTabUrl: z.string(),
    meetingPageUrl: z.string(),
    feedbackNote: z.string(),
  }),
  acknowledged: z.array(z.object({ personId: z.uuid(), name: z.string(), at: z.string() })),
  opening: z.object({ state: z.enum(['not_posted', 'claimed', 'sent', 'failed']), postedAt: z.string().nullable(), failure: z.string().nullable() }),
  you: z.object({ isLead: z.boolean(), isMember: z.boolean(), acknowledged: z.boolean() }),
});

const relaunchStatusSchema = z.object({
  relaunch: z.object({ id: z.uuid(), yearLabel: z.string(), launchOn: z.string(), launchedAt: z.string().nullable() }).nullable(),
  communities: z.array(
    z.object({
      communityId: z.uuid(),
      name: z.string(),
      acknowledged: z.number(),
      total: z.number(),
      members: z.array(z.object({ personId: z.uuid(), name: z.string(), academy: z.string().nullable(), acknowledgedAt: z.string().nullable(), remindersSent: z.number(), deliveryFailure: z.string().nullable() })),
    }),
  ),
  academies: z.array(z.object({ academyId: z.uuid().nullable(), name: z.string(), acknowledged: z.number(), total: z.number() })),
});

const meetingParams = z.object({ meetingId: z.uuid({ error: 'meetingId must be a meeting id' }) });
const communityParams = z.object({ communityId: z.uuid({ error: 'communityId must be a community id' }) });

/** The meeting side panel, the lead's "post the card now", and editing the framework and a community's Ways of Working. */
export function waysOfWorkingRoutes(waysOfWorking: WaysOfWorking) {
  return [
    defineRoute({
      method: 'get',
      path: '/ways-of-working/meeting',
      summary: 'A meeting\'s Ways of Working, agenda and who has acknowledged: the meeting named, the one a Teams meeting chat belongs to, or the caller\'s nearest.',
      auth: 'person',
      query: z.object({ meetingId: z.uuid().optional(), chatId: z.string().max(300).optional() }),
      response: sidePanelSchema,
      handle: async ({ deps, caller, query }) =>
        sidePanelView({ db: deps.db, clock: deps.clock, events: waysOfWorking.events, tabUrl: `${deps.config.publicBaseUrl}/tab/` }, caller, {
          ...(query.meetingId ? { meetingId: query.meetingId } : {}),
          ...(query.chatId ? { chatId: query.chatId } : {}),
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/ways-of-working/meetings/:meetingId/start',
      summary: 'Community leads: posts the meeting\'s Ways of Working card now (once per meeting, whoever asks first).',
      auth: 'person',
      params: meetingParams,
      response: z.object({ status: z.string(), message: z.string() }),
      handle: async ({ caller, params }) => {
        const { result, message } = await waysOfWorking.events.startManually(caller.trustId, caller.personId, { meetingId: params.meetingId });
        if (!result) throw forbidden(message);
        return { status: result.status, message };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/ways-of-working/meetings/:meetingId/acknowledge',
      summary: '"I\'ll work this way" from the side panel: community members only; twice counts once.',
      auth: 'person',
      params: meetingParams,
      response: z.object({ status: z.enum(['acknowledged', 'already']) }),
      handle: async ({ caller, params }) => {
        const result = await waysOfWorking.events.acknowledge(caller.trustId, params.meetingId, caller.personId);
        if (result.status === 'unknown_meeting') throw notFound('The meeting');
        if (result.status === 'not_member') throw forbidden(`Only members of ${result.meeting.communityName} are counted. Ask a community lead if you should be a member.`);
        return { status: result.status };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/ways-of-working/framework',
      summary: 'The trust framework (values and behaviours): every version, newest first, with when and by whom it was saved, and the one in force today.',
      auth: 'person',
      response: versionsSchema,
      handle: async ({ deps, caller }) => {
        const today = londonWallClock(deps.clock.now()).slice(0, 10);
        const [inForce, versions, canEdit] = await Promise.all([
          versionInForce(deps.db, caller.trustId, null, today),
          listVersions(deps.db, caller.trustId, null),
          hasTrustRole(deps.db, caller.trustId, caller.personId, ['trust_admin']),
        ]);
        return { inForce, versions, canEdit };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/ways-of-working/framework/versions',
      summary: 'Trust administrators: adds a version of the trust framework, in force from its date (earlier meetings keep theirs).',
      auth: 'person',
      body: waysOfWorkingInputSchema,
      response: versionSchema,
      handle: async ({ deps, caller, body }) => {
        if (!(await hasTrustRole(deps.db, caller.trustId, caller.personId, ['trust_admin']))) throw forbidden('Only trust administrators can change the trust framework.');
        return saveVersion(deps.db, caller.trustId, null, body, caller.personId);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/ways-of-working/communities/:communityId',
      summary: "A community's own Ways of Working: every version, newest first, and the one in force today.",
      auth: 'person',
      params: communityParams,
      response: versionsSchema,
      handle: async ({ deps, caller, params }) => {
        const today = londonWallClock(deps.clock.now()).slice(0, 10);
        const [inForce, versions, membership] = await Promise.all([
          versionInForce(deps.db, caller.trustId, params.communityId, today),
          listVersions(deps.db, caller.trustId, params.communityId),
          isCommunityMember(deps.db, params.communityId, caller.personId, today),
        ]);
        return { inForce, versions, canEdit: membership.lead };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/ways-of-working/communities/:communityId/versions',
      summary: "Community leads: adds a version of the community's own Ways of Working (behaviours only), in force from its date.",
      auth: 'person',
      params: communityParams,
      body: waysOfWorkingInputSchema,
      response: versionSchema,
      handle: async ({ deps, caller, params, body }) => {
        const today = londonWallClock(deps.clock.now()).slice(0, 10);
        const { lead } = await isCommunityMember(deps.db, params.communityId, caller.personId, today);
        if (!lead) throw forbidden("Only this community's leads can change its Ways of Working.");
        return saveVersion(deps.db, caller.trustId, params.communityId, body, caller.personId);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/ways-of-working/relaunch',
      summary: 'Trust administrators and the PD director: the date this year\'s framework is relaunched to every community member (changeable until it has gone out).',
      auth: 'person',
      body: z.object({
        yearLabel: z.string().regex(/^\d{4}\/\d{2}$/, { error: 'yearLabel must look like 2026/27' }),
        launchOn: z.iso.date({ error: 'launchOn must be a date as YYYY-MM-DD' }),
      }),
      response: z.object({ id: z.uuid(), yearLabel: z.string(), launchOn: z.string() }),
      handle: async ({ caller, body }) => {
        const row = await waysOfWorking.relaunch.schedule(caller.trustId, caller.personId, body);
        return { id: row.id, yearLabel: row.yearLabel, launchOn: row.launchOn };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/ways-of-working/relaunch',
      summary: 'Who has and has not acknowledged the latest relaunch, per community and academy: every community for trust administrators and the PD director, their own for leads.',
      auth: 'person',
      response: relaunchStatusSchema,
      handle: async ({ caller }) => waysOfWorking.relaunch.status(caller.trustId, caller.personId),
    }),
  ];
}
