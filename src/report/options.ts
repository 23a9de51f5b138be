/**
 * RenderOptions: one schema shared by the CLI, batch runs and the HTTP API. Options choose how a
 * Plan is shown; they never change a number in it.
 */
import { z } from 'zod';
import { fromZodIssue, PARSE_OPTIONS } from '../domain/issues.js';
import { FinplanError } from '../errors.js';
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
  depth: z
    .enum(['auto', 'summary', 'full'])
    .optional()
    .describe(
      '报告深度：summary 4–6 页摘要版（5万–20万客户、理财沙龙）/ full 完整版 / auto 按客户分层（缺省）',
    ),
  depthByTier: z
    .partialRecord(z.enum(['T0', 'T1', 'T2', 'T3', 'T4']), z.enum(['summary', 'full']))
    .optional()
    .describe('depth 为 auto 时按客户分层选择深度，如 {"T0":"summary","T3":"full"}；未列出的分层按缺省规则'),
  watermark: z
    .union([z.literal(true), z.string().trim().min(1).max(40)])
    .optional()
    .describe('每页水印：true 为"仅供某先生/女士参阅"，也可给出文字'),
});

/** Which depth a plan gets under 'auto': the summary for clients under 20万 of financial assets. */
export const SUMMARY_TIERS = ['T0', 'T1'] as const;

export type RenderOptions = z.output<typeof renderOptionsSchema>;
export type RenderOptionsInput = z.input<typeof renderOptionsSchema>;

/** Parse render options, or throw FINPLAN_E_INVALID_OPTIONS naming every problem. */
export function parseRenderOptions(options: unknown): RenderOptions {
  const parsed = renderOptionsSchema.safeParse(options ?? {}, PARSE_OPTIONS);
  if (!parsed.success)
    throw new FinplanError('FINPLAN_E_INVALID_OPTIONS', undefined, {
      issues: parsed.error.issues.flatMap(fromZodIssue),
    });
  return parsed.data;
}
