/** node-postgres and PGlite both answer drizzle's `execute` with an object holding `rows`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
