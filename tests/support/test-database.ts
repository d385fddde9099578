import fs from 'node:fs';
import crypto from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../core/db/database';
import { pgliteTemplatePath, postgresTemplateName } from './template-locations';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** The database kinds every DB test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const testDatabaseKinds: TestDatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * A fresh, migrated, empty database for one test file. PGlite is cloned from a template dumped
 * by the global setup (opening and migrating a new data dir costs seconds); PostgreSQL gets a new
 * database copied from a migrated template database, dropped again on close.
 */
export async function createTestDatabase(kind: TestDatabaseKind = 'pglite'): Promise<Database> {
  if (kind === 'pglite') {
    const dump = fs.readFileSync(pgliteTemplatePath());
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([dump]) });
  }
  const adminUrl = requiredTestDatabaseUrl();
  const name = `tc_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${postgresTemplateName()}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** A URL for a new, empty (unmigrated) PostgreSQL database; for tests of start-up itself. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = requiredTestDatabaseUrl();
  const name = `tc_empty_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

function requiredTestDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}
