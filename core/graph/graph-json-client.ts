import type { TokenCredential } from '@azure/identity';

export interface GraphJsonAnswer {
  status: number;
  body: unknown;
}

export interface GraphJsonClientOptions {
  credential: TokenCredential;
  /** Graph root including the version, e.g. `https://graph.microsoft.com/v1.0` or the double's `baseUrl`. */
  baseUrl: string;
  /** Tries per request on 429/503/504 before giving up (default 4). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

const retryable = new Set([429, 503, 504]);

/**
 * Small JSON calls to Graph for the feedback loop (attendance reports, app installations): one
 * request at a time, honouring `Retry-After`. The calendar gateway keeps its own batching client.
 */
export class GraphJsonClient {
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: GraphJsonClientOptions) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<GraphJsonAnswer> {
    const url = path.startsWith('http') ? path : `${this.options.baseUrl}${path}`;
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.options.credential.getToken('https://graph.microsoft.com/.default');
      let status: number;
      let parsed: unknown = null;
      let retryAfterMs = 1000 * attempt;
      try {
        const response = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${token?.token ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        status = response.status;
        const text = await response.text();
        parsed = text ? (JSON.parse(text) as unknown) : null;
        const retryAfter = Number(response.headers.get('retry-after'));
        if (Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = retryAfter * 1000;
      } catch {
        status = 0;
      }
      if ((status === 0 || retryable.has(status)) && attempt < this.maxAttempts) {
        await this.sleep(retryAfterMs);
        continue;
      }
      return { status, body: parsed };
    }
  }
}

/** Graph's error code and message, for logs and delivery reports. */
export function graphErrorText(answer: GraphJsonAnswer): string {
  const error = (answer.body as { error?: { code?: string; message?: string } } | null)?.error;
  return `${answer.status || 'no response'} ${error?.code ?? ''}${error?.message ? `: ${error.message}` : ''}`.trim();
}
