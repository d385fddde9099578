import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { people } from '../db/schema';
import { createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { callerCacheTtlMs, findCaller } from './find-caller';
import { importTrustData } from './import-trust';

const ann = { email: 'ann.lee@caller.example', oid: '21111111-1111-4111-8111-111111111111' };
const bob = { email: 'bob.ray@caller.example', oid: '22222222-2222-4222-8222-222222222222' };

const trustData = {
  trust: { tenantId: 'caller-tenant', name: 'Caller Schools Trust' },
  academies: [{ code: 'CSP', name: 'Caller Primary', phase: 'primary' }],
  people: [
    { email: ann.email, displayName: 'Ann Lee', academy: 'CSP', entraObjectId: ann.oid },
    { email: bob.email, displayName: 'Bob Ray', academy: 'CSP' },
  ],
  communities: [],
  memberships: [],
};

describe.each(testDatabaseKinds)('findCaller (%s)', (kind) => {
  let database: Database;
  const t0 = 1_900_000_000_000;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const result = await importTrustData(database.db, trustData);
    expect(result.ok).toBe(true);
  });
  afterAll(() => database.close());

  it('finds the trust of the tenant and the person by Entra object id, in any letter case', async () => {
    const caller = await findCaller(database.db, 'caller-tenant', ann.oid.toUpperCase(), t0);
    expect(caller).toMatchObject({ trust: { name: 'Caller Schools Trust', tenantId: 'caller-tenant' }, person: { displayName: 'Ann Lee' } });
  });

  it('knows the trust but not the person for an unknown object id, and nothing for an unknown tenant', async () => {
    expect(await findCaller(database.db, 'caller-tenant', '99999999-9999-4999-8999-999999999999', t0)).toMatchObject({ trust: { name: 'Caller Schools Trust' }, person: null });
    expect(await findCaller(database.db, 'caller-tenant', undefined, t0)).toMatchObject({ person: null });
    expect(await findCaller(database.db, 'another-tenant', ann.oid, t0)).toBeNull();
  });

  it('remembers a caller it found for a few seconds only, then reads the directory again', async () => {
    expect((await findCaller(database.db, 'caller-tenant', ann.oid, t0))?.person?.displayName).toBe('Ann Lee');
    await database.db.update(people).set({ displayName: 'Ann Lee-Smith' }).where(eq(people.email, ann.email));
    expect((await findCaller(database.db, 'caller-tenant', ann.oid, t0 + 1_000))?.person?.displayName).toBe('Ann Lee');
    expect((await findCaller(database.db, 'caller-tenant', ann.oid, t0 + callerCacheTtlMs + 1))?.person?.displayName).toBe('Ann Lee-Smith');
  });

  it('never remembers someone it did not find, so a person just added to the directory is recognised at once', async () => {
    expect((await findCaller(database.db, 'caller-tenant', bob.oid, t0))?.person).toBeNull();
    await database.db.update(people).set({ entraObjectId: bob.oid }).where(eq(people.email, bob.email));
    expect((await findCaller(database.db, 'caller-tenant', bob.oid, t0 + 1))?.person?.displayName).toBe('Bob Ray');
  });
});
