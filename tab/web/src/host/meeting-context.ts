/**
 * The Teams meeting chat the tab is open in (side panel or meeting chat tab), or null outside a
 * meeting. teams-js is only asked when the app shell has already initialised it.
 */
export async function meetingChatId(): Promise<string | null> {
  if (window.parent === window && !('nativeInterface' in window)) return null;
  const { app } = await import('@microsoft/teams-js');
  if (!app.isInitialized()) return null;
  const context = await app.getContext().catch(() => null);
  return context?.meeting?.id ? (context.chat?.id ?? null) : null;
}

/** `#/meeting?meetingId=...`: a meeting named in the address, for links from cards and the browser. */
export function meetingIdFromHash(hash: string): string | null {
  const query = hash.split('?')[1];
  return query ? new URLSearchParams(query).get('meetingId') : null;
}
