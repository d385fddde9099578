import fs from 'node:fs';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../core/db/database';
import { PgBossQueue } from '../../core/jobs/pg-boss-queue';
import { createLogger } from '../../core/log/logger';
import { migrationsHash, pgliteTemplatePath, postgresTemplateName } from './template-locations';

/**
 * pg-boss creates its own schema the first time a queue starts: a few hundred statements, which
 * every app a test starts would otherwise run again. The templates carry it.
 */
async function createJobQueueSchema(database: Database): Promise<void> {
  const queue = new PgBossQueue({ database, logger: createLogger({ level: 'silent' }) });
  await queue.start();
  await queue.stop({ graceful: false, timeoutMs: 1_000 });
}

/** Migrates one PGlite database (and one PostgreSQL template) that every test file clones. */
export default async function globalSetup(): Promise<void> {
  const target = pgliteTemplatePath();
  if (!fs.existsSync(target)) {
    const database = await openDatabase({ kind: 'pglite' });
    await createJobQueueSchema(database);
    const pglite = (database.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
    const dump = await pglite.dumpDataDir('gzip');
    const temporary = `${target}.${process.pid}`;
    fs.writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(temporary, target);
    await database.close();
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    process.env.TC_POSTGRES_TEMPLATE = `tc_template_${migrationsHash()}_${process.pid}`;
    const templateName = postgresTemplateName();
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${templateName} with (force)`);
      await admin.query(`create database ${templateName}`);
    } finally {
      await admin.end();
    }
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${templateName}`;
    const database = await openDatabase({ kind: 'postgres', url: templateUrl.toString(), poolSize: 1 });
    await createJobQueueSchema(database);
    await database.close();
  }
}
