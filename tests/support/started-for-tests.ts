/**
 * Starts something before the tests of the enclosing `describe` and closes it after them. The
 * function returned hands it to later hooks and to the tests; called before it has started, it throws.
 */
export function startedForTests<T extends { close(): Promise<void> }>(start: () => Promise<T>): () => T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(() => started?.close());
  return () => {
    if (!started) throw new Error('not started yet: read it in a hook or a test, after the beforeAll that starts it');
    return started;
  };
}
