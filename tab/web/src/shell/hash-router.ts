import { useCallback, useEffect, useState } from 'react';

/** `#/schedule` → `/schedule`; an empty hash is the home page `/`. */
export function pathFromHash(hash: string): string {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

/** The current hash path and a way to change it; back and forward buttons work as usual. */
export function useHashPath(): [path: string, navigate: (path: string) => void] {
  const [path, setPath] = useState(() => pathFromHash(window.location.hash));

  useEffect(() => {
    const onHashChange = () => setPath(pathFromHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const navigate = useCallback((next: string) => {
    window.location.hash = next;
  }, []);

  return [path, navigate];
}

/** One value from the hash's query (`#/feedback?delivery=…` → `delivery`), re-read when the hash changes; the router itself ignores the query. */
export function useHashParam(name: string): string | null {
  const read = useCallback(() => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get(name)?.trim() || null, [name]);
  const [value, setValue] = useState(read);

  useEffect(() => {
    const onHashChange = () => setValue(read());
    onHashChange();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [read]);

  return value;
}
