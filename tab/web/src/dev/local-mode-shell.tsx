import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { createApiClient } from '../api/client';
import type { Session } from '../api/types';
import { PageHeading } from '../components/headings';
import { AppShell } from '../shell/app-shell';
import { loadDevPerson, saveDevPerson, type DevPerson } from './dev-person-store';
import { ViewingAsPicker } from './viewing-as-picker';

/**
 * Local development outside Teams: there is no sign-in, so the developer picks a person and
 * every request names them in `X-Dev-Person`. The server only honours it in local mode.
 */
export function LocalModeShell({ session }: { session: Session }) {
  const [person, setPerson] = useState<DevPerson | null>(() => loadDevPerson());

  const api = useMemo(
    () =>
      createApiClient({
        authHeaders: async (): Promise<Record<string, string>> => (person ? { 'X-Dev-Person': person.id } : {}),
      }),
    [person],
  );

  const choose = (next: DevPerson) => {
    saveDevPerson(next);
    setPerson(next);
  };

  return (
    <AppShell
      api={api}
      trustName={`${session.trustName} (local development)`}
      version={session.version}
      toolbar={<ViewingAsPicker api={api} selected={person} onSelect={choose} />}
      gate={person ? undefined : <ChoosePersonPrompt />}
    />
  );
}

function ChoosePersonPrompt() {
  return (
    <>
      <PageHeading>Choose who to view as</PageHeading>
      <MessageBar intent="info" layout="multiline" style={{ marginTop: 16 }}>
        <MessageBarBody>
          <MessageBarTitle>Local development</MessageBarTitle>
          Pick a person under &ldquo;Viewing as&rdquo; at the top of the page to see the app as they would.
        </MessageBarBody>
      </MessageBar>
    </>
  );
}
