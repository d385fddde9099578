import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/database';
import { frameworkDescriptors, frameworks } from '../db/schema';
import type { FrameworkDefinition } from './framework-format';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Writes one framework version, keyed on (trust, key, version), and its descriptors keyed on
 * position. Descriptor rows keep their ids when their text changes, so answers that point at
 * them survive a correction. Writing the same definition twice changes nothing.
 */
export async function upsertFramework(
  db: Db,
  trustId: string,
  definition: FrameworkDefinition,
): Promise<{ id: string; outcome: WriteOutcome }> {
  const [existing] = await db
    .select()
    .from(frameworks)
    .where(and(eq(frameworks.trustId, trustId), eq(frameworks.key, definition.key), eq(frameworks.version, definition.version)));

  let id: string;
  let outcome: WriteOutcome = 'unchanged';
  const isDefault = definition.isDefault ?? existing?.isDefault ?? false;
  if (!existing) {
    const [inserted] = await db
      .insert(frameworks)
      .values({
        trustId,
        key: definition.key,
        name: definition.name,
        version: definition.version,
        introduction: definition.introduction,
        isDefault,
      })
      .returning({ id: frameworks.id });
    id = inserted!.id;
    outcome = 'created';
  } else {
    id = existing.id;
    if (existing.name !== definition.name || existing.introduction !== definition.introduction || existing.isDefault !== isDefault) {
      await db
        .update(frameworks)
        .set({ name: definition.name, introduction: definition.introduction, isDefault })
        .where(eq(frameworks.id, id));
      outcome = 'updated';
    }
  }

  if (isDefault) {
    // One default per trust: the newly marked one wins.
    await db
      .update(frameworks)
      .set({ isDefault: false })
      .where(and(eq(frameworks.trustId, trustId), ne(frameworks.id, id), eq(frameworks.isDefault, true)));
  }

  const stored = outcome === 'created' ? [] : await db.select().from(frameworkDescriptors).where(eq(frameworkDescriptors.frameworkId, id));
  const byPosition = new Map(stored.map((row) => [row.position, row]));
  const toInsert: (typeof frameworkDescriptors.$inferInsert)[] = [];
  for (const [index, descriptor] of definition.descriptors.entries()) {
    const position = index + 1;
    const row = byPosition.get(position);
    if (!row) {
      toInsert.push({ frameworkId: id, position, ...descriptor });
      continue;
    }
    const same =
      row.title === descriptor.title &&
      row.statement === descriptor.statement &&
      row.exceptionalLooksLike === descriptor.exceptionalLooksLike &&
      JSON.stringify(row.behaviours) === JSON.stringify(descriptor.behaviours);
    if (!same) {
      await db.update(frameworkDescriptors).set(descriptor).where(eq(frameworkDescriptors.id, row.id));
      outcome = 'updated';
    }
  }
  if (toInsert.length > 0) {
    await db.insert(frameworkDescriptors).values(toInsert);
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return { id, outcome };
}
