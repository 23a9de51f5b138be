import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { planFromInput } from '../../../api.js';
import { FinplanError } from '../../../errors.js';
import { compose } from '../../../report/pdf/compose.js';
import { loadRenderContext, readBrand } from '../../assets.js';
import { readJsonFile } from '../../input.js';

export interface PlanCommandOptions {
  output?: string;
  json?: string;
  brand?: string;
  pdf: boolean;
}

function write(path: string, data: Buffer | string): void {
  try {
    writeFileSync(path, data);
  } catch (err) {
    throw new FinplanError('FINPLAN_E_OUTPUT_WRITE', `无法写入 ${path}`, { cause: err });
  }
}

export async function runPlan(profilePath: string, opts: PlanCommandOptions): Promise<void> {
  const raw = readJsonFile(profilePath, '家庭档案');
  const plan = planFromInput(raw);

  if (opts.json) {
    const text = `${JSON.stringify(plan, null, 2)}\n`;
    if (opts.json === '-') process.stdout.write(text);
    else {
      write(opts.json, text);
      process.stderr.write(`已写出规划数据：${opts.json}\n`);
    }
  }
  if (!opts.pdf) return;

  const brandDir = opts.brand ? resolve(opts.brand) : undefined;
  const ctx = loadRenderContext({ extraBrandDirs: brandDir ? [brandDir] : [] });
  const brandName = brandDir ? (readBrand(brandDir).theme as { name?: string }).name : undefined;
  const pdf = await compose(plan, { brand: brandName }, ctx);
  const out = opts.output ?? join(dirname(profilePath), `${basename(profilePath, extname(profilePath))}.pdf`);
  write(out, pdf);
  process.stderr.write(`已生成理财规划书：${out}（${(pdf.length / 1024).toFixed(0)} KB）\n`);
}
