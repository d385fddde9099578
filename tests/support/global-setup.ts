import fs from 'node:fs';
import { Client } from 'pg';
import { openDatabase } from '../../core/db/database';
import { pgliteTemplatePath, postgresTemplateName } from './template-locations';

/** Migrates one PGlite database (and one PostgreSQL template) that every test file clones. */
export default async function globalSetup(): Promise<void> {
  const target = pgliteTemplatePath();
  if (!fs.existsSync(target)) {
    const database = await openDatabase({ kind: 'pglite' });
    const pglite = (database.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
    const dump = await pglite.dumpDataDir('gzip');
    const temporary = `${target}.${process.pid}`;
    fs.writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(temporary, target);
    await database.close();
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${postgresTemplateName} with (force)`);
      await admin.query(`create database ${postgresTemplateName}`);
    } finally {
      await admin.end();
    }
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${postgresTemplateName}`;
    const database = await openDatabase({ kind: 'postgres', url: templateUrl.toString(), poolSize: 1 });
    await database.close();
  }
}
