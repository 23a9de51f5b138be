import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breakLines,
  layoutLines,
  unbreakableUnits,
  type BrokenLine,
} from '../../../src/report/pdf/text/linebreak.js';
import { NO_LINE_END_CHARS, NO_LINE_START_CHARS } from '../../../src/report/pdf/text/kinsoku.js';

/**
 * A stand-in for a font, in em: CJK characters and full-width punctuation 1, a space 0.25,
 * combining marks and variation selectors 0, other characters 0.55. Additive, like the real
 * measure between break opportunities.
 */
const measure = (s: string): number => {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w += /\p{M}/u.test(ch) ? 0 : cp === 0x20 ? 0.25 : cp >= 0x2000 ? 1 : 0.55;
  }
  return w;
};

const NO_START = new Set(Array.from(NO_LINE_START_CHARS));
const NO_END = new Set(Array.from(NO_LINE_END_CHARS));
const firstChar = (s: string) => Array.from(s)[0] ?? '';
const lastChar = (s: string) => Array.from(s).pop() ?? '';

describe('breakLines: 禁则', () => {
  it('keeps closing punctuation with the character before it (the character moves down)', () => {
    expect(breakLines('甲乙丙丁，戊己', 4, measure)).toEqual(['甲乙丙', '丁，戊己']);
    expect(breakLines('甲乙丙丁。”戊', 4, measure)).toEqual(['甲乙丙', '丁。”戊']);
    expect(breakLines('甲乙丙（丁）、戊', 4, measure)).toEqual(['甲乙丙', '（丁）、', '戊']);
  });

  it('keeps opening punctuation with the character after it', () => {
    expect(breakLines('甲乙丙《丁》', 4, measure)).toEqual(['甲乙丙', '《丁》']);
    expect(breakLines('甲乙丙“丁”', 4, measure)).toEqual(['甲乙丙', '“丁”']);
  });

  it('never splits an ellipsis or a dash, and keeps them off the start of a line', () => {
    expect(breakLines('甲乙丙……丁', 4, measure)).toEqual(['甲乙', '丙……丁']);
    expect(breakLines('甲乙丙——丁戊', 4, measure)).toEqual(['甲乙', '丙——丁', '戊']);
  });

  it('keeps 间隔号 names and slashed units together', () => {
    expect(unbreakableUnits('阿卜杜拉·买买提')).toContain('拉·买');
    expect(unbreakableUnits('保费 12,000 元/年')).toContain('12,000 元/年');
  });
});

describe('breakLines: numbers and amounts stay whole', () => {
  const units = (s: string) => unbreakableUnits(s);

  it.each([
    ['家庭年收入为1,234,567 元，', '1,234,567 元，'],
    ['占比 12.5%，', '12.5%，'],
    ['预计2031年退休', '2031年'],
    ['届时父亲 87 岁。', '87 岁。'],
    ['利率 3.05%–3.10% 之间', '3.05%–3.10%'],
    ['由 2010 年代', '2010 年'],
    ['12.5% 的', '12.5%'],
    ['截至2026-11，', '2026-11，'],
    ['合计 1,234,567.89 元', '1,234,567.89 元'],
    ['结余 6.1 万元。', '6.1 万元。'],
    ['约 6 个月支出', '6 个月'],
    ['见第 3 页', '第 3 页'],
    ['减少 -12.50 万元', '-12.50 万元'],
    ['保额 ¥500,000.00，', '¥500,000.00，'],
    ['范围 ≈ 10%', '≈ 10%'],
    ['增长 1 个百分点', '1 个百分点'],
  ])('%s keeps "%s" as one unit', (text, unit) => {
    expect(units(text)).toContain(unit);
  });

  it('breaks a sentence from a real plan only between units', () => {
    const text = '程先生家庭目前的净资产为 158.6 万元，其中金融资产 49 万元，未来 12 个月预计结余 6.1 万元。';
    expect(breakLines(text, 12, measure)).toEqual([
      '程先生家庭目前的净资产为',
      '158.6 万元，其中金融资产',
      '49 万元，未来 12 个月预计',
      '结余 6.1 万元。',
    ]);
    // pdfkit broke this one as "…结余 6.1 万" / "元。"
    for (const width of [8, 9, 10, 11, 13, 17, 21, 25])
      for (const line of breakLines(text, width, measure)) {
        expect(line.startsWith('元')).toBe(false);
        expect(line.endsWith('万')).toBe(false);
      }
  });

  it('breaks a mixed sentence with ranges, dates and latin words', () => {
    const text =
      '工资年增长取 3%：名义工资增速已由 2010 年代的 8%–10% 降至 2024–25 年的约 3%–5%，取保守端（LPR 4.9%）。';
    const lines = breakLines(text, 14, measure);
    expect(lines).toEqual([
      '工资年增长取 3%：名义工资增',
      '速已由 2010 年代的 8%–10% 降',
      '至 2024–25 年的约 3%–5%，',
      '取保守端（LPR 4.9%）。',
    ]);
  });
});

describe('breakLines: lines, spaces and widths', () => {
  it('handles explicit newlines and empty lines', () => {
    expect(breakLines('甲乙\n\n丙丁\r\n戊', 10, measure)).toEqual(['甲乙', '', '丙丁', '戊']);
    expect(breakLines('', 10, measure)).toEqual([]);
  });

  it('drops the space at which a line breaks, keeps leading spaces of a paragraph', () => {
    expect(breakLines('alpha beta gamma', 4, measure)).toEqual(['alpha', 'beta', 'gamma']);
    expect(breakLines('  甲乙', 10, measure)).toEqual(['  甲乙']);
    expect(breakLines('甲乙   ', 10, measure)).toEqual(['甲乙']);
  });

  it('gives the first line of each paragraph its own width (indent)', () => {
    expect(breakLines('甲乙丙丁戊己庚辛', 4, measure, { firstLineWidth: 2 })).toEqual([
      '甲乙',
      '丙丁戊己',
      '庚辛',
    ]);
    expect(breakLines('甲乙丙\n丁戊己', 2, measure, { firstLineWidth: 1 })).toEqual([
      '甲',
      '乙丙',
      '丁',
      '戊己',
    ]);
  });

  it('never splits a surrogate pair (CJK Extension B)', () => {
    expect(breakLines('张𠮷𠮷𠮷𡈼', 2, measure)).toEqual(['张𠮷', '𠮷𠮷', '𡈼']);
  });

  it('keeps a combining mark or variation selector with its character', () => {
    const ivs = '葛\u{E0100}';
    expect(breakLines(`甲${ivs}乙`, 2, measure)).toEqual([`甲${ivs}`, '乙']);
    expect(breakLines('cafe\u0301 au lait', 3, measure)).toEqual(['cafe\u0301', 'au', 'lait']);
  });

  it('cuts a unit wider than the line as a last resort, at a separator, so nothing overflows', () => {
    const lines = layoutLines('见 https://example.com/a/very/long/path 说明', 6, measure);
    for (const l of lines) expect(measure(l.text)).toBeLessThanOrEqual(6 + 1e-9);
    expect(lines.map((l) => l.text)).toEqual([
      '见',
      'https://',
      'example.',
      'com/a/',
      'very/long/',
      'path 说明',
    ]);
    expect(lines.map((l) => l.end)).toEqual(['wrap', 'forced', 'forced', 'forced', 'forced', 'paragraph']);
    // An amount in a too-narrow column is cut after a thousands separator, not at the decimal point.
    expect(breakLines('¥500,000.00', 5, measure)).toEqual(['¥500,', '000.00']);
  });

  it('stops at maxLines with an ellipsis that fits', () => {
    const lines = layoutLines('这是一段很长很长的说明文字，金额 1,234,567 元不会被切开', 10, measure, {
      maxLines: 1,
    });
    expect(lines).toEqual([{ text: '这是一段很长很长的…', width: 10, end: 'truncated', first: true }]);
    const two = breakLines('甲乙丙丁 1,234,567 元', 7, measure, { maxLines: 2 });
    expect(two).toEqual(['甲乙丙丁', '1,234,567 元']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated mixed text
// ---------------------------------------------------------------------------------------------

const group = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Amounts and numbers as finplan writes them; each must end up inside one line. */
const amountArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 0, max: 99_999_999 }),
      fc.constantFrom('', '.89', '.5'),
      fc.constantFrom(' 元', '元', ' 万元', ' 亿元', '', ' 元/年'),
    )
    .map(([n, d, u]) => `${group(n)}${d}${u}`),
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}%`),
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 99 }), fc.integer({ min: 10, max: 99 }))
    .map(([a, b, c]) => `${a}.${b}%–${a}.${c}%`),
  fc.integer({ min: 2020, max: 2099 }).map((y) => `${y}年`),
  fc.integer({ min: 0, max: 110 }).map((a) => `${a} 岁`),
  fc
    .tuple(fc.integer({ min: 2020, max: 2099 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.integer({ min: 1, max: 60 }).map((n) => `${n} 个月`),
  fc.integer({ min: 1, max: 400 }).map((n) => `第 ${n} 页`),
  fc.integer({ min: 1, max: 9_999_999 }).map((n) => `-${group(n)}.50 万元`),
);

type Fragment = { text: string; amount: boolean };
const plain = (arb: fc.Arbitrary<string>) => arb.map((text): Fragment => ({ text, amount: false }));
const fragmentArb: fc.Arbitrary<Fragment> = fc.oneof(
  {
    weight: 10,
    arbitrary: plain(fc.constantFrom(...Array.from('家庭收入支出退休规划资产负债保险教育张王李喆堃𠮷𡈼𪚥'))),
  },
  { weight: 3, arbitrary: plain(fc.constantFrom(...Array.from(NO_LINE_START_CHARS))) },
  { weight: 3, arbitrary: plain(fc.constantFrom(...Array.from(NO_LINE_END_CHARS))) },
  { weight: 3, arbitrary: amountArb.map((text): Fragment => ({ text, amount: true })) },
  { weight: 2, arbitrary: plain(fc.stringMatching(/^[A-Za-z]{1,10}$/)) },
  { weight: 2, arbitrary: plain(fc.constant(' ')) },
  { weight: 1, arbitrary: plain(fc.constantFrom('·', '/', '"', '\n', '　')) },
);
const textArb = fc.array(fragmentArb, { maxLength: 60 });
const widthArb = fc.double({ min: 1.2, max: 40, noNaN: true });

/** Pairs of consecutive lines separated by an ordinary (non-forced) line break. */
function wrapBoundaries(lines: BrokenLine[]): [BrokenLine, BrokenLine][] {
  const out: [BrokenLine, BrokenLine][] = [];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1];
    const next = lines[i];
    if (prev && next && prev.end === 'wrap') out.push([prev, next]);
  }
  return out;
}

describe('breakLines: properties', () => {
  it('no line starts with 行首禁则 or ends with 行尾禁则 at a break it chose', () => {
    fc.assert(
      fc.property(textArb, widthArb, (fragments, width) => {
        const text = fragments.map((f) => f.text).join('');
        const lines = layoutLines(text, width, measure);
        for (const [prev, next] of wrapBoundaries(lines)) {
          expect(NO_START.has(firstChar(next.text)), `line starts with ${next.text}`).toBe(false);
          expect(NO_END.has(lastChar(prev.text)), `line ends with ${prev.text}`).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('every line fits the width', () => {
    fc.assert(
      fc.property(textArb, widthArb, (fragments, width) => {
        const text = fragments.map((f) => f.text).join('');
        for (const line of layoutLines(text, width, measure)) {
          expect(measure(line.text)).toBeLessThanOrEqual(width + 1e-6);
          expect(line.width).toBeCloseTo(measure(line.text), 9);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('loses no character: only the spaces at breaks are dropped', () => {
    fc.assert(
      fc.property(textArb, widthArb, (fragments, width) => {
        const text = fragments.map((f) => f.text).join('');
        const squash = (s: string) => s.replace(/[ \n]/g, '');
        expect(squash(breakLines(text, width, measure).join(''))).toBe(squash(text));
      }),
      { numRuns: 400 },
    );
  });

  it('never splits an amount, a number with its unit, a date or a range', () => {
    fc.assert(
      fc.property(textArb, widthArb, (fragments, width) => {
        const text = fragments.map((f) => f.text).join('');
        const units = unbreakableUnits(text);
        const lines = layoutLines(text, width, measure);
        const forced = lines.some((l) => l.end === 'forced');
        for (const f of fragments.filter((x) => x.amount)) {
          expect(
            units.some((u) => u.includes(f.text)),
            `${f.text} in ${JSON.stringify(units)}`,
          ).toBe(true);
          if (!forced) expect(lines.some((l) => l.text.includes(f.text))).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('respects maxLines, ending a cut text with an ellipsis that fits', () => {
    fc.assert(
      fc.property(textArb, widthArb, fc.integer({ min: 1, max: 4 }), (fragments, width, maxLines) => {
        const text = fragments.map((f) => f.text).join('');
        const all = layoutLines(text, width, measure);
        const cut = layoutLines(text, width, measure, { maxLines });
        expect(cut.length).toBe(Math.min(maxLines, all.length));
        if (all.length > maxLines) {
          const last = cut[cut.length - 1];
          expect(last?.end).toBe('truncated');
          expect(last?.text.endsWith('…')).toBe(true);
          expect(measure(last?.text ?? '')).toBeLessThanOrEqual(width + 1e-6);
        } else expect(cut).toEqual(all);
      }),
      { numRuns: 200 },
    );
  });
});
