/**
 * The batch config: what every plan of one batch shares (brand, planner, the event, which tiers
 * get the full plan, the valuation month) and what a sheet row never says. Strict: a misspelt key
 * is an error, not a silently ignored setting.
 */
import { z } from 'zod';
import { fromZodIssue, PARSE_OPTIONS } from '../../../domain/issues.js';
import { YEAR_MONTH_PATTERN } from '../../../domain/month.js';
import { reportOptionsSchema } from '../../../domain/profile.js';
import { FinplanError } from '../../../errors.js';
import { renderOptionsSchema } from '../../../report/options.js';
import { passwordSourceSchema } from '../../password.js';
import { readSmallJsonFile } from './json-file.js';

const report = reportOptionsSchema.shape;
const render = renderOptionsSchema.shape;

export const batchConfigSchema = z
  .strictObject({
    brand: render.brand,
    planner: report.planner,
    event: report.event,
    depthByTier: render.depthByTier,
    valuationMonth: z
      .string()
      .regex(YEAR_MONTH_PATTERN, { error: 'invalid_year_month' })
      .optional()
      .describe('估值年月 YYYY-MM：表格中"估值年月"为空的家庭用它'),
    watermark: render.watermark,
    password: passwordSourceSchema
      .optional()
      .describe('PDF 打开密码从哪里来（环境变量名或密码文件）；密码本身不写进配置'),
  })
  .describe('批量配置');

export type BatchConfig = z.output<typeof batchConfigSchema>;

export function parseBatchConfig(raw: unknown): BatchConfig {
  const parsed = batchConfigSchema.safeParse(raw, PARSE_OPTIONS);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.flatMap(fromZodIssue);
  throw new FinplanError(
    'FINPLAN_E_BATCH_CONFIG_INVALID',
    issues.map((i) => `${i.path || '配置'}：${i.message}`).join('；'),
    { issues },
  );
}

export function loadBatchConfig(path: string): BatchConfig {
  return parseBatchConfig(readSmallJsonFile(path, '批量配置'));
}
