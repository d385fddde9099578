import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { frameworks } from '../db/schema';
import { AppError } from '../errors';
import { dataPath } from '../directory/data-path';
import { defaultFrameworkSchema, type FrameworkDefinition } from './framework-format';
import { upsertFramework, type WriteOutcome } from './framework-store';

/** Where the shipped Exceptional Service Descriptors live. */
export const defaultFrameworkFile = (): string => dataPath('frameworks', 'exceptional-service-descriptors.json');

/** Reads and validates the default framework: ten descriptors, unique titles, each with behaviours. */
export function readDefaultFramework(file: string = defaultFrameworkFile()): FrameworkDefinition {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('framework_unreadable', `The framework file ${file} could not be read: ${(error as Error).message}`, 500);
  }
  const parsed = defaultFrameworkSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`);
    throw new AppError('framework_invalid', `The framework file ${file} is invalid: ${problems.join('; ')}`, 500, { problems });
  }
  return parsed.data;
}

/**
 * Installs the default framework for a trust as version 1 of its key, idempotently. It is marked
 * the trust's default unless the trust already has another default framework.
 */
export async function installDefaultFramework(
  db: Db,
  trustId: string,
  definition: FrameworkDefinition = readDefaultFramework(),
): Promise<{ frameworkId: string; outcome: WriteOutcome }> {
  return db.transaction(async (tx) => {
    const [otherDefault] = await tx
      .select({ key: frameworks.key, version: frameworks.version })
      .from(frameworks)
      .where(and(eq(frameworks.trustId, trustId), eq(frameworks.isDefault, true)));
    const isDefault = !otherDefault || (otherDefault.key === definition.key && otherDefault.version === definition.version);
    const { id, outcome } = await upsertFramework(tx, trustId, { ...definition, isDefault });
    return { frameworkId: id, outcome };
  });
}
