import type * as aggregates from '../../../../core/self-assessment/aggregates';
import type * as cycles from '../../../../core/self-assessment/cycles';
import type * as library from '../../../../core/self-assessment/framework-library';
import type * as results from '../../../../core/self-assessment/my-results';
import type * as responses from '../../../../core/self-assessment/responses';
import type * as team from '../../../../core/self-assessment/team';
import type { ApiClient } from './client';
import type { Json } from './json';

/** Types and calls of `/api/v1/self-assessment`: core/self-assessment's shapes, as JSON. */
export type Framework = Json<library.StoredFramework>;
export type ScaleLevel = Framework['scale'][number];
export type Descriptor = Framework['descriptors'][number];

export type CycleWindow = cycles.CycleWindow;
export type AssessmentStatus = responses.ParticipantStatus;
export type CycleSummary = Json<cycles.CycleSummary>;

/** Put together by the route from the caller's roles and core's lists. */
export interface Overview {
  personId: string;
  canAdminister: boolean;
  canSeeAggregates: boolean;
  isLineManager: boolean;
  myCycles: { id: string; name: string; opensOn: string; closesOn: string; status: AssessmentStatus; window: CycleWindow }[];
  cycles: CycleSummary[];
  frameworks: Json<library.FrameworkSummary>[];
  serviceAreas: string[];
  academies: { id: string; name: string }[];
}

/** An answer as the form edits it: a descriptor not answered yet has no position. Core's `Answer` always has one. */
export interface Answer {
  descriptorId: string;
  position?: number;
  level: number | null;
  evidence: string;
  developmentStep: string;
}

/** Built by the route: core's form with the person's name and whether the caller may change it. */
export interface AssessmentForm {
  cycle: { id: string; name: string; opensOn: string; closesOn: string; window: CycleWindow };
  framework: Framework;
  personId: string;
  personName: string;
  status: AssessmentStatus;
  submittedAt: string | null;
  answers: Answer[];
  agreedNote: { text: string; at: string | null } | null;
  readOnly: boolean;
}

export type MyResults = Json<results.MyResults>;

/** What the tab puts in the query string; the server adds the trust, the group size and what the caller may see. */
export type AggregateQuery = Pick<aggregates.AggregateQuery, 'cycleIds' | 'groupBy' | 'serviceArea' | 'academy'>;

export type AggregateReport = Json<aggregates.AggregateReport>;
export type NewCycle = Json<cycles.NewCycle>;
export type TeamMember = Json<team.TeamMember>;

const base = '/self-assessment';
const response = (cycleId: string, personId: string) => `${base}/cycles/${encodeURIComponent(cycleId)}/responses/${encodeURIComponent(personId)}`;

export function aggregateSearch(query: AggregateQuery): string {
  const search = new URLSearchParams({ cycleIds: query.cycleIds.join(','), groupBy: query.groupBy });
  if (query.serviceArea) search.set('serviceArea', query.serviceArea);
  if (query.academy) search.set('academy', query.academy);
  return search.toString();
}

export function selfAssessmentClient(api: ApiClient) {
  return {
    overview: (signal?: AbortSignal) => api.requestJson<Overview>('GET', `${base}/overview`, undefined, signal),
    framework: (id: string, signal?: AbortSignal) => api.requestJson<Framework>('GET', `${base}/frameworks/${encodeURIComponent(id)}`, undefined, signal),
    saveFramework: (framework: unknown, allowRemovedDescriptors: boolean) =>
      api.requestJson<{ outcome: 'created' | 'unchanged'; framework: Framework }>('POST', `${base}/frameworks`, { framework, allowRemovedDescriptors }),
    openCycle: (cycle: NewCycle) => api.requestJson<CycleSummary>('POST', `${base}/cycles`, cycle),
    form: (cycleId: string, personId: string, signal?: AbortSignal) => api.requestJson<AssessmentForm>('GET', response(cycleId, personId), undefined, signal),
    save: (cycleId: string, personId: string, answers: Answer[], submit: boolean) =>
      api.requestJson<AssessmentForm>('PUT', response(cycleId, personId), {
        answers: answers.map(({ descriptorId, level, evidence, developmentStep }) => ({ descriptorId, level, evidence, developmentStep })),
        submit,
      }),
    results: (signal?: AbortSignal) => api.requestJson<MyResults>('GET', `${base}/me/results`, undefined, signal),
    team: (cycleId: string, signal?: AbortSignal) =>
      api.requestJson<{ items: TeamMember[] }>('GET', `${base}/cycles/${encodeURIComponent(cycleId)}/team`, undefined, signal),
    saveAgreedNote: (cycleId: string, personId: string, note: string) => api.requestJson<{ saved: true }>('PUT', `${response(cycleId, personId)}/agreed-note`, { note }),
    aggregates: (query: AggregateQuery, signal?: AbortSignal) => api.requestJson<AggregateReport>('GET', `${base}/aggregates?${aggregateSearch(query)}`, undefined, signal),
    aggregatesCsv: (query: AggregateQuery) => api.download(`${base}/aggregates.csv?${aggregateSearch(query)}`),
  };
}

export type SelfAssessmentClient = ReturnType<typeof selfAssessmentClient>;
