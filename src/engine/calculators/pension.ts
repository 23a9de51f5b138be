/**
 * pension — 城镇职工基本养老金 at retirement. china-rules.md §3.1–3.2.
 *
 * 月基本养老金 = 基础养老金 + 个人账户养老金 (过渡性养老金 is province-specific and not modelled):
 *   基础养老金 = C_R × (1 + I) / 2 × N × 1%       (国发〔2005〕38号, High)
 *   个人账户养老金 = 个人账户储存额 at retirement ÷ 计发月数
 * where
 * - C_R (计发基数, 全省上年度在岗职工月平均工资 at retirement) = C × (1 + wageGrowth)^(Y_R − Y_0):
 *   C is the 计发基数 known at the valuation month (a REQUIRED input: china-rules gives no default),
 *   grown once per calendar year from the valuation year Y_0 to the retirement year Y_R;
 * - I = the average contribution index (input, 0.6–3.0);
 * - N = contribution years at retirement = current years + months still contributing ÷ 12
 *   (contributions continue every month from the valuation month to the month before retirement
 *   unless `contributing` is false);
 * - the account: each month's contribution = 8% × base, where the base grows by `baseGrowth` each
 *   January (default: wageGrowth); interest is credited at the end of each calendar year (and at
 *   retirement for the last part-year) at that year's 记账利率 — the published rate for years that
 *   have one (2016–2024 Medium, 2025 Low), else the assumption `futureCreditRate` (default 2%,
 *   Low). Convention (Low, stated): within a year, the opening balance earns r × (months covered ÷
 *   12) and a contribution paid at the end of month m earns r × (months left in the period after m
 *   ÷ 12), simple interest; the official 月积数 method gives the same result for level monthly
 *   contributions up to rounding.
 * - 计发月数: the table value at integer ages; for a non-integer age (the reform creates 60岁3个月)
 *   linear interpolation between the two integer ages (Low: china-rules §3.2 open question; one
 *   public engine does the same, 60.25 → 137.25). Override with `payoutMonths`.
 * - Retirement month: the statutory month for the birth month and category (retirement-age
 *   calculator) shifted by `flexibleMonths`, or `retirementMonth` if given.
 * Money is not rounded inside; outputs are rounded half-up to the fen.
 */
import { z } from 'zod';
import { Dec, ONE, ZERO, compound, toMoneyString } from '../../domain/money.js';
import { addMonths, monthIndex, monthsBetween, yearOf } from '../../domain/month.js';
import type { PayoutMonthsTable } from '../rules/pension.js';
import { pensionCreditRateOf } from '../rules/ruleset.js';
import type { RetirementCategory } from '../rules/retirement-age.js';
import {
  decimalField,
  intField,
  moneyField,
  numberString,
  rateString,
  resolveRules,
  ruleDateField,
  usedRules,
  yearMonthField,
  type UsedRules,
} from './common.js';
import { ageAt, minimumContributionYears, statutoryRetirement } from './retirement-age.js';

/** 计发月数 for an age in years (decimal), interpolated linearly between integer ages. */
export function payoutMonthsFor(
  ageYears: Dec,
  table: PayoutMonthsTable,
): { months: Dec; interpolated: boolean; clampedAge: boolean } {
  const ages = Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
  const minAge = ages[0] as number;
  const maxAge = ages[ages.length - 1] as number;
  let a = ageYears;
  let clampedAge = false;
  if (a.lt(minAge)) {
    a = new Dec(minAge);
    clampedAge = true;
  }
  if (a.gt(maxAge)) {
    a = new Dec(maxAge);
    clampedAge = true;
  }
  const lo = a.floor().toNumber();
  const frac = a.minus(lo);
  const mLo = new Dec(table[lo] ?? 0);
  if (frac.isZero()) return { months: mLo, interpolated: false, clampedAge };
  const mHi = new Dec(table[lo + 1] ?? table[lo] ?? 0);
  return { months: mLo.plus(mHi.minus(mLo).times(frac)), interpolated: true, clampedAge };
}

export interface AccountYear {
  year: number;
  rate: Dec;
  rateSource: 'published' | 'assumption';
  months: number;
  contributions: Dec;
  interest: Dec;
  closingBalance: Dec;
}

/**
 * Project the 个人账户 from `fromMonth` (balance at its start) to the start of `toMonth`.
 */
export function projectPensionAccount(p: {
  balance: Dec;
  fromMonth: string;
  toMonth: string;
  monthlyBase: Dec;
  baseGrowth: Dec;
  contributionRate: Dec;
  contributing: boolean;
  futureCreditRate: Dec;
  publishedRate?: (year: number) => Dec | undefined;
}): AccountYear[] {
  const years: AccountYear[] = [];
  let balance = p.balance;
  const start = monthIndex(p.fromMonth);
  const end = monthIndex(p.toMonth); // exclusive
  if (end <= start) return years;
  const y0 = yearOf(p.fromMonth);
  for (let year = y0; year * 12 < end; year++) {
    const first = Math.max(start, year * 12);
    const last = Math.min(end - 1, year * 12 + 11);
    if (last < first) continue;
    const months = last - first + 1;
    const published = p.publishedRate?.(year);
    const rate = published ?? p.futureCreditRate;
    const base = p.monthlyBase.times(compound(p.baseGrowth, year - y0));
    const monthly = p.contributing ? base.times(p.contributionRate) : ZERO;
    const contributions = monthly.times(months);
    // Opening balance: r × months/12; contribution at the end of month m: r × (last − m)/12.
    // Σ_{m=first}^{last} (last − m) = months × (months − 1) / 2.
    const interest = balance
      .times(rate)
      .times(months)
      .div(12)
      .plus(
        monthly
          .times(rate)
          .times(months * (months - 1))
          .div(24),
      );
    balance = balance.plus(contributions).plus(interest);
    years.push({
      year,
      rate,
      rateSource: published ? 'published' : 'assumption',
      months,
      contributions,
      interest,
      closingBalance: balance,
    });
  }
  return years;
}

// ---------------------------------------------------------------------------------------------
// Calculator

export const pensionInputSchema = z
  .strictObject({
    birthMonth: yearMonthField().describe('出生年月 YYYY-MM'),
    category: z
      .enum(['male60', 'female55', 'female50'])
      .describe('退休类别：male60 男 / female55 原55岁女职工 / female50 原50岁女职工'),
    date: ruleDateField(),
    contributionYears: decimalField(0, 60).describe('截至估值月已累计缴费年限（年，可含小数）'),
    accountBalance: moneyField().describe('基本养老保险个人账户储存额（元）'),
    currentBase: moneyField().describe('当前月缴费基数（元/月）'),
    averageIndex: decimalField(0.6, 3).describe('本人平均缴费指数 I（倍数，0.6–3.0）'),
    computationBase: decimalField(1, 1_000_000).describe(
      '计发基数 C：估值时全省上年度在岗职工月平均工资（元/月）；规则中没有全国缺省值，必须填写',
    ),
    wageGrowth: decimalField(-0.1, 0.2)
      .optional()
      .describe('计发基数（社平工资）年增长率（小数），缺省按假设 3%'),
    baseGrowth: decimalField(-0.1, 0.2)
      .optional()
      .describe('本人缴费基数年增长率（小数），缺省同 wageGrowth'),
    futureCreditRate: decimalField(-0.05, 0.2)
      .optional()
      .describe('未公布年份的个人账户记账利率（年利率小数），缺省按假设 2%'),
    contributing: z.boolean().optional().describe('退休前是否继续缴费（缺省 true）'),
    flexibleMonths: intField(-36, 36)
      .optional()
      .describe('弹性退休：相对法定退休月份提前（负）或延后（正）的月数'),
    retirementMonth: yearMonthField().optional().describe('指定退休年月（代替法定退休年月）'),
    payoutMonths: decimalField(1, 400).optional().describe('指定计发月数（月，代替按年龄查表/插值）'),
  })
  .describe('城镇职工基本养老金测算');

export type PensionInput = z.input<typeof pensionInputSchema>;

export interface PensionOutput {
  valuationMonth: string;
  retirementMonth: string;
  retirementAge: { years: number; months: number };
  alreadyRetired: boolean;
  contributionYearsAtRetirement: string;
  minimumContributionYears: string;
  eligible: boolean;
  computationBaseAtRetirement: string;
  basicPension: string;
  accountBalanceAtRetirement: string;
  payoutMonths: string;
  payoutMonthsMethod: 'table' | 'interpolated' | 'input' | 'clamped';
  accountPension: string;
  monthlyPension: string;
  accountProjection: {
    year: number;
    rate: string;
    rateSource: 'published' | 'assumption';
    months: number;
    contributions: string;
    interest: string;
    closingBalance: string;
  }[];
  warnings: string[];
  used: UsedRules & {
    accrualPerYear: string;
    personalAccountRate: string;
    wageGrowth: string;
    baseGrowth: string;
    futureCreditRate: string;
    averageIndex: string;
    computationBase: string;
    formula: string;
  };
}

export function runPension(input: z.output<typeof pensionInputSchema>): PensionOutput {
  const ctx = resolveRules(input.date);
  const { rules, month: valuationMonth } = ctx;
  const warnings: string[] = [];
  const a = rules.assumptions;
  const wageGrowth = input.wageGrowth ?? new Dec(a.averageWageGrowth.value);
  const baseGrowth = input.baseGrowth ?? wageGrowth;
  const futureCreditRate = input.futureCreditRate ?? new Dec(a.pensionAccountCreditRate.value);
  const category = input.category as RetirementCategory;
  const statutory = statutoryRetirement(input.birthMonth, category, rules.retirementAge.reform?.value);
  const retirementMonth =
    input.retirementMonth ?? addMonths(statutory.statutoryMonth, input.flexibleMonths ?? 0);
  const alreadyRetired = monthsBetween(valuationMonth, retirementMonth) <= 0;
  if (alreadyRetired) warnings.push('ALREADY_RETIRED');
  const contributing = input.contributing ?? true;
  const monthsLeft = Math.max(0, monthsBetween(valuationMonth, retirementMonth));
  const years = input.contributionYears.plus(contributing ? new Dec(monthsLeft).div(12) : ZERO);
  const minYears = minimumContributionYears(
    yearOf(retirementMonth),
    rules.retirementAge.minimumContributionYears?.value,
  );
  if (years.lt(minYears)) warnings.push('BELOW_MINIMUM_CONTRIBUTION_YEARS');

  const accountRate = new Dec(rules.pension.personalAccountRate.value);
  const projection = projectPensionAccount({
    balance: input.accountBalance,
    fromMonth: valuationMonth,
    toMonth: retirementMonth,
    monthlyBase: input.currentBase,
    baseGrowth,
    contributionRate: accountRate,
    contributing,
    futureCreditRate,
    publishedRate: (y) => {
      const e = pensionCreditRateOf(y);
      return e ? new Dec(e.value) : undefined;
    },
  });
  const balanceAtRetirement = projection.length
    ? (projection[projection.length - 1] as AccountYear).closingBalance
    : input.accountBalance;

  const cR = input.computationBase.times(
    ONE.plus(wageGrowth).pow(Math.max(0, yearOf(retirementMonth) - yearOf(valuationMonth))),
  );
  const accrual = new Dec(rules.pension.accrualPerYear.value);
  const basic = cR.times(ONE.plus(input.averageIndex)).div(2).times(years).times(accrual);

  const ageMonths = monthsBetween(input.birthMonth, retirementMonth);
  let payout: Dec;
  let method: PensionOutput['payoutMonthsMethod'];
  if (input.payoutMonths) {
    payout = input.payoutMonths;
    method = 'input';
  } else {
    const p = payoutMonthsFor(new Dec(ageMonths).div(12), rules.pension.payoutMonths.value);
    payout = p.months;
    method = p.clampedAge ? 'clamped' : p.interpolated ? 'interpolated' : 'table';
    if (p.clampedAge) warnings.push('PAYOUT_AGE_OUTSIDE_TABLE');
    if (p.interpolated) warnings.push('PAYOUT_MONTHS_INTERPOLATED');
  }
  const accountPension = balanceAtRetirement.div(payout);
  const usedPublished = projection.some((y) => y.rateSource === 'published');
  return {
    valuationMonth,
    retirementMonth,
    retirementAge: ageAt(input.birthMonth, retirementMonth),
    alreadyRetired,
    contributionYearsAtRetirement: numberString(years, 4),
    minimumContributionYears: numberString(minYears),
    eligible: years.gte(minYears),
    computationBaseAtRetirement: toMoneyString(cR),
    basicPension: toMoneyString(basic),
    accountBalanceAtRetirement: toMoneyString(balanceAtRetirement),
    payoutMonths: numberString(payout, 4),
    payoutMonthsMethod: method,
    accountPension: toMoneyString(accountPension),
    monthlyPension: toMoneyString(basic.plus(accountPension)),
    accountProjection: projection.map((y) => ({
      year: y.year,
      rate: rateString(y.rate),
      rateSource: y.rateSource,
      months: y.months,
      contributions: toMoneyString(y.contributions),
      interest: toMoneyString(y.interest),
      closingBalance: toMoneyString(y.closingBalance),
    })),
    warnings,
    used: {
      ...usedRules(ctx, [
        rules.pension.accrualPerYear,
        rules.pension.personalAccountRate,
        method === 'input' ? undefined : rules.pension.payoutMonths,
        rules.retirementAge.reform,
        rules.retirementAge.minimumContributionYears,
        usedPublished ? { source: '个人账户记账利率 2016–2025 [S18]', certainty: 'medium' } : undefined,
        input.wageGrowth === undefined ? a.averageWageGrowth : undefined,
        input.futureCreditRate === undefined ? a.pensionAccountCreditRate : undefined,
      ]),
      accrualPerYear: rules.pension.accrualPerYear.value,
      personalAccountRate: rules.pension.personalAccountRate.value,
      wageGrowth: rateString(wageGrowth),
      baseGrowth: rateString(baseGrowth),
      futureCreditRate: rateString(futureCreditRate),
      averageIndex: rateString(input.averageIndex),
      computationBase: toMoneyString(input.computationBase),
      formula: '月养老金 = C_R × (1 + I) ÷ 2 × N × 1% + 个人账户储存额 ÷ 计发月数',
    },
  };
}
