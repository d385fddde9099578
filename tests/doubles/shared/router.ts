/** A route such as `/v3/conversations/{conversationId}/activities`; placeholders match one segment. */
export interface Route<Handler> {
  method: string;
  pattern: string;
  name: string;
  handler: Handler;
}

export interface RouteMatch<Handler> {
  route: Route<Handler>;
  /** Placeholder values, percent-decoded (conversation ids arrive encoded: `a%3A1...%40thread`). */
  params: Record<string, string>;
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchRoute<Handler>(
  routes: readonly Route<Handler>[],
  method: string,
  rawPath: string,
): RouteMatch<Handler> | 'method-not-allowed' | undefined {
  const segments = rawPath.split('/').filter((segment) => segment.length > 0);
  let pathMatched = false;
  for (const route of routes) {
    const parts = route.pattern.split('/').filter((part) => part.length > 0);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    parts.forEach((part, index) => {
      const segment = segments[index] ?? '';
      if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = decodeSegment(segment);
      else if (part.toLowerCase() !== decodeSegment(segment).toLowerCase()) ok = false;
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method.toUpperCase()) return { route, params };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}
