import type { ApiClient } from './client';

/** Types and calls of `/api/v1/self-assessment`, matching the server's zod schemas. */
export interface ScaleLevel {
  level: number;
  label: string;
  meaning: string;
}

export interface Descriptor {
  id: string;
  position: number;
  title: string;
  statement: string;
  behaviours: string[];
  exceptionalLooksLike: string;
}

export interface Framework {
  id: string;
  key: string;
  name: string;
  version: number;
  introduction: string;
  isDefault: boolean;
  scale: ScaleLevel[];
  descriptors: Descriptor[];
}

export type CycleWindow = 'upcoming' | 'open' | 'closed';
export type AssessmentStatus = 'not_started' | 'draft' | 'submitted';

export interface CycleSummary {
  id: string;
  name: string;
  frameworkId: string;
  frameworkName: string;
  frameworkVersion: number;
  opensOn: string;
  closesOn: string;
  window: CycleWindow;
  participants: number;
  submitted: number;
}

export interface Overview {
  personId: string;
  canAdminister: boolean;
  canSeeAggregates: boolean;
  isLineManager: boolean;
  myCycles: { id: string; name: string; opensOn: string; closesOn: string; status: AssessmentStatus; window: CycleWindow }[];
  cycles: CycleSummary[];
  frameworks: { id: string; key: string; name: string; version: number; isDefault: boolean; descriptorCount: number }[];
  serviceAreas: string[];
  academies: { id: string; name: string }[];
}

export interface Answer {
  descriptorId: string;
  position?: number;
  level: number | null;
  evidence: string;
  developmentStep: string;
}

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

export interface MyResults {
  cycles: { id: string; name: string; opensOn: string; closesOn: string; frameworkName: string; agreedNote: string | null }[];
  scale: ScaleLevel[];
  descriptors: { position: number; title: string; points: { cycleId: string; level: number }[]; latestLevel: number | null; latestDevelopmentStep: string; latestEvidence: string }[];
  strengths: { title: string; level: number }[];
  developmentAreas: { title: string; level: number; developmentStep: string }[];
}

export interface AggregateQuery {
  cycleIds: string[];
  groupBy: 'service_area' | 'academy';
  serviceArea?: string;
  academy?: string;
}

export interface AggregateReport {
  minGroupSize: number;
  groupBy: 'service_area' | 'academy';
  scale: ScaleLevel[];
  cycles: { id: string; name: string; opensOn: string }[];
  descriptors: { position: number; title: string }[];
  serviceAreas: string[];
  academies: { key: string; name: string }[];
  groups: {
    key: string;
    label: string;
    isTotal: boolean;
    results: { cycleId: string; respondents: number | null; distributions: { position: number; counts: number[] | null; mean: number | null }[] }[];
  }[];
}

export interface NewCycle {
  name: string;
  frameworkId: string;
  population:
    | { kind: 'service_area'; serviceAreas: string[] }
    | { kind: 'academy'; academyIds: string[] }
    | { kind: 'central_team' }
    | { kind: 'people'; personIds: string[] };
  opensOn: string;
  closesOn: string;
}

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
      api.requestJson<{ items: { personId: string; displayName: string; status: AssessmentStatus; agreedNote: string | null }[] }>('GET', `${base}/cycles/${encodeURIComponent(cycleId)}/team`, undefined, signal),
    saveAgreedNote: (cycleId: string, personId: string, note: string) => api.requestJson<{ saved: true }>('PUT', `${response(cycleId, personId)}/agreed-note`, { note }),
    aggregates: (query: AggregateQuery, signal?: AbortSignal) => api.requestJson<AggregateReport>('GET', `${base}/aggregates?${aggregateSearch(query)}`, undefined, signal),
    aggregatesCsv: (query: AggregateQuery) => api.download(`${base}/aggregates.csv?${aggregateSearch(query)}`),
  };
}

export type SelfAssessmentClient = ReturnType<typeof selfAssessmentClient>;
