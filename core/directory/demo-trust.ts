import fs from 'node:fs';
import type { Db } from '../db/database';
import { trusts } from '../db/schema';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { installDefaultFramework } from '../framework/default-framework';
import { dataPath } from './data-path';
import { formatProblem } from './trust-data-format';
import { importTrustData } from './import-trust';

/** The shipped demo trust (Aspire Learning Trust, tenant `local-tenant`). */
export const demoTrustFile = (): string => dataPath('demo-trust.json');

/**
 * Loads the demo trust and the default framework when the database holds no trust at all, so a
 * fresh local install has something to show. Returns whether it loaded anything.
 */
export async function loadDemoTrustIfEmpty(db: Db, logger: Logger): Promise<boolean> {
  const [anyTrust] = await db.select({ id: trusts.id }).from(trusts).limit(1);
  if (anyTrust) return false;

  const file = demoTrustFile();
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  const imported = await importTrustData(db, data, { origin: { kind: 'json', file: 'demo-trust.json' } });
  if (!imported.ok) {
    const problems = imported.problems.map(formatProblem);
    throw new AppError('demo_data_invalid', `The demo trust data is invalid:\n${problems.join('\n')}`, 500, { problems });
  }
  const framework = await installDefaultFramework(db, imported.summary.trust.id);
  logger.info(
    {
      trust: imported.summary.trust.name,
      people: imported.summary.people.created,
      communities: imported.summary.communities.created,
      meetings: imported.summary.meetings.created,
      framework: framework.outcome,
    },
    'loaded the demo trust',
  );
  return true;
}
