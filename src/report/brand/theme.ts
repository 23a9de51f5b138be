/**
 * A brand is data: templates/brands/<name>/theme.json (+ its logo). A bank edits these files, not
 * code. The schema validates them with Chinese messages, so a broken brand fails with a clear
 * FINPLAN_E_BRAND_INVALID at start-up rather than a half-styled PDF.
 */
import { z } from 'zod';
import { fromZodIssue, PARSE_OPTIONS } from '../../domain/issues.js';
import { FinplanError } from '../../errors.js';

const colour = () => z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: 'invalid_colour' });
const text = (max: number) => z.string().min(1).max(max);

export const themeSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(40)
    .describe('品牌名（目录名）'),
  institution: text(60).describe('机构名称，显示在封面和页眉'),
  reportTitle: text(30).describe('报告标题，如"家庭理财规划书"'),
  tagline: text(60).optional().describe('封面标语'),
  colors: z.strictObject({
    primary: colour().describe('主色（标题、表头）'),
    accent: colour().describe('强调色'),
    text: colour().describe('正文颜色'),
    muted: colour().describe('次要文字颜色'),
    rule: colour().describe('分隔线颜色'),
    tableHeaderText: colour().describe('表头文字颜色'),
    zebra: colour().describe('表格隔行底色'),
    good: colour().describe('"良好"判断的颜色'),
    watch: colour().describe('"关注"判断的颜色'),
    poor: colour().describe('"需改善"判断的颜色'),
    negative: colour().describe('负数金额颜色'),
    coverBackground: colour().describe('封面底色'),
    coverText: colour().describe('封面文字颜色'),
    chart: z.array(colour()).min(4).max(12).describe('图表系列颜色'),
  }),
  logo: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+\.(png|jpg|jpeg)$/)
    .optional()
    .describe('标志图片文件名（同目录，不透明 PNG 或 JPEG）'),
  planner: z
    .strictObject({
      name: text(40).optional(),
      certificate: text(40).optional(),
      phone: text(40).optional(),
    })
    .optional()
    .describe('理财师缺省信息（档案未填写时使用）'),
  contact: text(120).optional().describe('联系方式，显示在声明页'),
  disclaimer: text(2000).describe('机构免责声明'),
  footer: text(80).describe('页脚文字'),
  watermark: text(40).optional().describe('水印文字'),
});

export type Theme = z.output<typeof themeSchema>;

export interface Brand {
  theme: Theme;
  /** Logo image bytes (opaque PNG or JPEG), if the brand has one. */
  logo: Buffer | null;
}

export function parseTheme(raw: unknown, where: string): Theme {
  const r = themeSchema.safeParse(raw, PARSE_OPTIONS);
  if (!r.success) {
    const issues = r.error.issues.flatMap(fromZodIssue);
    throw new FinplanError('FINPLAN_E_BRAND_INVALID', `${where} 的 theme.json 有 ${issues.length} 处问题`, {
      issues,
    });
  }
  return r.data;
}
