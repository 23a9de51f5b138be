/**
 * Basic pension for urban employees (城镇职工基本养老金) — china-rules.md §3.1–3.2.
 *
 * 月基本养老金 = 基础养老金 + 个人账户养老金, with
 *   基础养老金 = C × (1 + I) / 2 × N × accrualPerYear   (accrualPerYear = 1%)
 *   个人账户养老金 = 个人账户储存额 ÷ 计发月数.
 */
import type { Dated } from './dated.js';

/** 基础养老金 accrual per contribution year (1%). */
export const PENSION_ACCRUAL_PER_YEAR: readonly Dated<string>[] = [
  {
    value: '0.01',
    effectiveFrom: '2006-01-01',
    source: '国发〔2005〕38号《国务院关于完善企业职工基本养老保险制度的决定》[S16][S17]',
    cite: '国务院《关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号），2005年12月',
    certainty: 'high',
    note: '基础养老金 = (计发基数 + 本人指数化月平均缴费工资) ÷ 2 × 缴费年限 × 1%。',
  },
];

/** Share of the contribution base credited monthly to the 个人账户 (8%). */
export const PENSION_PERSONAL_ACCOUNT_RATE: readonly Dated<string>[] = [
  {
    value: '0.08',
    effectiveFrom: '2006-01-01',
    source: '国发〔2005〕38号（个人缴费 8% 全部记入个人账户）[S12]',
    certainty: 'high',
  },
];

/** 计发月数 by integer retirement age 40..70. */
export type PayoutMonthsTable = Readonly<Record<number, number>>;

export const PENSION_PAYOUT_MONTHS: readonly Dated<PayoutMonthsTable>[] = [
  {
    value: {
      40: 233,
      41: 230,
      42: 226,
      43: 223,
      44: 220,
      45: 216,
      46: 212,
      47: 208,
      48: 204,
      49: 199,
      50: 195,
      51: 190,
      52: 185,
      53: 180,
      54: 175,
      55: 170,
      56: 164,
      57: 158,
      58: 152,
      59: 145,
      60: 139,
      61: 132,
      62: 125,
      63: 117,
      64: 109,
      65: 101,
      66: 93,
      67: 84,
      68: 75,
      69: 65,
      70: 56,
    },
    effectiveFrom: '2006-01-01',
    source: '国发〔2005〕38号 附件 个人账户养老金计发月数表 [S16][S17][S19]',
    cite: '国务院《关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号）附件，2005年12月',
    certainty: 'medium',
    note: '50/55/58/60/63 岁为 High，其余 Medium；47 岁取 208、66–70 岁取 93/84/75/65/56（另一公开表为 207 与 94/87/80/73/67）。',
  },
];

/**
 * The national 个人账户记账利率 by calendar year (credited at the end of the year). Past years use
 * the published rate; years after the last entry use a planning assumption (see assumptions.ts).
 */
function creditRate(year: number, rate: string, certainty: 'medium' | 'low', note?: string): Dated<string> {
  return {
    value: rate,
    effectiveFrom: `${year}-01-01`,
    effectiveTo: `${year}-12-31`,
    source: `人社部、财政部公布的 ${year} 年职工基本养老保险个人账户记账利率 [S18]`,
    certainty,
    ...(note ? { note } : {}),
  };
}

export const PENSION_ACCOUNT_CREDIT_RATES: readonly Dated<string>[] = [
  creditRate(2016, '0.0831', 'medium'),
  creditRate(2017, '0.0712', 'medium'),
  creditRate(2018, '0.0829', 'medium'),
  creditRate(2019, '0.0761', 'medium'),
  creditRate(2020, '0.0604', 'medium'),
  creditRate(2021, '0.0669', 'medium'),
  creditRate(2022, '0.0612', 'medium'),
  creditRate(2023, '0.0397', 'medium'),
  creditRate(2024, '0.0262', 'medium'),
  creditRate(2025, '0.015', 'low', '见于两个公开计算器，未经官方公告确认。'),
];
