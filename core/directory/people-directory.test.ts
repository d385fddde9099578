import type { Database } from '../db/database';
import { createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { importTrustData } from './import-trust';
import {
  communitiesForPerson,
  findPersonByAadObjectId,
  findPersonById,
  findTrustByTenantId,
  listPeople,
  upcomingMeetingsForPerson,
} from './people-directory';
import { formatProblem } from './trust-data-format';

const ann = { email: 'ann.lee@northgate.example', oid: '11111111-1111-4111-8111-111111111111' };
const slot = (date: string, offset = '+00:00') => ({ startsAt: `${date}T15:45:00${offset}`, endsAt: `${date}T17:15:00${offset}` });

const northgate = {
  trust: { tenantId: 'dir-tenant', name: 'Northgate Schools Trust' },
  academies: [
    { code: 'NGP', name: 'Northgate Primary', phase: 'primary' },
    { code: 'NGS', name: 'Northgate Secondary', phase: 'secondary' },
  ],
  people: [
    { email: ann.email, displayName: 'Ann Lee', jobTitle: 'Assistant Principal', academy: 'NGP', entraObjectId: ann.oid, roles: ['pd_lead'] },
    { email: 'bob.ray@northgate.example', displayName: 'Bob Ray', academy: 'NGS' },
    { email: 'cat.fox@northgate.example', displayName: 'Cat Fox', serviceArea: 'finance', roles: ['operations_staff'] },
    { email: 'dan.annan@northgate.example', displayName: 'Dan Annan' },
  ],
  communities: [
    { slug: 'pd', name: 'Professional Development', priorities: ['Feedback'] },
    { slug: 'maths', name: 'Mathematics', kind: 'strategic_development_group' },
    { slug: 'old', name: 'Old Working Party' },
    { slug: 'future', name: 'Future Group' },
    { slug: 'quiet', name: 'Quiet Group' },
  ],
  memberships: [
    { community: 'pd', person: ann.email, role: 'lead', fromDate: '2026-09-01' },
    { community: 'maths', person: ann.email, fromDate: '2026-09-01' },
    { community: 'old', person: ann.email, role: 'lead', fromDate: '2025-09-01', toDate: '2026-08-31' },
    { community: 'future', person: ann.email, fromDate: '2027-01-04' },
    { community: 'quiet', person: ann.email, fromDate: '2026-09-01', toDate: '2026-11-23' },
    { community: 'pd', person: 'bob.ray@northgate.example', fromDate: '2026-09-01' },
  ],
  meetings: [
    { community: 'pd', title: 'Past', mode: 'online', ...slot('2026-11-10') },
    { community: 'pd', title: 'In progress', mode: 'online', ...slot('2026-11-23') },
    { community: 'pd', title: 'Cancelled', mode: 'online', status: 'cancelled', ...slot('2026-11-24') },
    { community: 'pd', title: 'Next PD', mode: 'hybrid', venue: 'Northgate Primary, Hall', ...slot('2026-12-01') },
    { community: 'pd', title: 'Spring PD', mode: 'online', ...slot('2027-01-26') },
    { community: 'maths', title: 'Next maths', mode: 'face_to_face', venue: 'Northgate Secondary, M1', ...slot('2026-11-25') },
    { community: 'old', title: 'Old group', mode: 'online', ...slot('2026-11-26') },
    { community: 'future', title: 'Future group', mode: 'online', ...slot('2027-01-12') },
  ],
};

const otherTrust = {
  trust: { tenantId: 'other-tenant', name: 'Other Trust' },
  people: [{ email: ann.email, displayName: 'Ann Lee (other trust)', entraObjectId: ann.oid }],
};

// Mon 23 Nov 2026, 16:00 London: the "In progress" meeting is under way.
const now = new Date('2026-11-23T16:00:00Z');

describe.each(testDatabaseKinds)('the people directory on %s', (kind) => {
  let database: Database;
  let trustId: string;
  let otherTrustId: string;
  let annId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    for (const data of [northgate, otherTrust]) {
      const result = await importTrustData(database.db, data);
      if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    }
    trustId = (await findTrustByTenantId(database.db, 'dir-tenant'))!.id;
    otherTrustId = (await findTrustByTenantId(database.db, 'other-tenant'))!.id;
    annId = (await findPersonByAadObjectId(database.db, trustId, ann.oid))!.id;
  });
  afterAll(async () => {
    await database.close();
  });

  it('finds a trust by its tenant id and nothing for an unknown tenant', async () => {
    expect(await findTrustByTenantId(database.db, 'dir-tenant')).toEqual({ id: trustId, tenantId: 'dir-tenant', name: 'Northgate Schools Trust' });
    expect(await findTrustByTenantId(database.db, 'nobody')).toBeNull();
  });

  it('finds a person by Entra object id within the trust only', async () => {
    const inNorthgate = await findPersonByAadObjectId(database.db, trustId, ann.oid.toUpperCase());
    const inOther = await findPersonByAadObjectId(database.db, otherTrustId, ann.oid);
    expect(inNorthgate?.displayName).toBe('Ann Lee');
    expect(inOther?.displayName).toBe('Ann Lee (other trust)');
    expect(inOther?.id).not.toBe(inNorthgate?.id);
    expect(await findPersonByAadObjectId(database.db, trustId, '99999999-9999-4999-8999-999999999999')).toBeNull();
  });

  it('finds a person by id with their academy and roles, and not from another trust', async () => {
    expect(await findPersonById(database.db, trustId, annId)).toMatchObject({
      id: annId,
      displayName: 'Ann Lee',
      email: ann.email,
      jobTitle: 'Assistant Principal',
      academyName: 'Northgate Primary',
      roles: ['pd_lead', 'community_lead'],
    });
    expect(await findPersonById(database.db, otherTrustId, annId)).toBeNull();
    expect(await findPersonById(database.db, trustId, 'not-a-uuid')).toBeNull();
  });

  it('lists people by name, searches names and emails, and honours the limit', async () => {
    const everyone = await listPeople(database.db, trustId, { limit: 50 });
    expect(everyone.map((p) => p.displayName)).toEqual(['Ann Lee', 'Bob Ray', 'Cat Fox', 'Dan Annan']);
    expect(everyone[2]).toEqual({
      id: expect.any(String),
      displayName: 'Cat Fox',
      email: 'cat.fox@northgate.example',
      academyName: null,
      roles: ['operations_staff'],
    });

    const ann_ = await listPeople(database.db, trustId, { search: 'ann', limit: 50 });
    expect(ann_.map((p) => p.displayName)).toEqual(['Ann Lee', 'Dan Annan']);
    expect((await listPeople(database.db, trustId, { search: 'BOB.RAY@', limit: 50 })).map((p) => p.displayName)).toEqual(['Bob Ray']);
    expect(await listPeople(database.db, trustId, { search: '%', limit: 50 })).toEqual([]);
    expect(await listPeople(database.db, trustId, { limit: 2 })).toHaveLength(2);
    expect((await listPeople(database.db, otherTrustId, { limit: 50 })).map((p) => p.displayName)).toEqual(['Ann Lee (other trust)']);
  });

  it('lists only current communities, with the person\'s role and the next scheduled meeting', async () => {
    const communities = await communitiesForPerson(database.db, trustId, annId, now);
    expect(communities.map((c) => [c.name, c.role, c.nextMeeting?.title ?? null])).toEqual([
      ['Mathematics', 'member', 'Next maths'],
      ['Professional Development', 'lead', 'Next PD'],
      ['Quiet Group', 'member', null],
    ]);
    const pd = communities.find((c) => c.slug === 'pd')!;
    expect(pd).toMatchObject({ kind: 'community', priorities: ['Feedback'] });
    expect(pd.nextMeeting).toMatchObject({ mode: 'hybrid', venue: 'Northgate Primary, Hall' });
    expect(pd.nextMeeting?.startsAt.toISOString()).toBe('2026-12-01T15:45:00.000Z');
  });

  it('lists upcoming meetings of current communities soonest first, skipping cancelled ones', async () => {
    const meetings = await upcomingMeetingsForPerson(database.db, trustId, annId, now, 10);
    expect(meetings.map((m) => m.title)).toEqual(['In progress', 'Next maths', 'Next PD', 'Spring PD']);
    expect(meetings[1]).toMatchObject({ communityName: 'Mathematics', communitySlug: 'maths', mode: 'face_to_face' });
    expect((await upcomingMeetingsForPerson(database.db, trustId, annId, now, 2)).map((m) => m.title)).toEqual(['In progress', 'Next maths']);
  });

  it('counts a membership from the London date it starts', async () => {
    const january = new Date('2027-01-04T00:30:00Z');
    const communities = await communitiesForPerson(database.db, trustId, annId, january);
    expect(communities.map((c) => c.slug)).toContain('future');
    const meetings = await upcomingMeetingsForPerson(database.db, trustId, annId, january, 10);
    expect(meetings.map((m) => m.title)).toEqual(['Future group', 'Spring PD']);
  });

  it('returns nothing for a person of another trust', async () => {
    expect(await communitiesForPerson(database.db, otherTrustId, annId, now)).toEqual([]);
    expect(await upcomingMeetingsForPerson(database.db, otherTrustId, annId, now, 10)).toEqual([]);
  });
});
