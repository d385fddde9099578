import type { Database } from '../db/database';
import { loadDemoTrustIfEmpty } from '../directory/demo-trust';
import { createLogger } from '../log/logger';
import { createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { demoTrustId, personByEmail } from '../../tests/support/feedback-fixtures';
import { feedbackScope } from './feedback-access';
import { academyFeedback, type CollationFilters } from './feedback-collation';

const logger = createLogger({ level: 'silent' });

/**
 * The response rates read `feedback_counts`, which database triggers keep; these tests check the
 * counts against a plain count of the requests after the writes the app makes, repeated as a
 * retried job would repeat them.
 */
describe.each(testDatabaseKinds)('feedback counts behind the response rates (%s)', (kind) => {
  let database: Database;
  let trustId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await loadDemoTrustIfEmpty(database.db, logger);
    trustId = await demoTrustId(database.db);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  const askEveryone = () =>
    database.executeSql(
      `insert into feedback_requests (trust_id, meeting_id, community_id, person_id, academy_id, meeting_starts_at)
       select m.trust_id, m.id, m.community_id, p.id, p.academy_id, m.starts_at
         from meetings m join people p on p.trust_id = m.trust_id
        where m.trust_id = $1 and abs(hashtext(m.id::text || p.id::text)) % 3 = 0
       on conflict do nothing`,
      [trustId],
    );
  const answerSome = () =>
    database.executeSql(`update feedback_requests set answered_at = coalesce(answered_at, now()) where trust_id = $1 and abs(hashtext(id::text)) % 4 <> 0`, [trustId]);

  /** What the rates were before the counts table: every request of the academy counted. */
  async function countedFromRequests(academyId: string, communityId?: string, from?: string, until?: string) {
    const rows = (
      await database.executeSql(
        `select community_id, count(*)::int as asked, count(answered_at)::int as answered from feedback_requests
          where trust_id = $1 and academy_id = $2 and ($3::uuid is null or community_id = $3)
            and ($4::timestamptz is null or meeting_starts_at >= $4) and ($5::timestamptz is null or meeting_starts_at < $5)
          group by community_id`,
        [trustId, academyId, communityId ?? null, from ?? null, until ?? null],
      )
    ).rows;
    return new Map(rows.map((r) => [String(r.community_id), { asked: Number(r.asked), answered: Number(r.answered) }]));
  }

  it('match a plain count of the requests for every academy and filter, after requests and answers are written twice', async () => {
    await askEveryone();
    await askEveryone();
    await answerSome();
    await answerSome();
    const director = await personByEmail(database.db, 'catherine.rowe@aspire-trust.example');
    const scope = await feedbackScope(database.db, trustId, director.id, new Date('2026-09-15T17:30:00Z'));
    const academyIds = (await database.executeSql('select id from academies where trust_id = $1', [trustId])).rows.map((r) => String(r.id));
    const [term] = (await database.executeSql("select id, starts_on::text as starts_on, ends_on::text as ends_on from calendar_periods where trust_id = $1 and kind = 'term' order by starts_on limit 1", [trustId])).rows;
    const [community] = (await database.executeSql("select id from communities where trust_id = $1 and slug = 'professional-development'", [trustId])).rows;
    const totals = await database.executeSql('select count(*)::int as asked, count(answered_at)::int as answered from feedback_requests where trust_id = $1', [trustId]);
    expect(Number(totals.rows[0]!.asked)).toBeGreaterThan(50);
    expect(Number(totals.rows[0]!.answered)).toBeGreaterThan(0);
    expect(Number(totals.rows[0]!.answered)).toBeLessThan(Number(totals.rows[0]!.asked));

    let compared = 0;
    for (const academyId of academyIds) {
      const cases: { filters: CollationFilters; expected: Awaited<ReturnType<typeof countedFromRequests>> }[] = [
        { filters: {}, expected: await countedFromRequests(academyId) },
        { filters: { communityId: String(community!.id) }, expected: await countedFromRequests(academyId, String(community!.id)) },
        { filters: { termId: String(term!.id) }, expected: await countedFromRequests(academyId, undefined, `${String(term!.starts_on)}T00:00:00Z`, `${String(term!.ends_on)}T23:59:59Z`) },
      ];
      for (const { filters, expected } of cases) {
        const view = await academyFeedback(database.db, scope, academyId, filters);
        const got = new Map(view.responseRates.map((r) => [r.communityId, { asked: r.asked, answered: r.answered }]));
        expect(got).toEqual(expected);
        compared += expected.size;
      }
    }
    expect(compared).toBeGreaterThan(10);
  }, 120_000);

  it('take an answer away again when it is cleared, and a request away when it is deleted', async () => {
    const [request] = (await database.executeSql('select id, academy_id, meeting_id from feedback_requests where trust_id = $1 and answered_at is not null and academy_id is not null limit 1', [trustId])).rows;
    const countsOf = async () =>
      (await database.executeSql('select asked, answered from feedback_counts where academy_id = $1 and meeting_id = $2', [request!.academy_id, request!.meeting_id])).rows[0]!;
    const before = await countsOf();
    await database.executeSql('update feedback_requests set answered_at = null where id = $1', [request!.id]);
    expect(await countsOf()).toEqual({ asked: before.asked, answered: Number(before.answered) - 1 });
    await database.executeSql('delete from feedback_requests where id = $1', [request!.id]);
    expect(await countsOf()).toEqual({ asked: Number(before.asked) - 1, answered: Number(before.answered) - 1 });
  });
});
