import fs from 'node:fs';
import { and, desc, eq, lte, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { people, waysOfWorkingVersions, type WaysOfWorkingContent } from '../db/schema';
import { dataPath } from '../directory/data-path';
import { AppError } from '../errors';

/**
 * What a lead or trust admin may write: short lines, so the card stays under Teams' 28 KB. The
 * messages are shown beside the tab's fields, so they say what to do.
 */
export const waysOfWorkingInputSchema = z.object({
  title: z.string().trim().min(1, { error: 'give the Ways of Working a title' }).max(120, { error: 'keep the title to 120 characters' }),
  effectiveFrom: z.iso.date({ error: 'give the date it takes effect from, as YYYY-MM-DD' }),
  values: z
    .array(
      z.object({
        title: z.string().trim().min(1, { error: 'give each value a title' }).max(60, { error: "keep a value's title to 60 characters" }),
        meaning: z.string().trim().max(300, { error: "keep a value's meaning to 300 characters" }),
      }),
    )
    .max(10, { error: 'at most 10 values' })
    .default([]),
  behaviours: z
    .array(z.string().trim().min(1, { error: 'a behaviour cannot be blank' }).max(300, { error: 'keep each behaviour to 300 characters' }))
    .min(1, { error: 'list at least one behaviour' })
    .max(15, { error: 'at most 15 behaviours' }),
});
export type WaysOfWorkingInput = z.infer<typeof waysOfWorkingInputSchema>;
/** What a client sends: `values` may be left out (a community's version has none). */
export type WaysOfWorkingInputBody = z.input<typeof waysOfWorkingInputSchema>;

export interface WaysOfWorkingVersion {
  id: string;
  communityId: string | null;
  version: number;
  title: string;
  effectiveFrom: string;
  content: WaysOfWorkingContent;
}

/** How a version's owner is stored: the community's id, or 'trust' for the trust-wide framework. */
export const scopeOf = (communityId: string | null) => communityId ?? 'trust';

/** The version in force on `onDate` (YYYY-MM-DD): the latest that took effect on or before it. */
export async function versionInForce(db: Db, trustId: string, communityId: string | null, onDate: string): Promise<WaysOfWorkingVersion | null> {
  const rows = await db
    .select()
    .from(waysOfWorkingVersions)
    .where(and(eq(waysOfWorkingVersions.trustId, trustId), eq(waysOfWorkingVersions.scope, scopeOf(communityId)), lte(waysOfWorkingVersions.effectiveFrom, onDate)))
    .orderBy(desc(waysOfWorkingVersions.effectiveFrom), desc(waysOfWorkingVersions.version))
    .limit(1);
  const row = rows[0];
  return row ? { id: row.id, communityId: row.communityId, version: row.version, title: row.title, effectiveFrom: row.effectiveFrom, content: row.content } : null;
}

/** A version as the history lists it: when it was saved and by whom (null for the wording the app loaded itself). */
export interface SavedWaysOfWorkingVersion extends WaysOfWorkingVersion {
  savedAt: string;
  savedBy: string | null;
}

/** Every version of the framework or a community's Ways of Working, newest first. */
export async function listVersions(db: Db, trustId: string, communityId: string | null): Promise<SavedWaysOfWorkingVersion[]> {
  const rows = await db
    .select({ version: waysOfWorkingVersions, savedBy: people.displayName })
    .from(waysOfWorkingVersions)
    .leftJoin(people, eq(people.id, waysOfWorkingVersions.createdByPersonId))
    .where(and(eq(waysOfWorkingVersions.trustId, trustId), eq(waysOfWorkingVersions.scope, scopeOf(communityId))))
    .orderBy(desc(waysOfWorkingVersions.version));
  return rows.map(({ version: row, savedBy }) => ({
    id: row.id,
    communityId: row.communityId,
    version: row.version,
    title: row.title,
    effectiveFrom: row.effectiveFrom,
    content: row.content,
    savedAt: row.createdAt.toISOString(),
    savedBy,
  }));
}

/**
 * Adds a new version; earlier ones stay, so a card for an earlier meeting still shows what was in
 * force then. Two editors saving at once both get a version: the unique key makes one retry.
 */
export async function saveVersion(db: Db, trustId: string, communityId: string | null, input: WaysOfWorkingInput, personId: string | null): Promise<WaysOfWorkingVersion> {
  const scope = scopeOf(communityId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [latest] = await db
      .select({ version: max(waysOfWorkingVersions.version) })
      .from(waysOfWorkingVersions)
      .where(and(eq(waysOfWorkingVersions.trustId, trustId), eq(waysOfWorkingVersions.scope, scope)));
    const version = (latest?.version ?? 0) + 1;
    const inserted = await db
      .insert(waysOfWorkingVersions)
      .values({
        trustId,
        communityId,
        scope,
        version,
        title: input.title,
        effectiveFrom: input.effectiveFrom,
        content: { values: communityId ? [] : input.values, behaviours: input.behaviours },
        createdByPersonId: personId,
      })
      .onConflictDoNothing()
      .returning();
    const row = inserted[0];
    if (row) return { id: row.id, communityId: row.communityId, version: row.version, title: row.title, effectiveFrom: row.effectiveFrom, content: row.content };
  }
  throw new AppError('version_conflict', 'Someone else saved these Ways of Working at the same moment. Reload and try again.', 409);
}

const frameworkFileSchema = waysOfWorkingInputSchema;

/** Gives a trust with no framework yet the demo wording from `data/ways-of-working/`; repeats change nothing. */
export async function loadDefaultFrameworkIfMissing(db: Db, trustId: string): Promise<boolean> {
  const existing = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(waysOfWorkingVersions)
    .where(and(eq(waysOfWorkingVersions.trustId, trustId), eq(waysOfWorkingVersions.scope, 'trust')));
  if ((existing[0]?.n ?? 0) > 0) return false;
  const file = frameworkFileSchema.parse(JSON.parse(fs.readFileSync(dataPath('ways-of-working', 'aspire-trust-framework.json'), 'utf8')));
  await saveVersion(db, trustId, null, file, null);
  return true;
}
