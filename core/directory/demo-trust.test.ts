import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { frameworks, trusts } from '../db/schema';
import { createLogger } from '../log/logger';
import { createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { loadDemoTrustIfEmpty } from './demo-trust';

const logger = createLogger({ level: 'silent' });

describe.each(testDatabaseKinds)('loading the demo trust on %s', (kind) => {
  let database: Database;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await database.close();
  });

  it('loads the trust and its default framework into an empty database', async () => {
    expect(await loadDemoTrustIfEmpty(database.db, logger)).toBe(true);

    const [trust] = await database.db.select().from(trusts).where(eq(trusts.tenantId, 'local-tenant'));
    expect(trust?.name).toBe('Aspire Learning Trust');
    const [framework] = await database.db.select().from(frameworks).where(eq(frameworks.trustId, trust!.id));
    expect(framework).toMatchObject({ key: 'exceptional-service-descriptors', version: 1, isDefault: true });
  });

  it('leaves a database that already holds a trust alone', async () => {
    await database.db.insert(trusts).values({ tenantId: 'someone-else', name: 'Another Trust' });
    expect(await loadDemoTrustIfEmpty(database.db, logger)).toBe(false);
    expect(await database.db.select().from(trusts)).toHaveLength(1);
  });

  it('loads only once', async () => {
    expect(await loadDemoTrustIfEmpty(database.db, logger)).toBe(true);
    expect(await loadDemoTrustIfEmpty(database.db, logger)).toBe(false);
  });
});
