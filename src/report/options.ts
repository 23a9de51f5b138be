/**
 * RenderOptions: one schema shared by the CLI, batch runs and the HTTP API. Options choose how a
 * Plan is shown; they never change a number in it.
 */
import { z } from 'zod';
import { PDFA_CONFORMANCE } from './pdf/pdfa.js';
import { protectionOptionsSchema } from './pdf/protection.js';

export const renderOptionsSchema = z.strictObject({
  brand: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(40)
    .optional()
    .describe('品牌名；缺省取档案报告选项中的品牌，再缺省为 default'),
  protection: protectionOptionsSchema
    .optional()
    .describe('密码保护（AES-256）；密码由应用层从环境变量、密码文件或请求体取得，切勿写入日志'),
  pdfa: z.literal(PDFA_CONFORMANCE).optional().describe('存档格式：PDF/A-2b（不能与密码保护同用）'),
});

export type RenderOptions = z.output<typeof renderOptionsSchema>;
export type RenderOptionsInput = z.input<typeof renderOptionsSchema>;
