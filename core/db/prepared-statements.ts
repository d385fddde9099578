import type { Db } from './database';

/**
 * A statement prepared once per database: drizzle builds its SQL once, and PostgreSQL parses and
 * plans it once per connection. Hot paths (every bot turn) use these; values go in as placeholders.
 * Kept per database so two apps (or two tests) in one process never share a statement.
 */
export function preparedPerDatabase<T>(prepare: (db: Db) => T): (db: Db) => T {
  const statements = new WeakMap<Db, T>();
  return (db) => {
    let statement = statements.get(db);
    if (statement === undefined) {
      statement = prepare(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
