import { useEffect, useState } from 'react';
import { useApiRequest } from '../../api/use-api-request';
import type { WaysOfWorkingVersions } from '../../api/ways-of-working-client';

/**
 * The versions of the framework or a community's agreements, which a save refreshes in place:
 * the section keeps showing while the new list loads, and so does the "saved" message.
 */
export function useVersions(load: (signal?: AbortSignal) => Promise<WaysOfWorkingVersions>, deps: readonly unknown[]) {
  const request = useApiRequest((signal) => load(signal), deps);
  const [refreshed, setRefreshed] = useState<WaysOfWorkingVersions | null>(null);
  // Another person (local mode's "Viewing as") or another community sees what the server says for them.
  useEffect(() => setRefreshed(null), deps);
  return {
    request,
    data: request.status === 'ready' ? (refreshed ?? request.data) : null,
    refresh: async () => setRefreshed(await load()),
  };
}
