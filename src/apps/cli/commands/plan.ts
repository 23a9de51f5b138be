/**
 * finplan plan: profile → Plan (→ Plan JSON) → PDF. The performance marks ("finplan:…") cost
 * nothing; bench/cold-start.js reads them to show where a cold run spends its time.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { FinplanError } from '../../../errors.js';
import { loadRenderContext, readBodyFontsInBackground, readBrand } from '../../assets.js';
import { readJsonFile } from '../../input.js';
import { notice, readWithNotices } from '../notices.js';
import { DEFAULT_PASSWORD_ENV, resolveProtection } from '../../password.js';
import { producePlan } from '../../request.js';

export interface PlanCommandOptions {
  output?: string;
  json?: string;
  brand?: string;
  pdf: boolean;
  passwordFile?: string;
  /** commander's --no-copy: false when given. */
  copy?: boolean;
  pdfa?: boolean;
  depth?: string;
  /** --watermark alone gives true ("仅供某先生参阅"); --watermark <text> the text. */
  watermark?: string | boolean;
}

function write(path: string, data: Buffer | string): void {
  try {
    writeFileSync(path, data);
  } catch (err) {
    throw new FinplanError('FINPLAN_E_OUTPUT_WRITE', `无法写入 ${path}`, { cause: err });
  }
}

export async function runPlan(profilePath: string, opts: PlanCommandOptions): Promise<void> {
  performance.mark('finplan:plan-command');
  const raw = readJsonFile(profilePath, '家庭档案', readWithNotices);
  // Resolve the password before any work, so a missing or weak one fails fast.
  const { protection, warnings, source } = opts.pdf
    ? resolveProtection(
        { file: opts.passwordFile, env: { name: DEFAULT_PASSWORD_ENV, required: false } },
        { env: process.env },
        opts.copy === false ? { allowCopying: false } : {},
      )
    : { protection: undefined, warnings: [], source: null };
  for (const w of warnings) process.stderr.write(`警告：${w}\n`);
  // The body fonts are read on the thread pool while the plan is computed.
  const bodyFonts = opts.pdf ? readBodyFontsInBackground() : undefined;
  performance.mark('finplan:input-read');
  const brandDir = opts.brand ? resolve(opts.brand) : undefined;
  const watermark =
    opts.watermark === true ? true : typeof opts.watermark === 'string' ? opts.watermark : undefined;
  const { plan, pdf, missingCharacters, failedChecks } = await producePlan(
    {
      profile: raw,
      pdf: opts.pdf,
      options: {
        ...(brandDir ? { brand: (readBrand(brandDir).theme as { name?: string }).name } : {}),
        ...(protection ? { protection } : {}),
        ...(opts.pdfa ? { pdfa: 'PDF/A-2b' as const } : {}),
        ...(opts.depth ? { depth: opts.depth as 'auto' | 'summary' | 'full' } : {}),
        ...(watermark !== undefined ? { watermark } : {}),
      },
    },
    async () => loadRenderContext({ extraBrandDirs: brandDir ? [brandDir] : [], bodyFonts: await bodyFonts }),
  );
  // A failed self-check is a bug in finplan, never the client's doing. Say so (check ids only: the
  // details carry the client's figures) and still write the plan.
  if (failedChecks.length)
    process.stderr.write(
      `警告：规划自检有 ${failedChecks.length} 项未通过（${failedChecks.join('、')}），请将档案交开发人员核查后再交付客户。\n`,
    );

  if (opts.json) {
    const text = `${JSON.stringify(plan, null, 2)}\n`;
    if (opts.json === '-') process.stdout.write(text);
    else {
      write(opts.json, text);
      process.stderr.write(`已写出规划数据：${opts.json}\n`);
    }
  }
  if (!pdf) return;

  const out = opts.output ?? join(dirname(profilePath), `${basename(profilePath, extname(profilePath))}.pdf`);
  write(out, pdf);
  performance.mark('finplan:written');
  if (missingCharacters.length)
    notice(`字符"${missingCharacters.join('')}"超出报告字库，已以"〓"显示并在报告中注明。`);
  const how = protection ? `，已加密 AES-256，密码来自${source}` : opts.pdfa ? '，PDF/A-2b' : '';
  process.stderr.write(`已生成理财规划书：${out}（${(pdf.length / 1024).toFixed(0)} KB${how}）\n`);
}
