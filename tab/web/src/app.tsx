import { FluentProvider } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, createApiClient, type ApiClient } from './api/client';
import type { Session } from './api/types';
import { useApiRequest } from './api/use-api-request';
import { ErrorNotice } from './components/request-status';
import { LocalModeShell } from './dev/local-mode-shell';
import type { Host } from './host/detect-host';
import { useHostTheme } from './host/theme';
import { AppShell } from './shell/app-shell';
import { CentredStatus } from './shell/centred-status';
import { OpenInTeams } from './shell/open-in-teams';

/** Root component: waits for host detection, applies the theme and picks the shell for the mode. */
export function App({ host: hostPromise }: { host: Promise<Host> }) {
  const [host, setHost] = useState<Host | null>(null);
  const theme = useHostTheme(host);

  useEffect(() => {
    let live = true;
    hostPromise
      .catch((): Host => ({ kind: 'standalone' }))
      .then((detected) => {
        if (live) setHost(detected);
      });
    return () => {
      live = false;
    };
  }, [hostPromise]);

  return (
    <FluentProvider theme={theme} style={{ height: '100%' }}>
      {host ? <SessionGate host={host} /> : <CentredStatus />}
    </FluentProvider>
  );
}

function SessionGate({ host }: { host: Host }) {
  // Inside Teams every call carries the SSO token; outside, `/session` needs no identity.
  const api: ApiClient = useMemo(
    () =>
      createApiClient(
        host.kind === 'teams'
          ? { authHeaders: async () => ({ Authorization: `Bearer ${await teamsToken(host)}` }) }
          : {},
      ),
    [host],
  );
  const session = useApiRequest((signal) => api.getSession(signal), [api]);

  useEffect(() => {
    // Teams shows its own error if the tab has not reported within 30 s; our errors are on the page.
    if (host.kind === 'teams' && session.status !== 'loading') host.notifyLoaded();
  }, [host, session.status]);

  if (session.status === 'loading') return <CentredStatus />;
  if (session.status === 'error') {
    return (
      <CentredStatus>
        <ErrorNotice title="Trust Communities could not start" error={session.error} onRetry={session.retry} />
      </CentredStatus>
    );
  }
  return <ShellForMode host={host} session={session.data} api={api} />;
}

function ShellForMode({ host, session, api }: { host: Host; session: Session; api: ApiClient }) {
  if (host.kind === 'teams') return <AppShell api={api} trustName={session.trustName} version={session.version} />;
  if (session.mode === 'local') return <LocalModeShell session={session} />;
  return <OpenInTeams trustName={session.trustName} />;
}

/** Teams' SSO token; teams-js caches it and refreshes it before it expires. */
async function teamsToken(host: Extract<Host, { kind: 'teams' }>): Promise<string> {
  try {
    return await host.getAuthToken();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(`Microsoft Teams could not sign you in (${reason}). Close the app and open it again.`, 401, 'sso_failed', null);
  }
}
