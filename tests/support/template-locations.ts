import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { migrationsFolder } from '../../core/db/database';

/** Templates are keyed by the migrations' content, so a new migration yields a new template. */
export function migrationsHash(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  walk(migrationsFolder);
  return hash.digest('hex').slice(0, 12);
}

export const pgliteTemplatePath = () => path.join(os.tmpdir(), `trust-communities-template-${migrationsHash()}-jobs.tar.gz`);
/**
 * One PostgreSQL template per jest run (global setup names it and workers inherit the variable),
 * so runs started side by side never drop each other's template.
 */
export const postgresTemplateName = () => process.env.TC_POSTGRES_TEMPLATE ?? 'tc_template';
