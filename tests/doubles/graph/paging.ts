export interface PageRequest {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
}

/** `Prefer: odata.maxpagesize=N`, else `$top`, else the default. */
export function pageSizeOf(request: PageRequest, fallback: number): number {
  const prefer = /odata\.maxpagesize=(\d+)/.exec(request.headers.prefer ?? '');
  const top = Number(request.query.get('$top'));
  if (prefer?.[1]) return Math.max(1, Number(prefer[1]));
  if (Number.isInteger(top) && top > 0) return top;
  return fallback;
}

export function encodeToken(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string | null): T | undefined {
  if (!token) return undefined;
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A link back to the same path with the given query (Graph links are absolute). */
export function link(baseUrl: string, path: string, query: Record<string, string>): string {
  return `${baseUrl}/v1.0${path}?${new URLSearchParams(query).toString()}`;
}

/** `{ value, @odata.nextLink? }` for a plain list paged with `$skiptoken`. */
export function listPage(baseUrl: string, request: PageRequest, items: readonly unknown[], fallbackSize: number): Record<string, unknown> {
  const size = pageSizeOf(request, fallbackSize);
  const offset = decodeToken<{ offset: number }>(request.query.get('$skiptoken'))?.offset ?? 0;
  const value = items.slice(offset, offset + size);
  const result: Record<string, unknown> = { value };
  if (offset + size < items.length) {
    const query = Object.fromEntries(request.query);
    result['@odata.nextLink'] = link(baseUrl, request.path, { ...query, $skiptoken: encodeToken({ offset: offset + size }) });
  }
  return result;
}
