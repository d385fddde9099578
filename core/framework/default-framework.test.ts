import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { frameworkDescriptors, frameworks, trusts } from '../db/schema';
import { descriptorTitles } from '../../tests/support/self-assessment-fixtures';
import { createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { defaultFrameworkFile, installDefaultFramework, readDefaultFramework } from './default-framework';

function writeTemporary(content: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'framework-')), 'framework.json');
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('the default framework file', () => {
  it('holds the ten descriptors in the order the trust published them', () => {
    const framework = readDefaultFramework();
    expect(framework.key).toBe('exceptional-service-descriptors');
    expect(framework.version).toBe(1);
    expect(framework.descriptors.map((d) => d.title)).toEqual(descriptorTitles);
    expect(framework.introduction).toMatch(/^Our Trust’s mission is to provide Transformational Education/);
  });

  it('keeps each descriptor\'s statement, behaviours and what exceptional looks like as written', () => {
    const [first, , , , , data] = readDefaultFramework().descriptors;
    expect(first).toEqual({
      title: 'Communicate with Clarity and Purpose',
      statement: 'We communicate openly, kindly, and professionally with colleagues, leaders, and stakeholders.',
      behaviours: [
        'We share information clearly, in a timely and respectful way.',
        'We listen to understand before responding.',
        'We adapt our communication to suit different audiences and contexts.',
        'We are honest about what can be achieved and manage expectations with care.',
      ],
      exceptionalLooksLike: 'communication that builds trust, avoids confusion, and enables confident collaboration.',
    });
    expect(data?.behaviours).toHaveLength(3);
  });

  it('rejects a file with nine descriptors, a repeated title or a descriptor without behaviours', () => {
    const good = JSON.parse(fs.readFileSync(defaultFrameworkFile(), 'utf8')) as { descriptors: { title: string; behaviours: string[] }[] };

    const nine = { ...good, descriptors: good.descriptors.slice(0, 9) };
    expect(() => readDefaultFramework(writeTemporary(nine))).toThrow(/exactly ten descriptors/);

    const repeated = structuredClone(good);
    repeated.descriptors[9]!.title = repeated.descriptors[0]!.title;
    expect(() => readDefaultFramework(writeTemporary(repeated))).toThrow(/descriptors\.9\.title: repeats the title/);

    const empty = structuredClone(good);
    empty.descriptors[3]!.behaviours = [];
    expect(() => readDefaultFramework(writeTemporary(empty))).toThrow(/descriptors\.3\.behaviours: must list at least one behaviour/);
  });
});

describe.each(testDatabaseKinds)('installing the default framework on %s', (kind) => {
  let database: Database;
  let trustId: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const [trust] = await database.db.insert(trusts).values({ tenantId: 'framework-tenant', name: 'Framework Trust' }).returning();
    trustId = trust!.id;
  });
  afterAll(async () => {
    await database.close();
  });

  it('stores version 1 as the trust\'s default with ten descriptors matching the seed titles', async () => {
    const installed = await installDefaultFramework(database.db, trustId);
    expect(installed.outcome).toBe('created');

    const [framework] = await database.db.select().from(frameworks).where(eq(frameworks.id, installed.frameworkId));
    expect(framework).toMatchObject({ key: 'exceptional-service-descriptors', version: 1, isDefault: true, trustId });
    const descriptors = await database.db
      .select()
      .from(frameworkDescriptors)
      .where(eq(frameworkDescriptors.frameworkId, installed.frameworkId))
      .orderBy(asc(frameworkDescriptors.position));
    expect(descriptors.map((d) => d.title)).toEqual(descriptorTitles);
    expect(descriptors.map((d) => d.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(descriptors.every((d) => d.behaviours.length > 0)).toBe(true);
  });

  it('changes nothing when installed again', async () => {
    const before = await database.db.select().from(frameworkDescriptors);
    const again = await installDefaultFramework(database.db, trustId);
    expect(again.outcome).toBe('unchanged');
    expect(await database.db.select().from(frameworkDescriptors)).toEqual(before);
    expect(await database.db.select().from(frameworks).where(eq(frameworks.trustId, trustId))).toHaveLength(1);
  });

  it('does not take the default away from a framework the trust already chose', async () => {
    const [other] = await database.db.insert(trusts).values({ tenantId: 'own-framework', name: 'Own Framework Trust' }).returning();
    await database.db.insert(frameworks).values({ trustId: other!.id, key: 'our-standards', name: 'Our Standards', version: 1, isDefault: true });
    await installDefaultFramework(database.db, other!.id);
    const rows = await database.db.select().from(frameworks).where(eq(frameworks.trustId, other!.id));
    expect(rows.find((f) => f.key === 'our-standards')?.isDefault).toBe(true);
    expect(rows.find((f) => f.key === 'exceptional-service-descriptors')?.isDefault).toBe(false);
  });
});
