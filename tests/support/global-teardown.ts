import { Client } from 'pg';
import { postgresTemplateName } from './template-locations';

/** Drops this run's PostgreSQL template; each run made its own. */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url || !process.env.TC_POSTGRES_TEMPLATE) return;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${postgresTemplateName()} with (force)`);
  } finally {
    await admin.end();
  }
}
