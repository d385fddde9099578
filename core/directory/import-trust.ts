import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import {
  academicYears,
  academies,
  calendarPeriods,
  communities,
  meetings,
  memberships,
  people,
  personRoles,
  trusts,
} from '../db/schema';
import { upsertFramework, type WriteOutcome } from '../framework/framework-store';
import { londonDate } from '../time/london-clock';
import type { DataOrigin, ImportProblem } from './trust-data-format';
import { noExistingKeys, validateTrustData, type ExistingKeys, type ValidTrustData } from './validate-trust-data';

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  trust: { id: string; tenantId: string; name: string; outcome: WriteOutcome };
  academies: WriteCounts;
  people: WriteCounts;
  personRoles: WriteCounts;
  communities: WriteCounts;
  memberships: WriteCounts;
  academicYears: WriteCounts;
  /** `removed`: stored periods of a listed year that the file no longer lists. */
  calendarPeriods: WriteCounts & { removed: number };
  meetings: WriteCounts;
  frameworks: WriteCounts;
}

export type ImportResult =
  | { ok: true; dryRun: boolean; changed: boolean; summary: ImportSummary }
  | { ok: false; problems: ImportProblem[] };

export interface ImportOptions {
  /** The trust's Microsoft 365 tenant id; overrides `trust.tenantId` in the data. */
  tenantId?: string;
  /** Where the data came from, so problems name files and rows; defaults to a JSON document. */
  origin?: DataOrigin;
  /** Validate and count what would change, then roll back. */
  dryRun?: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

/**
 * Imports trust data: validates every row first and returns all problems without writing; when
 * the data is valid, upserts everything in one transaction on natural keys (tenant id, academy
 * code, lower-case email, community slug, membership community+person+from date, academic year
 * label, meeting community+start), so importing the same data twice changes nothing. Nothing is
 * ever deleted except calendar periods of a year whose `periods` the data lists in full.
 */
export async function importTrustData(db: Db, data: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  const origin = options.origin ?? { kind: 'json', file: 'trust data' };
  const tenantId = options.tenantId ?? tenantIdIn(data);
  const trustFile = origin.kind === 'json' ? `${origin.file} trust` : (origin.files.trust ?? 'trust.csv');
  if (!tenantId) {
    return {
      ok: false,
      problems: [{ file: trustFile, row: null, field: 'tenantId', message: 'tenantId is required: put it in the trust data or pass the tenant id' }],
    };
  }

  const [existingTrust] = await db.select().from(trusts).where(eq(trusts.tenantId, tenantId));
  const existing = existingTrust ? await existingKeys(db, existingTrust.id) : noExistingKeys;
  const validation = validateTrustData(data, origin, existing);
  const problems = validation.ok ? [] : [...validation.problems];
  const name = validation.ok ? (validation.data.trust.name ?? existingTrust?.name) : 'unchecked';
  if (!name) problems.unshift({ file: trustFile, row: null, field: 'name', message: 'name is required for a trust that is not in the database yet' });
  if (!validation.ok || problems.length > 0) return { ok: false, problems };

  try {
    const summary = await db.transaction(async (tx) => {
      const written = await writeAll(tx, tenantId, name!, validation.data);
      if (options.dryRun) throw new DryRunRollback(written);
      return written;
    });
    return { ok: true, dryRun: false, changed: hasChanges(summary), summary };
  } catch (error) {
    if (error instanceof DryRunRollback) return { ok: true, dryRun: true, changed: hasChanges(error.summary), summary: error.summary };
    throw error;
  }
}

/** One line per kind of record: `people: 3 created, 1 updated, 36 unchanged`. */
export function formatSummary(summary: ImportSummary): string[] {
  const line = (label: string, counts: WriteCounts & { removed?: number }) =>
    `${label}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged${counts.removed ? `, ${counts.removed} removed` : ''}`;
  return [
    `trust: ${summary.trust.name} (${summary.trust.tenantId}) ${summary.trust.outcome}`,
    line('academies', summary.academies),
    line('people', summary.people),
    line('person roles', summary.personRoles),
    line('communities', summary.communities),
    line('memberships', summary.memberships),
    line('academic years', summary.academicYears),
    line('calendar periods', summary.calendarPeriods),
    line('meetings', summary.meetings),
    line('frameworks', summary.frameworks),
  ];
}

function hasChanges(summary: ImportSummary): boolean {
  const counts = [
    summary.academies,
    summary.people,
    summary.personRoles,
    summary.communities,
    summary.memberships,
    summary.academicYears,
    summary.calendarPeriods,
    summary.meetings,
    summary.frameworks,
  ];
  return summary.trust.outcome !== 'unchanged' || summary.calendarPeriods.removed > 0 || counts.some((c) => c.created + c.updated > 0);
}

function tenantIdIn(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const trust = (data as { trust?: unknown }).trust;
  if (typeof trust !== 'object' || trust === null) return undefined;
  const tenantId = (trust as { tenantId?: unknown }).tenantId;
  return typeof tenantId === 'string' && tenantId.trim() !== '' ? tenantId.trim() : undefined;
}

async function existingKeys(db: Db, trustId: string): Promise<ExistingKeys> {
  const [academyRows, personRows, communityRows, yearRows] = await Promise.all([
    db.select({ code: academies.code }).from(academies).where(eq(academies.trustId, trustId)),
    db.select({ email: people.email, entraObjectId: people.entraObjectId }).from(people).where(eq(people.trustId, trustId)),
    db.select({ slug: communities.slug }).from(communities).where(eq(communities.trustId, trustId)),
    db.select({ label: academicYears.label }).from(academicYears).where(eq(academicYears.trustId, trustId)),
  ]);
  return {
    academyCodes: new Set(academyRows.map((row) => row.code.toUpperCase())),
    emails: new Set(personRows.map((row) => row.email.toLowerCase())),
    entraOwners: new Map(
      personRows.filter((row) => row.entraObjectId).map((row) => [row.entraObjectId!.toLowerCase(), row.email.toLowerCase()]),
    ),
    communitySlugs: new Set(communityRows.map((row) => row.slug)),
    academicYearLabels: new Set(yearRows.map((row) => row.label)),
  };
}

const zero = (): WriteCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** Compares only the fields the data gives: a field left out keeps its stored value. */
function differs(stored: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).some(([key, value]) => {
    if (value === undefined) return false;
    const current = stored[key];
    if (value instanceof Date && current instanceof Date) return value.getTime() !== current.getTime();
    if (Array.isArray(value)) return JSON.stringify(value) !== JSON.stringify(current);
    return value !== current;
  });
}

function given<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

async function writeAll(db: Db, tenantId: string, name: string, data: ValidTrustData): Promise<ImportSummary> {
  // Trust
  let [trust] = await db.select().from(trusts).where(eq(trusts.tenantId, tenantId));
  let trustOutcome: WriteOutcome = 'unchanged';
  if (!trust) {
    [trust] = await db.insert(trusts).values({ tenantId, name }).returning();
    trustOutcome = 'created';
  } else if (trust.name !== name) {
    await db.update(trusts).set({ name }).where(eq(trusts.id, trust.id));
    trustOutcome = 'updated';
  }
  const trustId = trust!.id;

  // Academies, keyed on code
  const academyCounts = zero();
  const academyIds = new Map<string, string>();
  {
    const stored = new Map((await db.select().from(academies).where(eq(academies.trustId, trustId))).map((r) => [r.code.toUpperCase(), r]));
    for (const [code, row] of stored) academyIds.set(code, row.id);
    const inserts: (typeof academies.$inferInsert)[] = [];
    for (const { row } of data.academies) {
      const current = stored.get(row.code);
      const wanted = { name: row.name, phase: row.phase };
      if (!current) inserts.push({ trustId, code: row.code, ...wanted });
      else if (differs(current, wanted)) {
        await db.update(academies).set(given(wanted)).where(eq(academies.id, current.id));
        academyCounts.updated += 1;
      } else academyCounts.unchanged += 1;
    }
    if (inserts.length > 0) {
      const created = await db.insert(academies).values(inserts).returning({ id: academies.id, code: academies.code });
      for (const row of created) academyIds.set(row.code, row.id);
      academyCounts.created = created.length;
    }
  }

  // People, keyed on lower-case email; line managers once everyone has an id
  const peopleCounts = zero();
  const personIds = new Map<string, string>();
  const storedPeople = new Map(
    (await db.select().from(people).where(eq(people.trustId, trustId))).map((row) => [row.email.toLowerCase(), row]),
  );
  for (const [emailKey, row] of storedPeople) personIds.set(emailKey, row.id);
  const touched = new Set<string>();
  {
    const inserts: (typeof people.$inferInsert)[] = [];
    for (const { row } of data.people) {
      const current = storedPeople.get(row.email);
      const wanted = {
        displayName: row.displayName,
        jobTitle: row.jobTitle,
        academyId: row.academy === undefined ? undefined : academyIds.get(row.academy),
        serviceArea: row.serviceArea,
        entraObjectId: row.entraObjectId,
      };
      if (!current) inserts.push({ trustId, email: row.email, ...wanted });
      else if (differs(current, wanted)) {
        await db.update(people).set(given(wanted)).where(eq(people.id, current.id));
        touched.add(row.email);
      }
    }
    if (inserts.length > 0) {
      const created = await db.insert(people).values(inserts).returning({ id: people.id, email: people.email });
      for (const row of created) {
        personIds.set(row.email, row.id);
        touched.add(row.email);
      }
      peopleCounts.created = created.length;
    }
    for (const { row } of data.people) {
      if (row.lineManager === undefined) continue;
      const lineManagerId = personIds.get(row.lineManager)!;
      const current = storedPeople.get(row.email);
      if (current?.lineManagerId === lineManagerId) continue;
      await db.update(people).set({ lineManagerId }).where(eq(people.id, personIds.get(row.email)!));
      touched.add(row.email);
    }
    for (const { row } of data.people) {
      if (!storedPeople.has(row.email)) continue;
      if (touched.has(row.email)) peopleCounts.updated += 1;
      else peopleCounts.unchanged += 1;
    }
  }

  // Communities, keyed on slug
  const communityCounts = zero();
  const communityIds = new Map<string, string>();
  {
    const stored = new Map((await db.select().from(communities).where(eq(communities.trustId, trustId))).map((r) => [r.slug, r]));
    for (const [slug, row] of stored) communityIds.set(slug, row.id);
    const inserts: (typeof communities.$inferInsert)[] = [];
    for (const { row } of data.communities) {
      const current = stored.get(row.slug);
      const wanted = {
        name: row.name,
        kind: row.kind,
        description: row.description,
        priorities: row.priorities,
        personSpecification: row.personSpecification,
        teamId: row.teamId,
        channelId: row.channelId,
      };
      if (!current) inserts.push({ trustId, slug: row.slug, ...given(wanted), name: row.name });
      else if (differs(current, wanted)) {
        await db.update(communities).set(given(wanted)).where(eq(communities.id, current.id));
        communityCounts.updated += 1;
      } else communityCounts.unchanged += 1;
    }
    if (inserts.length > 0) {
      const created = await db.insert(communities).values(inserts).returning({ id: communities.id, slug: communities.slug });
      for (const row of created) communityIds.set(row.slug, row.id);
      communityCounts.created = created.length;
    }
  }

  // Trust-wide roles: only added, never removed. Leading a community implies community_lead.
  const roleCounts = zero();
  {
    const stored = new Set(
      (await db.select().from(personRoles).where(eq(personRoles.trustId, trustId))).map((r) => `${r.personId}|${r.role}|${r.academyId ?? ''}`),
    );
    const leads = new Set(data.memberships.filter(({ row }) => row.role === 'lead').map(({ row }) => row.person));
    const inserts: (typeof personRoles.$inferInsert)[] = [];
    const planned = new Set<string>();
    for (const { row } of data.people) {
      const roles = new Set(row.roles);
      if (leads.has(row.email)) roles.add('community_lead');
      for (const role of roles) {
        const personId = personIds.get(row.email)!;
        const academyId = role === 'pd_lead' && row.academy !== undefined ? academyIds.get(row.academy)! : null;
        const key = `${personId}|${role}|${academyId ?? ''}`;
        if (stored.has(key)) roleCounts.unchanged += 1;
        else if (!planned.has(key)) {
          planned.add(key);
          inserts.push({ trustId, personId, role, academyId });
        }
      }
    }
    if (inserts.length > 0) await db.insert(personRoles).values(inserts);
    roleCounts.created = inserts.length;
  }

  // Memberships, keyed on community, person and from date
  const membershipCounts = zero();
  {
    const stored = new Map(
      (await db.select().from(memberships).where(eq(memberships.trustId, trustId))).map((r) => [`${r.communityId}|${r.personId}|${r.fromDate}`, r]),
    );
    const inserts: (typeof memberships.$inferInsert)[] = [];
    for (const { row } of data.memberships) {
      const communityId = communityIds.get(row.community)!;
      const personId = personIds.get(row.person)!;
      const current = stored.get(`${communityId}|${personId}|${row.fromDate}`);
      const wanted = { role: row.role, toDate: row.toDate };
      if (!current) inserts.push({ trustId, communityId, personId, fromDate: row.fromDate, ...wanted });
      else if (differs(current, wanted)) {
        await db.update(memberships).set(given(wanted)).where(eq(memberships.id, current.id));
        membershipCounts.updated += 1;
      } else membershipCounts.unchanged += 1;
    }
    if (inserts.length > 0) await db.insert(memberships).values(inserts);
    membershipCounts.created = inserts.length;
  }

  // Academic years, keyed on label, and their calendar periods, keyed on kind, name and start
  const yearCounts = zero();
  const periodCounts = { ...zero(), removed: 0 };
  const years = new Map<string, { id: string; startsOn: string; endsOn: string }>();
  {
    const stored = new Map((await db.select().from(academicYears).where(eq(academicYears.trustId, trustId))).map((r) => [r.label, r]));
    for (const [label, row] of stored) years.set(label, row);
    for (const { row } of data.academicYears) {
      const current = stored.get(row.label);
      const wanted = { startsOn: row.startsOn, endsOn: row.endsOn };
      let yearId: string;
      if (!current) {
        const [created] = await db.insert(academicYears).values({ trustId, label: row.label, ...wanted }).returning();
        yearId = created!.id;
        yearCounts.created += 1;
      } else {
        yearId = current.id;
        if (differs(current, wanted)) {
          await db.update(academicYears).set(wanted).where(eq(academicYears.id, yearId));
          yearCounts.updated += 1;
        } else yearCounts.unchanged += 1;
      }
      years.set(row.label, { id: yearId, ...wanted });
      if (row.periods === undefined) continue;

      const storedPeriods = current
        ? await db.select().from(calendarPeriods).where(eq(calendarPeriods.academicYearId, yearId))
        : [];
      const byKey = new Map(storedPeriods.map((p) => [`${p.kind}|${p.name}|${p.startsOn}`, p]));
      const kept = new Set<string>();
      const inserts: (typeof calendarPeriods.$inferInsert)[] = [];
      for (const period of row.periods) {
        const key = `${period.kind}|${period.name}|${period.startsOn}`;
        const existing = byKey.get(key);
        if (!existing) inserts.push({ trustId, academicYearId: yearId, ...period });
        else {
          kept.add(existing.id);
          if (existing.endsOn !== period.endsOn) {
            await db.update(calendarPeriods).set({ endsOn: period.endsOn }).where(eq(calendarPeriods.id, existing.id));
            periodCounts.updated += 1;
          } else periodCounts.unchanged += 1;
        }
      }
      if (inserts.length > 0) await db.insert(calendarPeriods).values(inserts);
      periodCounts.created += inserts.length;
      const removed = storedPeriods.filter((p) => !kept.has(p.id)).map((p) => p.id);
      if (removed.length > 0) await db.delete(calendarPeriods).where(inArray(calendarPeriods.id, removed));
      periodCounts.removed += removed.length;
    }
  }

  // Meetings, keyed on community and start time
  const meetingCounts = zero();
  if (data.meetings.length > 0) {
    const stored = new Map(
      (await db.select().from(meetings).where(eq(meetings.trustId, trustId))).map((r) => [`${r.communityId}|${r.startsAt.getTime()}`, r]),
    );
    const inserts: (typeof meetings.$inferInsert)[] = [];
    for (const { row } of data.meetings) {
      const communityId = communityIds.get(row.community)!;
      const startsAt = new Date(row.startsAt);
      const current = stored.get(`${communityId}|${startsAt.getTime()}`);
      const wanted = {
        title: row.title,
        endsAt: new Date(row.endsAt),
        mode: row.mode,
        venue: row.venue,
        status: row.status,
        joinUrl: row.joinUrl,
        academicYearId: yearOf(years, row.academicYear, startsAt),
      };
      if (!current) inserts.push({ trustId, communityId, startsAt, ...wanted, academicYearId: wanted.academicYearId ?? null });
      else if (differs(current, wanted)) {
        await db.update(meetings).set(given(wanted)).where(eq(meetings.id, current.id));
        meetingCounts.updated += 1;
      } else meetingCounts.unchanged += 1;
    }
    if (inserts.length > 0) await db.insert(meetings).values(inserts);
    meetingCounts.created = inserts.length;
  }

  // Frameworks, keyed on key and version
  const frameworkCounts = zero();
  for (const { row } of data.frameworks) {
    const { outcome } = await upsertFramework(db, trustId, row);
    frameworkCounts[outcome] += 1;
  }

  return {
    trust: { id: trustId, tenantId, name, outcome: trustOutcome },
    academies: academyCounts,
    people: peopleCounts,
    personRoles: roleCounts,
    communities: communityCounts,
    memberships: membershipCounts,
    academicYears: yearCounts,
    calendarPeriods: periodCounts,
    meetings: meetingCounts,
    frameworks: frameworkCounts,
  };
}

/** The named academic year, or else the one whose dates hold the meeting's London date. */
function yearOf(years: Map<string, { id: string; startsOn: string; endsOn: string }>, label: string | undefined, startsAt: Date): string | undefined {
  if (label !== undefined) return years.get(label)?.id;
  const day = londonDate(startsAt);
  for (const year of years.values()) if (year.startsOn <= day && day <= year.endsOn) return year.id;
  return undefined;
}
