import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import type { Plan } from '../../src/engine/plan-types.js';
import type { RenderContext } from '../../src/report/context.js';
import { yuanNumber } from '../../src/report/format.js';
import { compose } from '../../src/report/pdf/compose.js';
import { FinplanError } from '../../src/errors.js';
import { meanDifference, pdfFonts, pdfPageCount, pdfPageGray, pdfToText, sha256 } from '../helpers/pdf.js';
import { goodSampleNames, readSample, samplePath } from '../helpers/samples.js';
import { ensureBuilt } from '../helpers/cli.js';

let ctx: RenderContext;
beforeAll(() => {
  ctx = loadRenderContext();
});

/** The text reader puts spaces and line breaks where the layout had them; compare without. */
const squash = (s: string) => s.replace(/\s+/g, '');

describe.each(goodSampleNames())('the PDF for %s', (name) => {
  let plan: Plan;
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    plan = planFromInput(readSample(name));
    pdf = await compose(plan, { depth: 'full' }, ctx);
    text = squash(await pdfToText(pdf));
  });

  it('is a PDF with embedded, subset Noto Sans SC fonts only', async () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts)
      expect(font, font.name).toMatchObject({
        baseName: expect.stringMatching(/^NotoSansSC-/),
        embedded: true,
        subset: true,
        toUnicode: true,
      });
  });

  it('shows the family, every section heading and the page furniture', async () => {
    expect(text).toContain(`${plan.household.familyName}`);
    for (const heading of [
      '致客户的信',
      '声明',
      '目录',
      '客户基本情况',
      '家庭财务状况',
      '资产负债表',
      '收支表',
      '家庭财务比率',
      '现金规划与应急准备金',
      '现金流预测',
    ])
      expect(text, heading).toContain(heading);
    const pages = await pdfPageCount(pdf);
    expect(text).toContain(`第${pages}页/共${pages}页`);
  });

  it('states the key figures exactly as the Plan has them', () => {
    const t = plan.balanceSheet.totals;
    expect(text).toContain(yuanNumber(t.totalAssets));
    expect(text).toContain(yuanNumber(t.netWorth));
    expect(text).toContain(yuanNumber(plan.cashFlow.totals.netIncome));
    expect(text).toContain(yuanNumber(plan.cashFlow.totals.surplus));
    for (const m of plan.members) expect(text).toContain(m.name);
  });
});

describe('determinism', () => {
  it('gives the same bytes for the 1st and the 20th render in one process, and after a JSON round trip', async () => {
    const plan = planFromInput(readSample('family-with-children-education-and-retirement'));
    const first = sha256(await compose(plan, { depth: 'full' }, ctx));
    let last = '';
    for (let i = 0; i < 19; i++) last = sha256(await compose(plan, { depth: 'full' }, ctx));
    expect(last).toBe(first);
    const roundTripped = JSON.parse(JSON.stringify(plan)) as Plan;
    expect(sha256(await compose(roundTripped, {}, ctx))).toBe(first);
  });

  it('gives the same bytes in a fresh process (the CLI)', async () => {
    ensureBuilt();
    const name = 'young-beijing-salesman-startup-and-home';
    const inProcess = sha256(await compose(planFromInput(readSample(name)), {}, ctx));
    const dir = mkdtempSync(join(tmpdir(), 'finplan-det-'));
    const out = join(dir, 'plan.pdf');
    execFileSync(process.execPath, ['dist/apps/cli/main.js', 'plan', samplePath(name), '-o', out]);
    expect(sha256(readFileSync(out))).toBe(inProcess);
  });

  it('gives different documents different file IDs', async () => {
    const a = await compose(planFromInput(readSample('single-parent-chengdu')), {}, ctx);
    const b = await compose(planFromInput(readSample('retired-couple-shanghai')), {}, ctx);
    const id = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1];
    expect(id(a)).toBeDefined();
    expect(id(a)).not.toBe(id(b));
  });
});

describe('compose refuses what it cannot render', () => {
  it('an unknown brand', async () => {
    const plan = planFromInput(readSample('single-parent-chengdu'));
    await expect(compose(plan, { brand: 'no-such-brand' }, ctx)).rejects.toMatchObject({
      code: 'FINPLAN_E_BRAND_INVALID',
    });
  });

  it('a plan of another format version', async () => {
    const plan = {
      ...planFromInput(readSample('single-parent-chengdu')),
      planFormatVersion: 99,
    } as unknown as Plan;
    await expect(compose(plan, { depth: 'full' }, ctx)).rejects.toBeInstanceOf(FinplanError);
  });
});

describe('depth by client tier', () => {
  it('gives a client under 20万 of financial assets the summary edition of at most six pages', async () => {
    const plan = planFromInput(readSample('single-parent-chengdu'));
    expect(plan.tier.code).toBe('T1');
    const pdf = await compose(plan, {}, ctx);
    const pages = await pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(6);
    const text = squash(await pdfToText(pdf));
    for (const h of ['摘要', '家庭财务概况', '规划要点', '风险测试', '执行计划', '声明'])
      expect(text, h).toContain(h);
  });

  it('gives a 理财客户 the full plan, and either edition on request', async () => {
    const family = planFromInput(readSample('family-with-children-education-and-retirement'));
    expect(await pdfPageCount(await compose(family, {}, ctx))).toBeGreaterThan(20);
    expect(await pdfPageCount(await compose(family, { depth: 'summary' }, ctx))).toBeLessThanOrEqual(6);
  });

  it('lets a batch choose the depth per tier (depthByTier), and an explicit depth still wins', async () => {
    const family = planFromInput(readSample('family-with-children-education-and-retirement'));
    expect(family.tier.code).toBe('T2');
    const byTier = { depthByTier: { T2: 'summary' as const } };
    expect(await pdfPageCount(await compose(family, byTier, ctx))).toBeLessThanOrEqual(6);
    expect(await pdfPageCount(await compose(family, { ...byTier, depth: 'full' }, ctx))).toBeGreaterThan(20);
    await expect(compose(family, { depthByTier: { T9: 'summary' } } as never, ctx)).rejects.toMatchObject({
      code: 'FINPLAN_E_INVALID_OPTIONS',
    });
  });

  it('writes the watermark on every page', async () => {
    // The text lines leave diagonal text out, so compare each page with and without the watermark.
    const plan = planFromInput(readSample('retired-couple-shanghai'));
    const plain = await compose(plan, { depth: 'summary' }, ctx);
    const marked = await compose(plan, { depth: 'summary', watermark: true }, ctx);
    const pages = await pdfPageCount(plain);
    expect(await pdfPageCount(marked)).toBe(pages);
    for (let p = 1; p <= pages; p++)
      expect(
        meanDifference(await pdfPageGray(plain, p, 20), await pdfPageGray(marked, p, 20)),
        `page ${p}`,
      ).toBeGreaterThan(0.1);
  });
});
