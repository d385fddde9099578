import { Client } from 'pg';

/**
 * A new, empty PostgreSQL database for one benchmark run, on the server of `BENCH_DATABASE_URL`
 * (the local one by default), dropped again by `drop()`.
 */
export async function scratchDatabase(prefix: string, baseUrl = 'postgres://postgres@127.0.0.1:5432/postgres'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new Client({ connectionString: baseUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
