import { createTestDatabase, testDatabaseKinds } from './test-database';

describe.each(testDatabaseKinds)('a test database on %s', (kind) => {
  it('is migrated and empty', async () => {
    const database = await createTestDatabase(kind);
    try {
      const result = await database.executeSql('select count(*)::int as n from trusts');
      expect(result.rows[0]).toEqual({ n: 0 });
    } finally {
      await database.close();
    }
  });
});
