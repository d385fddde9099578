import { z } from 'zod';

/**
 * The shape of a framework file: a versioned, ordered set of descriptors. The Exceptional Service
 * Descriptors (`data/frameworks/exceptional-service-descriptors.json`) are the shipped default.
 */
const text = z.string().trim().min(1, { error: 'must not be empty' });

export const descriptorSchema = z
  .object({
    title: text,
    statement: text,
    behaviours: z.array(text).min(1, { error: 'must list at least one behaviour' }),
    exceptionalLooksLike: text,
  })
  .strict();

/** One point of a framework's scale; levels run 1, 2, 3... from lowest to highest. */
export const scaleLevelSchema = z
  .object({
    level: z.number().int().min(1, { error: 'must be 1 or more' }),
    label: text,
    meaning: text,
  })
  .strict();

/** The scale every framework uses unless its file gives its own. */
export const defaultScale: readonly z.infer<typeof scaleLevelSchema>[] = [
  { level: 1, label: 'Not yet', meaning: 'I do not yet show this consistently.' },
  { level: 2, label: 'Developing', meaning: 'I show this some of the time and am building it.' },
  { level: 3, label: 'Secure', meaning: 'I show this reliably in my day-to-day work.' },
  { level: 4, label: 'Exceptional', meaning: 'I show this consistently and help others to do so.' },
];

export const scaleSchema = z
  .array(scaleLevelSchema)
  .min(2, { error: 'must have at least two levels' })
  .max(10, { error: 'must have at most ten levels' })
  .superRefine((levels, ctx) => {
    levels.forEach((entry, index) => {
      if (entry.level !== index + 1) {
        ctx.addIssue({ code: 'custom', path: [index, 'level'], message: `must be ${index + 1}: levels run 1, 2, 3... in order` });
      }
    });
  });

export const frameworkSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be lower-case words joined by hyphens' }),
    name: text,
    version: z.number().int().min(1, { error: 'must be 1 or more' }),
    introduction: z.string().trim().default(''),
    isDefault: z.boolean().optional(),
    /** Omitted: the default four levels (not yet, developing, secure, exceptional). */
    scale: scaleSchema.optional(),
    descriptors: z.array(descriptorSchema).min(1, { error: 'must hold at least one descriptor' }),
  })
  .strict()
  .superRefine((framework, ctx) => {
    const seen = new Set<string>();
    framework.descriptors.forEach((descriptor, index) => {
      const title = descriptor.title.toLowerCase();
      if (seen.has(title)) {
        ctx.addIssue({
          code: 'custom',
          path: ['descriptors', index, 'title'],
          message: `repeats the title "${descriptor.title}"; titles must be unique`,
        });
      }
      seen.add(title);
    });
  });

export type FrameworkDefinition = z.infer<typeof frameworkSchema>;
export type DescriptorDefinition = z.infer<typeof descriptorSchema>;

/** The default framework must be the full set of ten descriptors. */
export const defaultFrameworkSchema = frameworkSchema.refine((framework) => framework.descriptors.length === 10, {
  error: 'the default framework must hold exactly ten descriptors',
  path: ['descriptors'],
});
