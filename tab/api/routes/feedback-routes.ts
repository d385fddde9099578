import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { academies, communities } from '../../../core/db/schema';
import { sltPackDocx } from '../../../core/exports/slt-pack-docx';
import { feedbackScope } from '../../../core/feedback/feedback-access';
import type { FeedbackCards } from '../../../core/feedback/feedback-card-view';
import { academyFeedback, itemStatuses } from '../../../core/feedback/feedback-collation';
import { communityOverview, deliveryReport, directorOverview, myFeedback } from '../../../core/feedback/feedback-overviews';
import { changeItem, itemChangeSchema } from '../../../core/feedback/feedback-workflow';
import { sltPack } from '../../../core/feedback/slt-pack';
import { postYouSaidWeDid } from '../../../core/feedback/you-said-we-did';
import type { CardSender } from '../../../core/messaging/card-sender';
import { defineRoute, FileResponse, type ApiDependencies } from '../api-route';

const idParam = (name: string) => z.object({ [name]: z.uuid({ error: `${name} must be an id from this app` }) });
const isoDate = z.iso.date({ error: 'Use a date like 2026-09-01.' });
const period = z.object({ from: isoDate, to: isoDate });
// Rich read models are described by their TypeScript types in core/feedback; the OpenAPI entry names the route only.
const anyObject = z.unknown();

const scopeOf = (deps: ApiDependencies, caller: { trustId: string; personId: string }) => feedbackScope(deps.db, caller.trustId, caller.personId, deps.clock.now());

/** The feedback loop's tab API. Every route checks the caller's role on the server; reads of others' feedback are audited. */
export function feedbackRoutes(options: { sender: CardSender; cards: FeedbackCards }) {
  return [
    defineRoute({
      method: 'get',
      path: '/feedback/access',
      summary: 'Which feedback views the signed-in person may open: their academies as PD lead, communities they lead, and whether they are the PD director.',
      auth: 'person',
      response: z.object({
        director: z.boolean(),
        pdLeadAcademies: z.array(z.object({ id: z.string(), name: z.string() })),
        ledCommunities: z.array(z.object({ id: z.string(), name: z.string() })),
      }),
      handle: async ({ deps, caller }) => {
        const scope = await scopeOf(deps, caller);
        const [academyRows, communityRows] = await Promise.all([
          scope.director
            ? deps.db.select({ id: academies.id, name: academies.name }).from(academies).where(eq(academies.trustId, caller.trustId))
            : scope.pdLeadAcademyIds.length
              ? deps.db.select({ id: academies.id, name: academies.name }).from(academies).where(and(eq(academies.trustId, caller.trustId), inArray(academies.id, scope.pdLeadAcademyIds)))
              : Promise.resolve([]),
          scope.director
            ? deps.db.select({ id: communities.id, name: communities.name }).from(communities).where(eq(communities.trustId, caller.trustId))
            : scope.ledCommunityIds.length
              ? deps.db.select({ id: communities.id, name: communities.name }).from(communities).where(and(eq(communities.trustId, caller.trustId), inArray(communities.id, scope.ledCommunityIds)))
              : Promise.resolve([]),
        ]);
        const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
        return { director: scope.director, pdLeadAcademies: academyRows.sort(byName), ledCommunities: communityRows.sort(byName) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/feedback/mine',
      summary: "The signed-in member's own feedback requests and answers.",
      auth: 'person',
      response: anyObject,
      handle: async ({ deps, caller }) => myFeedback(deps.db, caller.trustId, caller.personId),
    }),
    defineRoute({
      method: 'get',
      path: '/feedback/academies/:academyId',
      summary: "An academy's feedback from every community, newest meeting first, with response rates per community (its PD lead and the PD director).",
      auth: 'person',
      params: idParam('academyId'),
      query: z.object({
        termId: z.uuid().optional(),
        communityId: z.uuid().optional(),
        status: z.enum([...itemStatuses, 'unanswered']).optional(),
        cursor: z.string().max(500).optional(),
        limit: z.coerce.number().int().min(1).max(200).optional(),
      }),
      response: anyObject,
      handle: async ({ deps, caller, params, query }) => academyFeedback(deps.db, await scopeOf(deps, caller), params.academyId as string, query),
    }),
    defineRoute({
      method: 'patch',
      path: '/feedback/items/:requestId',
      summary: 'Moves an answered item through the workflow, sets its owner, due date and notes, or locks it (the PD lead of the academy and the PD director).',
      auth: 'person',
      params: idParam('requestId'),
      body: itemChangeSchema,
      response: anyObject,
      handle: async ({ deps, caller, params, body }) => changeItem(deps.db, await scopeOf(deps, caller), params.requestId as string, body, deps.clock.now()),
    }),
    defineRoute({
      method: 'get',
      path: '/feedback/communities/:communityId/overview',
      summary: "Response rates and themes by academy for a community (its leads and the PD director).",
      auth: 'person',
      params: idParam('communityId'),
      response: anyObject,
      handle: async ({ deps, caller, params }) => communityOverview(deps.db, await scopeOf(deps, caller), params.communityId as string),
    }),
    defineRoute({
      method: 'get',
      path: '/feedback/overview',
      summary: 'Response and implementation by academy and community across the trust (the PD director).',
      auth: 'person',
      response: anyObject,
      handle: async ({ deps, caller }) => directorOverview(deps.db, await scopeOf(deps, caller)),
    }),
    defineRoute({
      method: 'get',
      path: '/feedback/meetings/:meetingId/delivery',
      summary: "Who each feedback card reached: pending, sent, or failed with the reason (the community's leads and the PD director).",
      auth: 'person',
      params: idParam('meetingId'),
      response: anyObject,
      handle: async ({ deps, caller, params }) => deliveryReport(deps.db, await scopeOf(deps, caller), params.meetingId as string),
    }),
    defineRoute({
      method: 'post',
      path: '/feedback/academies/:academyId/communities/:communityId/you-said-we-did',
      summary: "Posts a 'you said, we did' summary of the academy's agreed actions to the community's channel.",
      auth: 'person',
      params: z.object({ academyId: z.uuid(), communityId: z.uuid() }),
      body: z.object({}).optional(),
      response: z.object({ posted: z.number().int() }),
      handle: async ({ deps, caller, params }) => postYouSaidWeDid({ db: deps.db, ...options }, await scopeOf(deps, caller), params.academyId, params.communityId),
    }),
    defineRoute({
      method: 'get',
      path: '/feedback/academies/:academyId/slt-pack',
      summary: "The SLT pack's content for an academy and a period, for the printable page.",
      auth: 'person',
      params: idParam('academyId'),
      query: period,
      response: anyObject,
      handle: async ({ deps, caller, params, query }) => sltPack(deps.db, await scopeOf(deps, caller), params.academyId as string, query.from, query.to),
    }),
    defineRoute({
      method: 'get',
      path: '/feedback/academies/:academyId/slt-pack.docx',
      summary: 'The SLT pack as a Word document: per community its priorities, the feedback, actions and their status.',
      auth: 'person',
      params: idParam('academyId'),
      query: period,
      response: z.string(),
      produces: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      handle: async ({ deps, caller, params, query }) => {
        const pack = await sltPack(deps.db, await scopeOf(deps, caller), params.academyId as string, query.from, query.to);
        return new FileResponse('application/vnd.openxmlformats-officedocument.wordprocessingml.document', await sltPackDocx(pack), `${pack.fileStem}.docx`);
      },
    }),
  ];
}
