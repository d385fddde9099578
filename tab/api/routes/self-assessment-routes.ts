import { z } from 'zod';
import { findPersonById, type PersonDetails } from '../../../core/directory/people-directory';
import { forbidden, notFound } from '../../../core/errors';
import type { Db } from '../../../core/db/database';
import { aggregateCsv, aggregateReport, type AggregateQuery } from '../../../core/self-assessment/aggregates';
import { getCycle, listCycles, newCycleSchema, openCycle, populationChoices } from '../../../core/self-assessment/cycles';
import { listFrameworks, loadFramework, saveFrameworkVersion } from '../../../core/self-assessment/framework-library';
import { myResults } from '../../../core/self-assessment/my-results';
import { loadForm, myCycles, saveAnswers, type AssessmentForm } from '../../../core/self-assessment/responses';
import { agreedNoteSchema, assertLineManager, directReportsInCycle, saveAgreedNote } from '../../../core/self-assessment/team';
import { directReportAreas } from '../../../core/self-assessment/visibility';
import type { SelfAssessmentInvitations } from '../../../core/self-assessment/invitations';
import { defineRoute, FileResponse, type ApiDependencies } from '../api-route';

const cycleParams = z.object({ cycleId: z.uuid({ error: 'cycleId must be a cycle id' }) });
const responseParams = cycleParams.extend({ personId: z.uuid({ error: 'personId must be a person id' }) });
const frameworkParams = z.object({ frameworkId: z.uuid({ error: 'frameworkId must be a framework id' }) });

const scaleLevel = z.object({ level: z.number().int(), label: z.string(), meaning: z.string() });
const frameworkResponse = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  version: z.number().int(),
  introduction: z.string(),
  isDefault: z.boolean(),
  scale: z.array(scaleLevel),
  descriptors: z.array(
    z.object({ id: z.uuid(), position: z.number().int(), title: z.string(), statement: z.string(), behaviours: z.array(z.string()), exceptionalLooksLike: z.string() }),
  ),
});
const windowSchema = z.enum(['upcoming', 'open', 'closed']);
const statusSchema = z.enum(['not_started', 'draft', 'submitted']);
const cycleResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  frameworkId: z.uuid(),
  frameworkName: z.string(),
  frameworkVersion: z.number().int(),
  population: z.record(z.string(), z.unknown()),
  opensOn: z.string(),
  closesOn: z.string(),
  window: windowSchema,
  participants: z.number().int(),
  submitted: z.number().int(),
});
const formResponse = z.object({
  cycle: z.object({ id: z.uuid(), name: z.string(), opensOn: z.string(), closesOn: z.string(), window: windowSchema }),
  framework: frameworkResponse,
  personId: z.uuid(),
  personName: z.string(),
  status: statusSchema,
  submittedAt: z.string().nullable(),
  answers: z.array(z.object({ descriptorId: z.uuid(), position: z.number().int(), level: z.number().int().nullable(), evidence: z.string(), developmentStep: z.string() })),
  agreedNote: z.object({ text: z.string(), at: z.string().nullable() }).nullable(),
  readOnly: z.boolean().describe('True when the caller is the line manager, or the answers can no longer change.'),
});
const aggregateQuery = z.object({
  cycleIds: z
    .string({ error: 'cycleIds is required: one or more cycle ids separated by commas' })
    .transform((v) => v.split(',').map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(z.uuid({ error: 'cycleIds must be cycle ids separated by commas' })).min(1).max(12, { error: 'compare at most 12 cycles at once' })),
  groupBy: z.enum(['service_area', 'academy'], { error: 'groupBy must be service_area or academy' }).default('service_area'),
  serviceArea: z.string().trim().toLowerCase().min(1).optional(),
  academy: z.string().trim().min(1).optional(),
});

async function callerDetails(db: Db, trustId: string, personId: string): Promise<PersonDetails> {
  const person = await findPersonById(db, trustId, personId);
  if (!person) throw notFound('Your profile');
  return person;
}

const isAdmin = (person: PersonDetails) => person.roles.includes('trust_admin');

async function assertAdmin(db: Db, trustId: string, personId: string): Promise<PersonDetails> {
  const person = await callerDetails(db, trustId, personId);
  if (!isAdmin(person)) throw forbidden('Only trust administrators can change frameworks and open self-assessment cycles.');
  return person;
}

async function formFor(deps: ApiDependencies, trustId: string, form: AssessmentForm, readOnly: boolean) {
  const person = await callerDetails(deps.db, trustId, form.personId);
  return {
    cycle: form.cycle,
    framework: form.framework,
    personId: form.personId,
    personName: person.displayName,
    status: form.status,
    submittedAt: form.submittedAt ? form.submittedAt.toISOString() : null,
    answers: form.answers,
    agreedNote: form.agreedNote ? { text: form.agreedNote.text, at: form.agreedNote.at ? form.agreedNote.at.toISOString() : null } : null,
    readOnly: readOnly || form.status === 'submitted' || form.cycle.window !== 'open',
  };
}

async function aggregateScope(deps: ApiDependencies, trustId: string, personId: string): Promise<Pick<AggregateQuery, 'visibleServiceAreas'>> {
  const person = await callerDetails(deps.db, trustId, personId);
  if (isAdmin(person) || person.roles.includes('pd_director')) return {};
  if (!person.roles.includes('line_manager')) throw forbidden('Aggregates are for line managers and trust administrators.');
  return { visibleServiceAreas: await directReportAreas(deps.db, trustId, personId) };
}

/** Self-assessment against the trust's framework: frameworks, cycles, answers, my results, team and aggregates. */
export function selfAssessmentRoutes(invitations: SelfAssessmentInvitations) {
  return [
    defineRoute({
      method: 'get',
      path: '/self-assessment/overview',
      summary: 'What the signed-in person can do: their cycles, and (for administrators) every cycle and framework.',
      auth: 'person',
      response: z.object({
        personId: z.uuid(),
        canAdminister: z.boolean(),
        canSeeAggregates: z.boolean(),
        isLineManager: z.boolean(),
        myCycles: z.array(z.object({ id: z.uuid(), name: z.string(), opensOn: z.string(), closesOn: z.string(), status: statusSchema, window: windowSchema })),
        cycles: z.array(cycleResponse),
        frameworks: z.array(z.object({ id: z.uuid(), key: z.string(), name: z.string(), version: z.number().int(), isDefault: z.boolean(), descriptorCount: z.number().int() })),
        serviceAreas: z.array(z.string()),
        academies: z.array(z.object({ id: z.uuid(), name: z.string() })),
      }),
      handle: async ({ deps, caller }) => {
        const person = await callerDetails(deps.db, caller.trustId, caller.personId);
        const admin = isAdmin(person);
        const now = deps.clock.now();
        const lineManager = person.roles.includes('line_manager');
        const [mine, cycles, frameworks, choices] = await Promise.all([
          myCycles(deps.db, caller.trustId, caller.personId, now),
          admin || lineManager || person.roles.includes('pd_director') ? listCycles(deps.db, caller.trustId, now) : Promise.resolve([]),
          admin ? listFrameworks(deps.db, caller.trustId) : Promise.resolve([]),
          populationChoices(deps.db, caller.trustId),
        ]);
        return {
          personId: caller.personId,
          canAdminister: admin,
          canSeeAggregates: admin || lineManager || person.roles.includes('pd_director'),
          isLineManager: lineManager,
          myCycles: mine,
          cycles,
          frameworks,
          ...choices,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/self-assessment/frameworks/:frameworkId',
      summary: 'One framework version with its scale and descriptors.',
      auth: 'person',
      params: frameworkParams,
      response: frameworkResponse,
      handle: async ({ deps, caller, params }) => loadFramework(deps.db, caller.trustId, params.frameworkId),
    }),
    defineRoute({
      method: 'post',
      path: '/self-assessment/frameworks',
      summary:
        'Stores a framework file (the format in docs/framework-format.md) as a new version (trust administrators). Invalid files, changed copies of a stored version and versions that drop descriptors are refused with every problem named.',
      auth: 'person',
      body: z.object({ framework: z.unknown(), allowRemovedDescriptors: z.boolean().default(false) }),
      response: z.object({ outcome: z.enum(['created', 'unchanged']), framework: frameworkResponse }),
      handle: async ({ deps, caller, body }) => {
        await assertAdmin(deps.db, caller.trustId, caller.personId);
        return saveFrameworkVersion(deps.db, caller.trustId, body.framework, { allowRemovedDescriptors: body.allowRemovedDescriptors });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/self-assessment/cycles',
      summary: 'Opens a self-assessment cycle for a population (trust administrators); invitations go out when it opens.',
      auth: 'person',
      body: newCycleSchema,
      response: cycleResponse,
      handle: async ({ deps, caller, body }) => {
        await assertAdmin(deps.db, caller.trustId, caller.personId);
        const cycle = await openCycle(deps.db, caller.trustId, caller.personId, body);
        await invitations.inviteDue(caller.trustId);
        return getCycle(deps.db, caller.trustId, cycle.id, deps.clock.now());
      },
    }),
    defineRoute({
      method: 'get',
      path: '/self-assessment/cycles/:cycleId/responses/:personId',
      summary: 'A self-assessment: the person\'s own (to fill in) or, for their line manager, a submitted one to read.',
      auth: 'person',
      params: responseParams,
      response: formResponse,
      handle: async ({ deps, caller, params }) => {
        const now = deps.clock.now();
        if (params.personId === caller.personId) return formFor(deps, caller.trustId, await loadForm(deps.db, caller.trustId, params.cycleId, params.personId, now), false);
        await assertLineManager(deps.db, caller.trustId, caller.personId, params.personId);
        const form = await loadForm(deps.db, caller.trustId, params.cycleId, params.personId, now);
        if (form.status !== 'submitted') throw forbidden('Your colleague has not submitted this self-assessment yet; drafts stay private.');
        return formFor(deps, caller.trustId, form, true);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/self-assessment/cycles/:cycleId/responses/:personId',
      summary: 'Saves answers (a draft) or submits them. Only the person themself may answer, only while the cycle is open.',
      auth: 'person',
      params: responseParams,
      body: z.object({
        answers: z.array(z.object({ descriptorId: z.uuid(), level: z.number().int({ error: 'level must be a whole number on the scale' }).nullable(), evidence: z.string().default(''), developmentStep: z.string().default('') })).max(50),
        submit: z.boolean().default(false),
      }),
      response: formResponse,
      handle: async ({ deps, caller, params, body }) => {
        const form = await saveAnswers(deps.db, deps.clock.now(), {
          trustId: caller.trustId,
          callerPersonId: caller.personId,
          personId: params.personId,
          cycleId: params.cycleId,
          answers: body.answers,
          submit: body.submit,
        });
        return formFor(deps, caller.trustId, form, false);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/self-assessment/me/results',
      summary: 'My submitted self-assessments over time: levels per descriptor per cycle, strengths, development areas and agreed notes.',
      auth: 'person',
      response: z.object({
        cycles: z.array(z.object({ id: z.uuid(), name: z.string(), opensOn: z.string(), closesOn: z.string(), frameworkName: z.string(), agreedNote: z.string().nullable() })),
        scale: z.array(scaleLevel),
        descriptors: z.array(
          z.object({
            position: z.number().int(),
            title: z.string(),
            points: z.array(z.object({ cycleId: z.uuid(), level: z.number().int() })),
            latestLevel: z.number().int().nullable(),
            latestDevelopmentStep: z.string(),
            latestEvidence: z.string(),
          }),
        ),
        strengths: z.array(z.object({ title: z.string(), level: z.number().int() })),
        developmentAreas: z.array(z.object({ title: z.string(), level: z.number().int(), developmentStep: z.string() })),
      }),
      handle: async ({ deps, caller }) => myResults(deps.db, caller.trustId, caller.personId),
    }),
    defineRoute({
      method: 'get',
      path: '/self-assessment/cycles/:cycleId/team',
      summary: 'A line manager\'s direct reports in a cycle and how far each has got.',
      auth: 'person',
      params: cycleParams,
      response: z.object({ items: z.array(z.object({ personId: z.uuid(), displayName: z.string(), status: statusSchema, agreedNote: z.string().nullable() })) }),
      handle: async ({ deps, caller, params }) => ({ items: await directReportsInCycle(deps.db, caller.trustId, caller.personId, params.cycleId) }),
    }),
    defineRoute({
      method: 'put',
      path: '/self-assessment/cycles/:cycleId/responses/:personId/agreed-note',
      summary: 'The development a line manager and their report agreed after a conversation; both can read it.',
      auth: 'person',
      params: responseParams,
      body: agreedNoteSchema,
      response: z.object({ saved: z.literal(true) }),
      handle: async ({ deps, caller, params, body }) => {
        await saveAgreedNote(deps.db, deps.clock.now(), { trustId: caller.trustId, managerId: caller.personId, personId: params.personId, cycleId: params.cycleId, note: body.note });
        return { saved: true as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/self-assessment/aggregates',
      summary:
        'Distributions per descriptor by service area or academy over cycles. Groups under the minimum size are hidden, with complementary groups, so no hidden group can be worked out from the others.',
      auth: 'person',
      query: aggregateQuery,
      response: z.object({
        minGroupSize: z.number().int(),
        groupBy: z.enum(['service_area', 'academy']),
        scale: z.array(scaleLevel),
        cycles: z.array(z.object({ id: z.uuid(), name: z.string(), opensOn: z.string() })),
        descriptors: z.array(z.object({ position: z.number().int(), title: z.string() })),
        serviceAreas: z.array(z.string()),
        academies: z.array(z.object({ key: z.string(), name: z.string() })),
        groups: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            isTotal: z.boolean(),
            results: z.array(
              z.object({
                cycleId: z.uuid(),
                respondents: z.number().int().nullable(),
                distributions: z.array(z.object({ position: z.number().int(), counts: z.array(z.number().int()).nullable(), mean: z.number().nullable() })),
              }),
            ),
          }),
        ),
      }),
      handle: async ({ deps, caller, query }) => {
        const scope = await aggregateScope(deps, caller.trustId, caller.personId);
        return aggregateReport(deps.db, { trustId: caller.trustId, minGroupSize: deps.config.selfAssessment.minGroupSize, ...query, ...scope });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/self-assessment/aggregates.csv',
      summary: 'The same aggregates as CSV, hidden groups marked as hidden.',
      auth: 'person',
      query: aggregateQuery,
      response: z.string(),
      produces: 'text/csv',
      handle: async ({ deps, caller, query }) => {
        const scope = await aggregateScope(deps, caller.trustId, caller.personId);
        const report = await aggregateReport(deps.db, { trustId: caller.trustId, minGroupSize: deps.config.selfAssessment.minGroupSize, ...query, ...scope });
        return new FileResponse('text/csv; charset=utf-8', aggregateCsv(report), 'self-assessment-aggregates.csv');
      },
    }),
  ];
}
