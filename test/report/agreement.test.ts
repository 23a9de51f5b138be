/**
 * A number in a chart, a table and a sentence is the same number. For every sample, the figures the
 * text states — net worth, each goal's gap, the retirement gap, the success probability, the
 * emergency-fund gap — are read back from the PDF's text and compared with the Plan JSON.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import { dec } from '../../src/domain/money.js';
import type { Plan } from '../../src/engine/plan-types.js';
import type { RenderContext } from '../../src/report/context.js';
import { formatNumber, percent, spoken, yuanNumber } from '../../src/report/format.js';
import { compose } from '../../src/report/pdf/compose.js';
import { pdfOutline, pdfPagesText, type PdfOutlineItem } from '../helpers/pdf.js';
import { goodSampleNames, readSample } from '../helpers/samples.js';

let ctx: RenderContext;
beforeAll(() => {
  ctx = loadRenderContext();
});

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * The text of the pages between two headings: each heading's page from its bookmark, or, for a
 * heading without one, its first occurrence after the TOC (and after the start). A bookmark keeps a
 * sentence that merely mentions a heading's words (资料说明: "本规划假设…") from ending a section.
 */
function sectionText(pages: string[], heading: string, next: string, outline: PdfOutlineItem[] = []): string {
  const flat = (items: PdfOutlineItem[]): PdfOutlineItem[] => items.flatMap((o) => [o, ...flat(o.kids)]);
  const bookmarked = (title: string) =>
    (flat(outline).find((o) => o.title === title)?.destination?.page ?? 0) - 1;
  const start =
    bookmarked(heading) >= 0 ? bookmarked(heading) : pages.findIndex((p, i) => i > 2 && p.includes(heading));
  const end =
    bookmarked(next) >= start ? bookmarked(next) : pages.findIndex((p, i) => i > start && p.includes(next));
  return pages.slice(start, end === -1 ? undefined : end + 1).join('\n');
}

describe.each(goodSampleNames())('%s: the text agrees with the Plan', (name) => {
  let plan: Plan;
  let pages: string[];
  let outline: PdfOutlineItem[];
  beforeAll(async () => {
    plan = planFromInput(readSample(name));
    const pdf = await compose(plan, { depth: 'full' }, ctx);
    pages = (await pdfPagesText(pdf)).map(squash);
    outline = await pdfOutline(pdf);
  });

  it('the summary states net worth, success probability, the emergency-fund gap and every goal’s gap', () => {
    const summary = pages[3]!;
    expect(summary).toContain('摘要');
    expect(summary).toContain(squash(`净资产为 ${spoken(plan.balanceSheet.totals.netWorth)}`));
    expect(summary).toContain(squash(percent(plan.risk.monteCarlo.successAll, 1)));
    const e = plan.planning.emergency;
    // The goals table's emergency-fund row (a reader may reorder a table's cells, so look for the
    // figure, not the row).
    expect(summary).toContain('应急准备金');
    expect(summary).toContain(dec(e.gap).gt(0) ? squash(spoken(e.gap)) : '充足');
    for (const g of plan.goals) {
      const gap = dec(g.shortfallNominal).gt(0) ? spoken(g.shortfallNominal) : '无';
      expect(summary, g.goalId).toContain(squash(`${g.label}`));
      if (gap !== '无') expect(summary, g.goalId).toContain(squash(gap));
    }
  });

  it('the Monte Carlo sentence gives the Plan’s trial and success counts', () => {
    const mc = plan.risk.monteCarlo;
    const sentence = squash(
      `在 ${formatNumber(mc.trials, 0)} 次模拟中，所有目标均实现的有 ${formatNumber(mc.successAllCount, 0)} 次`,
    );
    expect(pages[3]).toContain(sentence);
    expect(sectionText(pages, '蒙特卡洛模拟', '最有效的调整', outline)).toContain(sentence);
  });

  it('the retirement section states the Plan’s retirement gap, in the table and in words', () => {
    const text = sectionText(pages, '退休规划', '投资规划与资产配置', outline);
    const gap = dec(plan.planning.retirement.gap);
    expect(text).toContain(squash(yuanNumber(gap.abs())));
    expect(text).toContain(squash(spoken(gap.abs())));
    expect(text).toContain(gap.gt(0) ? '退休资金缺口' : '退休资金盈余');
  });

  it('the goals table states each goal’s total cost and gap in 元', () => {
    const text = sectionText(pages, '理财目标', '规划假设', outline);
    for (const g of plan.goals) {
      expect(text, g.goalId).toContain(squash(yuanNumber(g.totalNominalCost)));
      if (dec(g.shortfallNominal).gt(0))
        expect(text, g.goalId).toContain(squash(yuanNumber(g.shortfallNominal)));
    }
  });

  it('the balance sheet and the summary agree on net worth', () => {
    const text = sectionText(pages, '家庭财务状况', '理财目标', outline);
    expect(text).toContain(squash(yuanNumber(plan.balanceSheet.totals.netWorth)));
    expect(text).toContain(squash(spoken(plan.balanceSheet.totals.netWorth)));
  });
});

describe.each(goodSampleNames())('%s: one story in both editions', (name) => {
  let plan: Plan;
  const texts = new Map<string, string>();
  beforeAll(async () => {
    plan = planFromInput(readSample(name));
    for (const depth of ['summary', 'full'] as const)
      texts.set(depth, squash((await pdfPagesText(await compose(plan, { depth }, ctx))).join('\n')));
  });

  it.each(['summary', 'full'])('%s: every “见…” points to a section the edition has', (depth) => {
    const text = texts.get(depth)!;
    for (const m of text.matchAll(/见[“"]([^”"]+)[”"]/g)) {
      const target = m[1]!;
      // The target appears somewhere besides the references to it: a heading of this edition.
      const mentions = text.split(target).length - 1;
      const references = text.split(`见“${target}”`).length - 1 + text.split(`见"${target}"`).length - 1;
      expect(mentions, `${depth}: 见“${target}”`).toBeGreaterThan(references);
    }
  });

  it.each(['summary', 'full'])(
    '%s: the headline success rate is the diagnosis’s, and no other rate is called the plan’s',
    (depth) => {
      const text = texts.get(depth)!;
      const rate = percent(plan.diagnosis.success.rate, 1);
      expect(text).toContain(squash(`成功概率${rate}`));
      for (const m of text.matchAll(/成功概率([\d.]+%)/g)) expect(m[1], depth).toBe(rate);
      const before = text.match(/实现概率从([\d.]+%)提高到/);
      if (before) expect(before[1]).toBe(rate);
    },
  );

  it('the summary counts as many short goals as its goal table shows in red', () => {
    const summary = texts.get('summary')!;
    const short = plan.diagnosis.shortGoalIds.length;
    if (short) expect(summary).toContain(`${short}个目标资金不足`);
    else expect(summary).not.toMatch(/\d+个目标资金不足/);
    const statuses = plan.goals.filter((g) => g.status === 'short' || g.status === 'unachievable').length;
    expect(statuses).toBe(short);
  });
});
