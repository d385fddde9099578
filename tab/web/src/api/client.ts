import type {
  AcademicYearsResponse,
  CalendarFeedResponse,
  MeetingChange,
  PeriodInput,
  PlanRequest,
  PlanResponse,
  PlannableCommunitiesResponse,
  ProposalResponse,
  PublishRunResponse,
  SavePlanBody,
  SchoolCalendarResponse,
} from './planner-types';
import type {
  ApiErrorBody,
  ApiIssue,
  MeResponse,
  MyCommunitiesResponse,
  MyMeetingsResponse,
  PeopleResponse,
  Session,
} from './types';

/** Supplies the headers that identify the caller; called before every request. */
export type AuthHeaders = () => Promise<Record<string, string>>;

/** A failed API call, carrying the server's error code, correlation id and a bad body's issues when it sent them. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly correlationId: string | null,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  getSession(signal?: AbortSignal): Promise<Session>;
  listPeople(query: { search?: string; limit?: number }, signal?: AbortSignal): Promise<PeopleResponse>;
  getMe(signal?: AbortSignal): Promise<MeResponse>;
  listMyCommunities(signal?: AbortSignal): Promise<MyCommunitiesResponse>;
  listMyMeetings(query: { limit?: number }, signal?: AbortSignal): Promise<MyMeetingsResponse>;
  listAcademicYears(signal?: AbortSignal): Promise<AcademicYearsResponse>;
  getSchoolCalendar(yearId: string, signal?: AbortSignal): Promise<SchoolCalendarResponse>;
  saveSchoolCalendar(yearId: string, periods: PeriodInput[]): Promise<SchoolCalendarResponse>;
  importSchoolCalendar(yearId: string, csv: string): Promise<SchoolCalendarResponse>;
  listPlannableCommunities(signal?: AbortSignal): Promise<PlannableCommunitiesResponse>;
  getPlan(communityId: string, yearId: string, signal?: AbortSignal): Promise<PlanResponse>;
  proposeDates(communityId: string, yearId: string, request: PlanRequest): Promise<ProposalResponse>;
  savePlan(communityId: string, yearId: string, body: SavePlanBody): Promise<PlanResponse>;
  changeMeeting(meetingId: string, change: MeetingChange): Promise<PlanResponse>;
  publishPlan(communityId: string, yearId: string): Promise<PublishRunResponse>;
  getPublishRun(runId: string, signal?: AbortSignal): Promise<PublishRunResponse>;
  createCalendarFeed(kind: 'community' | 'person', subjectId: string): Promise<CalendarFeedResponse>;
  /** Fetches a file with the caller's auth headers, for saving through an object URL. */
  download(path: string): Promise<Blob>;
  /** Any JSON endpoint under `/api/v1`, for feature clients that wrap it with their own types. */
  requestJson<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
}

const noAuth: AuthHeaders = async () => ({});

/**
 * Typed client for `/api/v1`. `baseUrl` is the origin-relative prefix ('' when the tab is
 * served by the same server as the API).
 */
export function createApiClient(options: { authHeaders?: AuthHeaders; baseUrl?: string } = {}): ApiClient {
  const authHeaders = options.authHeaders ?? noAuth;
  const baseUrl = options.baseUrl ?? '';

  async function send(path: string, init: { method?: string; body?: unknown; accept?: string; signal?: AbortSignal }): Promise<Response> {
    const headers: Record<string, string> = { Accept: init.accept ?? 'application/json', ...(await authHeaders()) };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      throw new ApiError('Could not reach the server. Check your connection and try again.', 0, 'network_error', null);
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    return (await (await send(path, { signal })).json()) as T;
  }

  async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown): Promise<T> {
    return (await (await send(path, { method, body })).json()) as T;
  }

  const plan = (communityId: string, yearId: string) =>
    `/communities/${encodeURIComponent(communityId)}/plans/${encodeURIComponent(yearId)}`;
  const calendar = (yearId: string) => `/academic-years/${encodeURIComponent(yearId)}/calendar`;

  return {
    getSession: (signal) => getJson<Session>('/session', signal),
    listPeople: ({ search, limit }, signal) => getJson<PeopleResponse>(`/people${queryString({ search, limit })}`, signal),
    getMe: (signal) => getJson<MeResponse>('/me', signal),
    listMyCommunities: (signal) => getJson<MyCommunitiesResponse>('/me/communities', signal),
    listMyMeetings: ({ limit }, signal) => getJson<MyMeetingsResponse>(`/me/meetings${queryString({ limit })}`, signal),
    listAcademicYears: (signal) => getJson<AcademicYearsResponse>('/academic-years', signal),
    getSchoolCalendar: (yearId, signal) => getJson<SchoolCalendarResponse>(calendar(yearId), signal),
    saveSchoolCalendar: (yearId, periods) => sendJson<SchoolCalendarResponse>('PUT', calendar(yearId), { periods }),
    importSchoolCalendar: (yearId, csv) => sendJson<SchoolCalendarResponse>('POST', `${calendar(yearId)}/import`, { csv }),
    listPlannableCommunities: (signal) => getJson<PlannableCommunitiesResponse>('/planner/communities', signal),
    getPlan: (communityId, yearId, signal) => getJson<PlanResponse>(plan(communityId, yearId), signal),
    proposeDates: (communityId, yearId, request) =>
      sendJson<ProposalResponse>('POST', `${plan(communityId, yearId)}/proposal`, request),
    savePlan: (communityId, yearId, body) => sendJson<PlanResponse>('PUT', plan(communityId, yearId), body),
    changeMeeting: (meetingId, change) => sendJson<PlanResponse>('PATCH', `/meetings/${encodeURIComponent(meetingId)}`, change),
    publishPlan: (communityId, yearId) => sendJson<PublishRunResponse>('POST', `${plan(communityId, yearId)}/publish`, {}),
    getPublishRun: (runId, signal) => getJson<PublishRunResponse>(`/publish-runs/${encodeURIComponent(runId)}`, signal),
    createCalendarFeed: (kind, subjectId) => sendJson<CalendarFeedResponse>('POST', '/calendar-feeds', { kind, subjectId }),
    download: async (path) => (await send(path, { accept: '*/*' })).blob(),
    requestJson: async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal) =>
      (await (await send(path, { method, body, signal })).json()) as T,
  };
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => null);
  if (isApiErrorBody(body)) {
    return new ApiError(body.error.message, response.status, body.error.code, body.error.correlationId, body.error.issues ?? []);
  }
  return new ApiError(
    `The server returned an unexpected response (${response.status}). Please try again.`,
    response.status,
    'unexpected_response',
    response.headers.get('x-correlation-id'),
  );
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}
