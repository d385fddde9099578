/** The Teams theme names the host reports; anything else is treated as 'default'. */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

export type Host =
  | {
      kind: 'teams';
      theme: TeamsThemeName;
      getAuthToken: () => Promise<string>;
      onThemeChange: (handler: (theme: TeamsThemeName) => void) => void;
      notifyLoaded: () => void;
    }
  | { kind: 'standalone' };

/** How long to wait for Teams to answer before deciding the tab is open in a plain browser. */
const TEAMS_INIT_TIMEOUT_MS = 2500;

/**
 * Works out whether the page runs inside Teams. Outside Teams `app.initialize()` either
 * rejects (top-level window) or never answers (framed by some other page), so it is raced
 * against a timeout.
 */
export async function detectHost(timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<Host> {
  // Teams hosts tabs in a frame (desktop, web) or a webview with a native bridge (mobile).
  // In a plain top-level tab teams-js would reject at once, so skip loading it: importing
  // it also fetches Microsoft's list of valid host origins.
  if (window.parent === window && !('nativeInterface' in window)) return { kind: 'standalone' };

  const { app, authentication } = await import('@microsoft/teams-js');
  const initialised = await withTimeout(app.initialize(), timeoutMs).then(
    () => true,
    () => false,
  );
  if (!initialised) return { kind: 'standalone' };

  // Without a context we still know we are in Teams; the theme handler corrects the colours.
  const theme = await app.getContext().then(
    (context) => toThemeName(context.app.theme),
    () => 'default' as const,
  );
  let notified = false;
  return {
    kind: 'teams',
    theme,
    getAuthToken: () => authentication.getAuthToken(),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(toThemeName(theme))),
    notifyLoaded: () => {
      if (notified) return;
      notified = true;
      // Nothing useful to do if the host does not acknowledge; the page is already shown.
      app.notifySuccess().catch(() => undefined);
    },
  };
}

function toThemeName(theme: string): TeamsThemeName {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Timed out waiting for Microsoft Teams')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
