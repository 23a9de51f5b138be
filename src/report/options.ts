/**
 * RenderOptions: one schema shared by the CLI, batch runs and the HTTP API. Options choose how a
 * Plan is shown; they never change a number in it.
 */
import { z } from 'zod';

export const renderOptionsSchema = z.strictObject({
  brand: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(40)
    .optional()
    .describe('品牌名；缺省取档案报告选项中的品牌，再缺省为 default'),
});

export type RenderOptions = z.output<typeof renderOptionsSchema>;
export type RenderOptionsInput = z.input<typeof renderOptionsSchema>;
