import type {
  ApiErrorBody,
  MeResponse,
  MyCommunitiesResponse,
  MyMeetingsResponse,
  PeopleResponse,
  Session,
} from './types';

/** Supplies the headers that identify the caller; called before every request. */
export type AuthHeaders = () => Promise<Record<string, string>>;

/** A failed API call, carrying the server's error code and correlation id when it sent them. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly correlationId: string | null,
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
}

const noAuth: AuthHeaders = async () => ({});

/**
 * Typed client for `/api/v1`. `baseUrl` is the origin-relative prefix ('' when the tab is
 * served by the same server as the API).
 */
export function createApiClient(options: { authHeaders?: AuthHeaders; baseUrl?: string } = {}): ApiClient {
  const authHeaders = options.authHeaders ?? noAuth;
  const baseUrl = options.baseUrl ?? '';

  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    const headers = { Accept: 'application/json', ...(await authHeaders()) };
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/v1${path}`, { headers, signal });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError('Could not reach the server. Check your connection and try again.', 0, 'network_error', null);
    }
    if (!response.ok) throw await toApiError(response);
    return (await response.json()) as T;
  }

  return {
    getSession: (signal) => getJson<Session>('/session', signal),
    listPeople: ({ search, limit }, signal) => getJson<PeopleResponse>(`/people${queryString({ search, limit })}`, signal),
    getMe: (signal) => getJson<MeResponse>('/me', signal),
    listMyCommunities: (signal) => getJson<MyCommunitiesResponse>('/me/communities', signal),
    listMyMeetings: ({ limit }, signal) => getJson<MyMeetingsResponse>(`/me/meetings${queryString({ limit })}`, signal),
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
    return new ApiError(body.error.message, response.status, body.error.code, body.error.correlationId);
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
