import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database';
import { frameworkDescriptors, frameworks, frameworkScales, type ScaleLevel } from '../db/schema';
import { AppError, notFound } from '../errors';
import { defaultScale, frameworkSchema, type FrameworkDefinition } from '../framework/framework-format';
import { upsertFramework } from '../framework/framework-store';

/** A framework version as the tab and the bot show it. */
export interface StoredFramework {
  id: string;
  key: string;
  name: string;
  version: number;
  introduction: string;
  isDefault: boolean;
  scale: ScaleLevel[];
  descriptors: { id: string; position: number; title: string; statement: string; behaviours: string[]; exceptionalLooksLike: string }[];
}

export interface FrameworkSummary {
  id: string;
  key: string;
  name: string;
  version: number;
  isDefault: boolean;
  descriptorCount: number;
}

export async function listFrameworks(db: Db, trustId: string): Promise<FrameworkSummary[]> {
  const rows = await db.select().from(frameworks).where(eq(frameworks.trustId, trustId)).orderBy(asc(frameworks.key), desc(frameworks.version));
  const descriptors =
    rows.length === 0
      ? []
      : await db
          .select({ frameworkId: frameworkDescriptors.frameworkId })
          .from(frameworkDescriptors)
          .where(inArray(frameworkDescriptors.frameworkId, rows.map((f) => f.id)));
  const counts = new Map<string, number>();
  for (const d of descriptors) counts.set(d.frameworkId, (counts.get(d.frameworkId) ?? 0) + 1);
  return rows.map((f) => ({ id: f.id, key: f.key, name: f.name, version: f.version, isDefault: f.isDefault, descriptorCount: counts.get(f.id) ?? 0 }));
}

export async function loadFramework(db: Db, trustId: string, frameworkId: string): Promise<StoredFramework> {
  const [framework] = await db.select().from(frameworks).where(and(eq(frameworks.trustId, trustId), eq(frameworks.id, frameworkId)));
  if (!framework) throw notFound('The framework');
  const [descriptors, [scale]] = await Promise.all([
    db.select().from(frameworkDescriptors).where(eq(frameworkDescriptors.frameworkId, frameworkId)).orderBy(asc(frameworkDescriptors.position)),
    db.select().from(frameworkScales).where(eq(frameworkScales.frameworkId, frameworkId)),
  ]);
  return {
    id: framework.id,
    key: framework.key,
    name: framework.name,
    version: framework.version,
    introduction: framework.introduction,
    isDefault: framework.isDefault,
    scale: scale?.levels ?? [...defaultScale],
    descriptors: descriptors.map((d) => ({
      id: d.id,
      position: d.position,
      title: d.title,
      statement: d.statement,
      behaviours: d.behaviours,
      exceptionalLooksLike: d.exceptionalLooksLike,
    })),
  };
}

/** The trust's default framework, newest version first; undefined when the trust has none. */
export async function defaultFrameworkId(db: Db, trustId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: frameworks.id })
    .from(frameworks)
    .where(and(eq(frameworks.trustId, trustId), eq(frameworks.isDefault, true)))
    .orderBy(desc(frameworks.version))
    .limit(1);
  return row?.id;
}

/**
 * Every problem in a framework file, in words an administrator can act on: a descriptor is
 * named by its number and title, not only by its path in the JSON.
 */
export function describeFrameworkProblems(raw: unknown, error: z.ZodError): string[] {
  const descriptors = typeof raw === 'object' && raw !== null && Array.isArray((raw as { descriptors?: unknown }).descriptors)
    ? ((raw as { descriptors: unknown[] }).descriptors)
    : [];
  return error.issues.map((issue) => {
    const [first, index, field, ...rest] = issue.path;
    if (first === 'descriptors' && typeof index === 'number') {
      const entry = descriptors[index] as { title?: unknown } | undefined;
      const title = typeof entry?.title === 'string' && entry.title.trim() !== '' ? ` ("${entry.title.trim()}")` : '';
      const what = field === undefined ? '' : ` ${[field, ...rest].join('.')}`;
      const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
      return `Descriptor ${index + 1}${title}${what}: ${message}`;
    }
    const where = issue.path.length > 0 ? issue.path.join('.') : 'The file';
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
    return `${where}: ${message}`;
  });
}

function repeatedTitles(raw: unknown): string[] {
  const descriptors = typeof raw === 'object' && raw !== null ? (raw as { descriptors?: unknown }).descriptors : undefined;
  if (!Array.isArray(descriptors)) return [];
  const seen = new Set<string>();
  const problems: string[] = [];
  descriptors.forEach((entry: unknown, index) => {
    const title = typeof entry === 'object' && entry !== null ? (entry as { title?: unknown }).title : undefined;
    if (typeof title !== 'string' || title.trim() === '') return;
    const key = title.trim().toLowerCase();
    if (seen.has(key)) problems.push(`Descriptor ${index + 1} ("${title.trim()}") title: repeats the title "${title.trim()}"; titles must be unique`);
    seen.add(key);
  });
  return problems;
}

export interface SaveFrameworkOptions {
  /** A new version may drop descriptors of the previous one only when the administrator says so. */
  allowRemovedDescriptors?: boolean;
}

/**
 * Stores a framework file (or the tab's edited copy) as a new version. Earlier versions and the
 * answers given against them are never changed: an existing version with different content is
 * refused, and a version that drops descriptors of the latest one names them unless allowed.
 */
export async function saveFrameworkVersion(db: Db, trustId: string, raw: unknown, options: SaveFrameworkOptions = {}): Promise<{ framework: StoredFramework; outcome: 'created' | 'unchanged' }> {
  const parsed = frameworkSchema.safeParse(raw);
  if (!parsed.success) {
    // zod skips the unique-title check while any field is wrong; name repeats anyway, so one pass lists everything.
    const problems = [...new Set([...describeFrameworkProblems(raw, parsed.error), ...repeatedTitles(raw)])];
    throw new AppError('framework_invalid', `The framework was not saved: ${problems.join('; ')}`, 400, { problems });
  }
  const definition: FrameworkDefinition = parsed.data;
  return db.transaction(async (tx) => {
    const versions = await tx
      .select({ id: frameworks.id, version: frameworks.version })
      .from(frameworks)
      .where(and(eq(frameworks.trustId, trustId), eq(frameworks.key, definition.key)))
      .orderBy(desc(frameworks.version));
    const same = versions.find((v) => v.version === definition.version);
    if (same) {
      const stored = await loadFramework(tx, trustId, same.id);
      if (!sameContent(stored, definition)) {
        throw new AppError(
          'framework_version_exists',
          `Version ${definition.version} of "${definition.key}" is already stored with different content, and answers may point at it. Save it as version ${(versions[0]?.version ?? 0) + 1} instead.`,
          409,
        );
      }
      return { framework: stored, outcome: 'unchanged' as const };
    }
    const latest = versions[0];
    if (latest && !options.allowRemovedDescriptors) {
      const previous = await loadFramework(tx, trustId, latest.id);
      const titles = new Set(definition.descriptors.map((d) => d.title.toLowerCase()));
      const missing = previous.descriptors.filter((d) => !titles.has(d.title.toLowerCase())).map((d) => `"${d.title}"`);
      if (missing.length > 0) {
        throw new AppError(
          'framework_descriptors_missing',
          `Version ${definition.version} leaves out ${missing.length === 1 ? 'a descriptor' : `${missing.length} descriptors`} of version ${latest.version}: ${missing.join(', ')}. Add ${missing.length === 1 ? 'it' : 'them'} back, or confirm that ${missing.length === 1 ? 'it is' : 'they are'} meant to go.`,
          400,
          { missing },
        );
      }
    }
    const { id } = await upsertFramework(tx, trustId, definition);
    if (definition.scale) await tx.insert(frameworkScales).values({ frameworkId: id, levels: definition.scale });
    return { framework: await loadFramework(tx, trustId, id), outcome: 'created' as const };
  });
}

function sameContent(stored: StoredFramework, definition: FrameworkDefinition): boolean {
  const scale = definition.scale ?? defaultScale;
  return (
    stored.name === definition.name &&
    stored.introduction === definition.introduction &&
    JSON.stringify(stored.scale.map(({ level, label, meaning }) => ({ level, label, meaning }))) === JSON.stringify(scale.map(({ level, label, meaning }) => ({ level, label, meaning }))) &&
    JSON.stringify(stored.descriptors.map(({ title, statement, behaviours, exceptionalLooksLike }) => ({ title, statement, behaviours, exceptionalLooksLike }))) ===
      JSON.stringify(definition.descriptors)
  );
}
