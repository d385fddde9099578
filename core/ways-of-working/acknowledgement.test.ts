import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { meetingAcknowledgements, meetings, people, trusts } from '../db/schema';
import { createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { importTrustData } from '../directory/import-trust';
import { recordAcknowledgement } from './acknowledgement';
import { cardDataFrom, isCommunityMember, parsedJson, waysOfWorkingCardData } from './meeting-card-data';

const person = (name: string) => ({ email: `${name.toLowerCase()}@ack.example`, displayName: name, academy: 'AKP' });

// 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): membership is judged on the London date.
const lateSummerMeeting = { community: 'maths', academicYear: '2026/27', title: 'Late summer meeting', startsAt: '2027-06-30T23:30:00Z', endsAt: '2027-07-01T00:30:00Z', mode: 'online' as const };

const trustData = {
  trust: { tenantId: 'ack-tenant', name: 'Acknowledging Trust' },
  academies: [{ code: 'AKP', name: 'Ack Primary', phase: 'primary' }],
  people: ['Ada', 'Ben', 'Cal', 'Dee', 'Eve', 'Fay'].map(person),
  communities: [
    { slug: 'maths', name: 'Maths leads' },
    { slug: 'english', name: 'English leads' },
  ],
  academicYears: [{ label: '2026/27', startsOn: '2026-09-01', endsOn: '2027-08-31' }],
  memberships: [
    { community: 'maths', person: 'ada@ack.example', fromDate: '2026-09-01' },
    // Last day was 30 June, the meeting's UTC date but the day before its London date.
    { community: 'maths', person: 'ben@ack.example', fromDate: '2026-09-01', toDate: '2027-06-30' },
    // Last day is the meeting's London date: still a member that day.
    { community: 'maths', person: 'fay@ack.example', fromDate: '2026-09-01', toDate: '2027-07-01' },
    // Joins on the London date of the meeting (the UTC date is a day earlier).
    { community: 'maths', person: 'cal@ack.example', role: 'lead' as const, fromDate: '2027-07-01' },
    // Joins the day after.
    { community: 'maths', person: 'dee@ack.example', fromDate: '2027-07-02' },
  ],
  meetings: [
    { community: 'maths', academicYear: '2026/27', title: 'Autumn meeting', startsAt: '2026-10-01T15:30:00Z', endsAt: '2026-10-01T16:30:00Z', mode: 'online' as const },
    // Another community's meeting in the same year: not part of the maths year's "n of m".
    { community: 'english', academicYear: '2026/27', title: 'English autumn meeting', startsAt: '2026-11-01T15:30:00Z', endsAt: '2026-11-01T16:30:00Z', mode: 'online' as const },
    lateSummerMeeting,
  ],
};

describe.each(testDatabaseKinds)('recordAcknowledgement (%s)', (kind) => {
  let database: Database;
  let trustId: string;
  let meetingId: string;
  const at = new Date('2027-06-30T23:35:00Z');
  const personId = async (name: string) => {
    const [row] = await database.db.select({ id: people.id }).from(people).where(eq(people.displayName, name));
    return row!.id;
  };
  const press = async (name: string, meeting = meetingId, trust = trustId) => recordAcknowledgement(database.db, { trustId: trust, meetingId: meeting, personId: await personId(name), at });
  const stored = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(meetingAcknowledgements).where(eq(meetingAcknowledgements.meetingId, meetingId)))[0]!.n;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const result = await importTrustData(database.db, trustData);
    expect(result.ok).toBe(true);
    [{ id: trustId }] = (await database.db.select({ id: trusts.id }).from(trusts).where(eq(trusts.tenantId, 'ack-tenant'))) as [{ id: string }];
    [{ id: meetingId }] = (await database.db.select({ id: meetings.id }).from(meetings).where(eq(meetings.title, lateSummerMeeting.title))) as [{ id: string }];
  });
  afterAll(() => database.close());

  it('counts members on the London date of the meeting, both ends of a membership included', async () => {
    const members = { Ada: true, Ben: false, Cal: true, Dee: false, Eve: false, Fay: true };
    const communityId = (await database.db.select({ c: meetings.communityId }).from(meetings).where(eq(meetings.id, meetingId)))[0]!.c;
    for (const [name, member] of Object.entries(members)) {
      const result = await press(name);
      expect({ name, member: result?.member, recorded: result?.recorded }).toEqual({ name, member, recorded: member });
      // The side panel and the card's count ask the same question another way.
      expect((await isCommunityMember(database.db, communityId, await personId(name), '2027-07-01')).member).toBe(member);
    }
    expect(await stored()).toBe(3);
  });

  it('counts a second press once and returns the figures with this press counted', async () => {
    const again = await press('Ada');
    expect(again).toMatchObject({ member: true, recorded: false, figures: { acks: 3, members: 3 } });
    expect(parsedJson(again!.figures.sequence!)).toEqual({ n: 2, total: 2 });
    // The same figures as a refresh of the card reads them.
    expect(cardDataFrom(again!.meeting, again!.figures, { tabUrl: 'https://tab' })).toEqual(await waysOfWorkingCardData(database.db, again!.meeting, { tabUrl: 'https://tab' }));
    expect(again?.meeting).toMatchObject({ id: meetingId, title: lateSummerMeeting.title, communityName: 'Maths leads' });
    await database.db.delete(meetingAcknowledgements).where(eq(meetingAcknowledgements.meetingId, meetingId));
    expect((await press('Cal'))?.figures.acks).toBe(1);
  });

  it('knows nothing of a meeting of another trust or an id that is not one', async () => {
    expect(await press('Ada', meetingId, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await press('Ada', 'not-a-meeting')).toBeNull();
    expect(await press('Ada', '00000000-0000-4000-8000-000000000001')).toBeNull();
  });
});
