import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { academies, calendarPeriods, communities, meetings, memberships, people, personRoles, trusts } from '../db/schema';
import { createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { demoTrustFile } from './demo-trust';
import { formatSummary, importTrustData, type ImportSummary } from './import-trust';
import { formatProblem, parseTrustCsv, readTrustDataFiles } from './trust-data-format';

const demo = (): Record<string, unknown> => JSON.parse(fs.readFileSync(demoTrustFile(), 'utf8')) as Record<string, unknown>;
const demoOrigin = { kind: 'json', file: 'demo-trust.json' } as const;

function createdCount(summary: ImportSummary): number {
  const { trust: _trust, calendarPeriods: periods, ...rest } = summary;
  return Object.values(rest).reduce((n, counts) => n + counts.created + counts.updated, 0) + periods.created + periods.updated + periods.removed;
}

async function rowCounts(database: Database): Promise<Record<string, number>> {
  const { rows } = await database.executeSql(
    `select (select count(*) from trusts)::int as trusts, (select count(*) from academies)::int as academies,
            (select count(*) from people)::int as people, (select count(*) from person_roles)::int as roles,
            (select count(*) from communities)::int as communities, (select count(*) from memberships)::int as memberships,
            (select count(*) from calendar_periods)::int as periods, (select count(*) from meetings)::int as meetings`,
  );
  return rows[0] as Record<string, number>;
}

const badCsv = [
  { name: 'trust.csv', content: 'tenant_id,name\ncsv-tenant,Northgate Schools Trust\n' },
  {
    name: 'academies.csv',
    content: ['code,name,phase', 'NGP,Northgate Primary,primary', 'NGS,Northgate Secondary,secondary', 'NGP,Northgate Primary Again,primary'].join('\n'),
  },
  {
    name: 'people.csv',
    content: [
      'email,display_name,job_title,academy,service_area,line_manager,entra_object_id,roles',
      'ann.lee@northgate.example,Ann Lee,Principal,NGP,,,,trust_admin',
      'x,Bob Ray,Teacher,NGP,,,,',
      'carl.fox@northgate.example,Carl Fox,Teacher,ZZZ,,,,',
      'ANN.LEE@northgate.example,Ann Lee Two,Teacher,NGS,,,,',
      'dee.kay@northgate.example,Dee Kay,Finance Officer,,finance,nobody@northgate.example,,operations_staff',
      'eve.orr@northgate.example,Eve Orr,Teacher,NGS,,,,pd_lead;head_chef',
    ].join('\n'),
  },
  { name: 'communities.csv', content: 'slug,name,kind,priorities\npd,Professional Development,community,One; Two\n' },
  {
    name: 'memberships.csv',
    content: [
      'community,person,role,from_date,to_date',
      'pd,ann.lee@northgate.example,lead,2026-09-01,2026-08-01',
      'pd,ghost@northgate.example,member,2026-09-01,',
      'nope,dee.kay@northgate.example,member,2026-09-01,',
      'pd,dee.kay@northgate.example,boss,2026-13-01,',
    ].join('\n'),
  },
];

describe.each(testDatabaseKinds)('importing trust data on %s', (kind) => {
  let database: Database;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await database.close();
  });

  it('imports the demo trust cleanly', async () => {
    const result = await importTrustData(database.db, demo(), { origin: demoOrigin });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));

    expect(result.changed).toBe(true);
    expect(result.summary.trust).toMatchObject({ tenantId: 'local-tenant', name: 'Aspire Learning Trust', outcome: 'created' });
    expect(result.summary.academies.created).toBe(6);
    expect(result.summary.people.created).toBe(40);
    expect(result.summary.communities.created).toBe(5);
    expect(result.summary.meetings.created).toBeGreaterThanOrEqual(15);
    expect(await rowCounts(database)).toMatchObject({ trusts: 1, academies: 6, people: 40, communities: 5 });

    const [pd] = await database.db.select().from(communities).where(eq(communities.slug, 'professional-development'));
    expect(pd?.priorities.length).toBeGreaterThanOrEqual(3);
    const pdLeads = await database.db.select().from(personRoles).where(eq(personRoles.role, 'pd_lead'));
    expect(new Set(pdLeads.map((r) => r.academyId)).size).toBe(6);
    const managed = await database.db.select().from(people).where(sql`${people.lineManagerId} is not null`);
    expect(managed.length).toBeGreaterThan(5);
  });

  it('changes nothing when the same file is imported a second time', async () => {
    const first = await importTrustData(database.db, demo(), { origin: demoOrigin });
    expect(first.ok).toBe(true);
    const before = await rowCounts(database);

    const second = await importTrustData(database.db, demo(), { origin: demoOrigin });
    if (!second.ok) throw new Error('second import failed');
    expect(second.changed).toBe(false);
    expect(second.summary.trust.outcome).toBe('unchanged');
    expect(createdCount(second.summary)).toBe(0);
    expect(second.summary.people.unchanged).toBe(40);
    expect(await rowCounts(database)).toEqual(before);
  });

  it('reports every bad row of a CSV set with its file and row number and writes nothing', async () => {
    const loaded = parseTrustCsv(badCsv);
    expect(loaded.problems).toEqual([]);
    const result = await importTrustData(database.db, loaded.data, { origin: loaded.origin });
    if (result.ok) throw new Error('expected problems');

    expect(result.problems.map(formatProblem)).toEqual([
      'academies.csv row 4: code "NGP" is already used in row 2',
      'people.csv row 3: email "x" is not a valid email address',
      'people.csv row 4: academy "ZZZ" is not a known academy code',
      'people.csv row 5: email "ann.lee@northgate.example" is already used in row 2',
      'people.csv row 6: line_manager "nobody@northgate.example" is not the email of anyone in the trust',
      `people.csv row 7: roles "head_chef" must be one of ${personRoles.role.enumValues.join(', ')}`,
      'memberships.csv row 2: to_date "2026-08-01" is before the from date 2026-09-01',
      'memberships.csv row 3: person "ghost@northgate.example" is not the email of anyone in the trust',
      'memberships.csv row 4: community "nope" is not a known community slug',
      'memberships.csv row 5: role "boss" must be one of lead, member',
      'memberships.csv row 5: from_date "2026-13-01" is not a date in the form YYYY-MM-DD',
    ]);
    expect(result.problems.find((p) => p.file === 'people.csv' && p.row === 3)).toMatchObject({ field: 'email' });
    expect(await rowCounts(database)).toMatchObject({ trusts: 0, academies: 0, people: 0, memberships: 0 });
  });

  it('reads a folder of CSV files and imports it when every row is valid', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-csv-'));
    try {
      fs.writeFileSync(path.join(folder, 'trust.csv'), 'name\nNorthgate Schools Trust\n');
      fs.writeFileSync(path.join(folder, 'academies.csv'), 'code,name,phase\nngp,Northgate Primary,primary\n');
      fs.writeFileSync(
        path.join(folder, 'people.csv'),
        [
          'email,display_name,job_title,academy,service_area,line_manager,entra_object_id,roles',
          'Ann.Lee@Northgate.example,Ann Lee,Principal,NGP,,,,trust_admin',
          'dee.kay@northgate.example,Dee Kay,Finance Officer,,Finance,ann.lee@northgate.example,2a1b3c4d-0000-4000-8000-00000000000a,operations_staff; line_manager',
        ].join('\n'),
      );
      fs.writeFileSync(path.join(folder, 'communities.csv'), 'slug,name,kind,priorities\nops,Operations,team_networking_group,Budgets; Service requests\n');
      fs.writeFileSync(path.join(folder, 'memberships.csv'), 'community,person,role,from_date\nops,dee.kay@northgate.example,lead,2026-09-01\n');

      const loaded = await readTrustDataFiles([folder]);
      expect(loaded.problems).toEqual([]);
      const result = await importTrustData(database.db, loaded.data, { origin: loaded.origin, tenantId: 'csv-tenant' });
      if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
      expect(result.summary.trust.outcome).toBe('created');

      const [dee] = await database.db.select().from(people).where(eq(people.email, 'dee.kay@northgate.example'));
      const [ann] = await database.db.select().from(people).where(eq(people.email, 'ann.lee@northgate.example'));
      expect(dee).toMatchObject({ serviceArea: 'finance', lineManagerId: ann!.id, entraObjectId: '2a1b3c4d-0000-4000-8000-00000000000a' });
      const [ops] = await database.db.select().from(communities).where(eq(communities.slug, 'ops'));
      expect(ops?.priorities).toEqual(['Budgets', 'Service requests']);
      const deeRoles = await database.db.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, dee!.id));
      expect(deeRoles.map((r) => r.role).sort()).toEqual(['community_lead', 'line_manager', 'operations_staff']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('needs a trust name only for a trust it has not seen', async () => {
    const loaded = parseTrustCsv([{ name: 'academies.csv', content: 'code,name\nNGP,Northgate Primary\n' }]);
    const first = await importTrustData(database.db, loaded.data, { origin: loaded.origin, tenantId: 'new-tenant' });
    expect(first.ok ? [] : first.problems.map(formatProblem)).toEqual(['trust.csv: name is required for a trust that is not in the database yet']);

    await database.db.insert(trusts).values({ tenantId: 'new-tenant', name: 'Northgate' });
    const second = await importTrustData(database.db, loaded.data, { origin: loaded.origin, tenantId: 'new-tenant' });
    expect(second.ok).toBe(true);
  });

  it('lets rows refer to academies and people already in the database', async () => {
    await importTrustData(database.db, demo(), { origin: demoOrigin });
    const loaded = parseTrustCsv([
      {
        name: 'people.csv',
        content: 'email,display_name,academy,line_manager\nnew.starter@aspire-trust.example,New Starter,KGS,david.okafor@aspire-trust.example\n',
      },
      { name: 'memberships.csv', content: 'community,person,from_date\noperations,new.starter@aspire-trust.example,2026-11-02\n' },
    ]);
    const result = await importTrustData(database.db, loaded.data, { origin: loaded.origin, tenantId: 'local-tenant' });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.summary.people).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(result.summary.memberships).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('counts a changed row as updated and keeps fields the data leaves out', async () => {
    await importTrustData(database.db, demo(), { origin: demoOrigin });
    const changed = demo();
    const rows = changed.academies as { code: string; name: string; phase?: string }[];
    rows[0]!.name = 'Brookfield Primary School';
    delete rows[1]!.phase;
    const result = await importTrustData(database.db, changed, { origin: demoOrigin });
    if (!result.ok) throw new Error('import failed');
    expect(result.summary.academies).toEqual({ created: 0, updated: 1, unchanged: 5 });
    const stored = await database.db.select().from(academies).orderBy(academies.code);
    expect(stored.find((a) => a.code === rows[1]!.code)?.phase).not.toBeNull();
  });

  it('reports what a dry run would change and writes nothing', async () => {
    const result = await importTrustData(database.db, demo(), { origin: demoOrigin, dryRun: true });
    if (!result.ok) throw new Error('dry run failed');
    expect(result.dryRun).toBe(true);
    expect(result.summary.people.created).toBe(40);
    expect(formatSummary(result.summary)[2]).toBe('people: 40 created, 0 updated, 0 unchanged');
    expect(await rowCounts(database)).toMatchObject({ trusts: 0, people: 0 });
  });

  it('replaces the periods of a listed academic year and keeps meetings it does not list', async () => {
    await importTrustData(database.db, demo(), { origin: demoOrigin });
    const changed = demo();
    const [year] = changed.academicYears as { periods: { kind: string; name: string }[] }[];
    year!.periods = year!.periods.filter((p) => p.name !== 'Summer bank holiday');
    changed.meetings = [];
    const result = await importTrustData(database.db, changed, { origin: demoOrigin });
    if (!result.ok) throw new Error('import failed');
    expect(result.summary.calendarPeriods.removed).toBe(1);
    const periods = await database.db.select().from(calendarPeriods);
    expect(periods.some((p) => p.name === 'Summer bank holiday')).toBe(false);
    expect((await database.db.select().from(meetings)).length).toBe((demo().meetings as unknown[]).length);
  });

  it('reports problems in a JSON document by section, row and field', async () => {
    const broken = demo();
    (broken.meetings as Record<string, unknown>[])[2]!.endsAt = '2027-01-26T15:00:00+00:00';
    (broken.meetings as Record<string, unknown>[])[0]!.venue = null;
    (broken.people as Record<string, unknown>[])[5]!.entraObjectId = (broken.people as Record<string, unknown>[])[4]!.entraObjectId;
    (broken.memberships as Record<string, unknown>[]).push({ community: 'send', person: 'fatima.begum@aspire-trust.example', fromDate: '2026-09-01', colour: 'red' });
    const result = await importTrustData(database.db, broken, { origin: demoOrigin });
    if (result.ok) throw new Error('expected problems');
    const texts = result.problems.map(formatProblem);
    expect(texts).toEqual([
      expect.stringMatching(/^demo-trust\.json people row 6: entraObjectId "[0-9a-f-]+" is already used in row 5$/),
      'demo-trust.json memberships row 33: colour is not a field of this row',
      'demo-trust.json meetings row 1: venue is required for a face-to-face meeting',
      'demo-trust.json meetings row 3: endsAt "2027-01-26T15:00:00+00:00" is not after the start time 2027-01-26T15:45:00+00:00',
    ]);
    expect(await rowCounts(database)).toMatchObject({ trusts: 0 });
  });

  it('treats emails case-insensitively and stores them in lower case', async () => {
    const data = {
      trust: { tenantId: 'case-tenant', name: 'Case Trust' },
      people: [{ email: 'Mixed.Case@Example.org', displayName: 'Mixed Case' }],
      communities: [{ slug: 'c', name: 'C' }],
      memberships: [{ community: 'c', person: 'MIXED.case@example.org', fromDate: '2026-09-01' }],
    };
    const first = await importTrustData(database.db, data);
    expect(first.ok).toBe(true);
    const [person] = await database.db.select().from(people);
    expect(person?.email).toBe('mixed.case@example.org');
    const [membership] = await database.db.select().from(memberships);
    expect(membership?.personId).toBe(person?.id);
  });
});
