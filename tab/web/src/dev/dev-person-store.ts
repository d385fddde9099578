/** The person a developer is "viewing as" in local mode, kept across reloads. */
export interface DevPerson {
  id: string;
  displayName: string;
}

const STORAGE_KEY = 'trust-communities.dev-person';

export function loadDevPerson(storage: Storage = localStorage): DevPerson | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
    if (isDevPerson(parsed)) return parsed;
  } catch {
    // A corrupt entry is the same as none: the developer simply picks again.
  }
  return null;
}

export function saveDevPerson(person: DevPerson, storage: Storage = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify({ id: person.id, displayName: person.displayName }));
}

function isDevPerson(value: unknown): value is DevPerson {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<DevPerson>;
  return typeof candidate.id === 'string' && candidate.id !== '' && typeof candidate.displayName === 'string';
}
