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
