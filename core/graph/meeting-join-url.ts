/**
 * The meeting chat a Teams join URL points at, when the URL carries it. Classic join URLs
 * (`https://teams.microsoft.com/l/meetup-join/19%3ameeting_...%40thread.v2/0?context=...`) hold
 * the chat thread id as their first path segment after `meetup-join`; reading it saves one Graph
 * request per online meeting. Newer short links (`/meet/<id>?p=...`) do not carry it, so callers
 * fall back to looking the meeting up by `JoinWebUrl`.
 */
export function chatThreadIdFromJoinUrl(joinUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(joinUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !/(^|\.)teams\.microsoft\.(com|us)$/.test(url.hostname)) return undefined;
  const segments = url.pathname.split('/');
  const at = segments.indexOf('meetup-join');
  const encoded = at >= 0 ? segments[at + 1] : undefined;
  if (!encoded) return undefined;
  let threadId: string;
  try {
    threadId = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  return /^19:meeting_[A-Za-z0-9_-]+@thread\.v2$/.test(threadId) ? threadId : undefined;
}
