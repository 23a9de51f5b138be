/**
 * What the client reads (issue 14, item 8): every page of every sample, both editions (summary and
 * full) and both brands (default and the bank brand), holds no internal research notes, no
 * untranslated codes, no broken figures and no raw template syntax; the bank's edition never names
 * the software, in its text or in its metadata (Creator/Producer carry the bank's institution).
 * The style these checks enforce is docs/style.md.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import type { Plan } from '../../src/engine/plan-types.js';
import type { RenderContext } from '../../src/report/context.js';
import { compose } from '../../src/report/pdf/compose.js';
import { pdfPagesText, withPdf } from '../helpers/pdf.js';
import { goodSampleNames, readSample } from '../helpers/samples.js';

const BANK = 'hongyun-bank';

/** What must never reach a client's page, each with the reason a reviewer would give. */
const FORBIDDEN: [RegExp, string][] = [
  [/\[S\d/, 'an internal source tag [S…]'],
  [/\[china-rules/, 'an internal reference [china-rules …]'],
  [/可信度/, 'a certainty grade'],
  [/\b(?:Low|Medium|High)\b/, 'a certainty word'],
  [/回忆/, 'a research note (回忆)'],
  [/未复核/, 'a research note (未复核)'],
  [/\p{Script=Han}\s*"|"\s*\p{Script=Han}/u, 'ASCII double quotes next to Chinese (use “”)'],
  [/(?<![\d\w.-])[-−]0(?:\.0+)?(?![\d.])/, 'a negative zero'],
  [/下跌\s*约?\s*[-−]/, 'a double negative (下跌 -…)'],
  [/[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+/, 'an enum code'],
  [/减：[^\n]*?\s[-−]\d/, 'a signed deduction (减：… -4,660)'],
  [/\d\s*万?元 (?=\p{Script=Han})/u, 'a space between 元 and the Chinese after it'],
  [/\d,(?=\s{2}|$)/, 'a number split across lines (a line ends in “1,001,”)'],
  [/undefined|NaN|Infinity/, 'a broken value'],
  [/\{\{|\}\}/, 'template syntax'],
];

interface Edition {
  sample: string;
  depth: 'summary' | 'full';
  brand: string;
}

const editions: Edition[] = goodSampleNames().flatMap((sample) =>
  (['summary', 'full'] as const).flatMap((depth) =>
    ['default', BANK].map((brand) => ({ sample, depth, brand })),
  ),
);

let ctx: RenderContext;
const plans = new Map<string, Plan>();
beforeAll(() => {
  ctx = loadRenderContext();
});

function planOf(sample: string): Plan {
  let plan = plans.get(sample);
  if (!plan) plans.set(sample, (plan = planFromInput(readSample(sample))));
  return plan;
}

/** Lines of a page that break a rule, as "p.N: reason: line". */
function problems(pages: string[], brand: string): string[] {
  const found: string[] = [];
  pages.forEach((page, i) => {
    // A table cell or a paragraph may wrap inside a pattern: check lines and the page joined.
    const joined = page.replace(/\n/g, '');
    for (const [pattern, reason] of [
      ...FORBIDDEN,
      ...(brand === 'default'
        ? []
        : ([[/finplan/i, 'the software’s name in a bank’s edition']] as [RegExp, string][])),
    ]) {
      const line = page.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) found.push(`p.${i + 1}: ${reason}: ${line}`);
      else if (pattern.test(joined))
        found.push(`p.${i + 1}: ${reason} (across lines): ${joined.match(pattern)![0]}`);
    }
  });
  return found;
}

describe.each(editions)('$sample, $depth edition, brand $brand', ({ sample, depth, brand }) => {
  it('carries only client language', async () => {
    const pdf = await compose(planOf(sample), { depth, brand }, ctx);
    const pages = await pdfPagesText(pdf);
    expect(problems(pages, brand)).toEqual([]);
    if (brand !== 'default') {
      const info = await withPdf(
        pdf,
        async (doc) => (await doc.getMetadata()).info as Record<string, unknown>,
      );
      const institution = ctx.brands.get(brand)!.theme.institution;
      for (const key of ['Creator', 'Producer', 'Author', 'Title', 'Subject', 'Keywords'])
        expect(String(info[key] ?? ''), key).not.toMatch(/finplan/i);
      expect(String(info.Creator)).toBe(institution);
      expect(String(info.Producer)).toBe(institution);
    }
  });
});

describe('the summary edition', () => {
  /** The family sample with 16 goals: its own five and eleven more, long labels included. */
  function manyGoals(): unknown {
    const profile = structuredClone(readSample('family-with-children-education-and-retirement')) as {
      goals: Record<string, unknown>[];
    };
    const types = [
      'car',
      'travel',
      'wedding',
      'custom',
      'car',
      'travel',
      'custom',
      'wedding',
      'travel',
      'custom',
      'car',
    ];
    types.forEach((type, i) =>
      profile.goals.push({
        id: `extra-${i}`,
        type,
        label: i % 3 === 0 ? `第 ${i + 1} 个家庭心愿：带父母出国长途旅行一次` : `心愿 ${i + 1}`,
        year: 2028 + i,
        amount: 20000 + 15000 * i,
        unit: 'once',
        priority: i % 2 === 0 ? 'desirable' : 'important',
      }),
    );
    expect(profile.goals).toHaveLength(16);
    return profile;
  }

  it('has at most 6 pages, even with 16 goals, in both brands', async () => {
    const plan = planFromInput(manyGoals());
    for (const brand of ['default', BANK]) {
      const pdf = await compose(plan, { depth: 'summary', brand }, ctx);
      const pages = await pdfPagesText(pdf);
      expect(pages.length, brand).toBeLessThanOrEqual(6);
      expect(problems(pages, brand)).toEqual([]);
    }
  });
});

describe('a household with billions', () => {
  it('keeps every figure of its yearly table whole: columns reaching 100 亿 switch to 亿元', async () => {
    const profile = structuredClone(readSample('business-owner-shenzhen-high-net-worth')) as {
      assets: { type: string; value: number }[];
    };
    for (const a of profile.assets)
      if (['equity', 'bond', 'business_equity'].includes(a.type)) a.value *= 500;
    const pdf = await compose(planFromInput(profile), { depth: 'full' }, ctx);
    const pages = await pdfPagesText(pdf);
    expect(problems(pages, 'default')).toEqual([]);
    const forecast = pages.find(
      (p) => p.includes('现金流预测') && p.includes('单位：万元（标明“亿元”的列除外）'),
    );
    expect(forecast).toBeDefined();
  });
});
