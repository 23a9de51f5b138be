/**
 * savings — 储蓄目标: what it takes to have a target amount in n years, three ways: a level
 * monthly saving, a level year-end (annual) saving, or one lump sum today.
 *
 * Target at the goal date T: the amount given (nominal), or today's price K grown by inflation π:
 * T = K × (1 + π)^n. Existing savings E grow at the annual return r: E × (1 + r)^n. The gap
 * G = max(0, T − E × (1 + r)^n) is what the new saving has to reach:
 * - monthly, END of each month, monthly rate i = r / 12, 12n deposits:
 *     S_m = G × i / ((1 + i)^{12n} − 1)   (G / 12n at r = 0);
 * - year-end (annual), END of each year, annual compounding, n deposits:
 *     S_y = G × r / ((1 + r)^n − 1)   (G / n at r = 0);
 * - lump sum today, annual compounding: L = G / (1 + r)^n.
 * Each is exact under its own convention; they are not meant to be equal in present value (the
 * monthly plan compounds at (1 + r/12)^12 − 1 > r a year, and saves earlier within each year than
 * the year-end plan). For each, the total put in and the interest earned (G − total) are shown.
 * Defaults: r = the deposit-rate assumption (1.0%, Low–Medium) — a 储蓄 page is about deposits;
 * give `annualReturn` for an invested plan; π = the general inflation assumption (2.0%).
 * Money in decimal; outputs rounded half-up to the fen.
 */
import { z } from 'zod';
import { Dec, ONE, ZERO, toMoneyString } from '../../domain/money.js';
import {
  conflictingFields,
  decimalField,
  intField,
  isNegligibleRate,
  moneyField,
  rateString,
  requireField,
  resolveRules,
  ruleDateField,
  usedRules,
  type UsedRules,
} from './common.js';

/** End-of-month level saving reaching `target` in `months` months at monthly rate annual/12. */
export function monthlySavingFor(target: Dec, annualRate: Dec, months: number): Dec | undefined {
  if (months <= 0) return undefined;
  const i = annualRate.div(12);
  if (isNegligibleRate(i)) return target.div(months);
  return target.times(i).div(ONE.plus(i).pow(months).minus(1));
}

/** Level END-of-year saving reaching `target` in `years` years at annual rate r (annual compounding). */
export function annualSavingFor(target: Dec, annualRate: Dec, years: number): Dec | undefined {
  if (years <= 0) return undefined;
  if (isNegligibleRate(annualRate)) return target.div(years);
  return target.times(annualRate).div(ONE.plus(annualRate).pow(years).minus(1));
}

/** One sum today reaching `target` in `years` years at annual rate r (annual compounding). */
export function lumpSumFor(target: Dec, annualRate: Dec, years: number): Dec {
  return target.div(ONE.plus(annualRate).pow(years));
}

export interface SavingWays {
  /** END of month, r/12 a month; undefined when years = 0. */
  monthly: Dec | undefined;
  /** END of year, annual compounding; undefined when years = 0. */
  annual: Dec | undefined;
  /** Today, annual compounding. */
  lumpSum: Dec;
}

/** The three ways of reaching `target` in `years` whole years at annual return r. */
export function savingWays(target: Dec, annualRate: Dec, years: number): SavingWays {
  return {
    monthly: monthlySavingFor(target, annualRate, years * 12),
    annual: annualSavingFor(target, annualRate, years),
    lumpSum: lumpSumFor(target, annualRate, years),
  };
}

/** The three ways as output strings: null where a way does not exist (no time left). */
export function savingWaysOut(w: SavingWays): {
  monthlySaving: string | null;
  annualSaving: string | null;
  lumpSumToday: string;
} {
  return {
    monthlySaving: w.monthly ? toMoneyString(w.monthly) : null,
    annualSaving: w.annual ? toMoneyString(w.annual) : null,
    lumpSumToday: toMoneyString(w.lumpSum),
  };
}

// ---------------------------------------------------------------------------------------------
// Calculator

export const savingsInputSchema = z
  .strictObject({
    targetAmount: moneyField()
      .optional()
      .describe('到期需要的金额（元，到期时的名义金额）；与 targetAmountToday 二选一'),
    targetAmountToday: moneyField()
      .optional()
      .describe('按今日价格计的目标金额（元）；按 inflation 增长到到期日'),
    years: intField(1, 80).describe('距目标的年数（年，整数 1–80）'),
    annualReturn: decimalField(-0.1, 0.3)
      .optional()
      .describe('储蓄/投资年收益率（年利率小数，如 0.025 表示 2.5%）；缺省为存款利率假设 1.0%'),
    inflation: decimalField(-0.05, 0.2)
      .optional()
      .describe('通货膨胀率（年，小数），仅用于 targetAmountToday；缺省 2.0%'),
    existingSavings: moneyField()
      .optional()
      .describe('已有的储蓄（元，今日），按年收益率增长到到期日；缺省 0'),
    date: ruleDateField(),
  })
  .superRefine((v, ctx) => {
    if (v.targetAmount === undefined && v.targetAmountToday === undefined)
      requireField(ctx, ['targetAmount']);
  })
  .describe('储蓄目标：每月、每年末或今日一次性需存多少');

export type SavingsInput = z.input<typeof savingsInputSchema>;

interface WayOut {
  /** The deposit (元/月, 元/年 or 元 once). */
  amount: string;
  /** Total deposited (元). */
  totalDeposited: string;
  /** Gap − total deposited: what the return adds (元). */
  interestEarned: string;
}

export interface SavingsOutput {
  years: number;
  /** Nominal target at the goal date. */
  targetAtGoal: string;
  existingAtGoal: string;
  /** What new saving has to reach at the goal date (≥ 0). */
  gapAtGoal: string;
  monthly: WayOut & { months: number };
  annual: WayOut & { years: number };
  lumpSum: WayOut;
  warnings: string[];
  used: UsedRules & {
    annualReturn: string;
    inflation: string | null;
    timing: string;
    monthlyRate: 'annual/12';
  };
}

export function runSavings(input: z.output<typeof savingsInputSchema>): SavingsOutput {
  if (input.targetAmount !== undefined && input.targetAmountToday !== undefined)
    throw conflictingFields('targetAmountToday', 'targetAmount');
  if (input.targetAmount !== undefined && input.inflation !== undefined)
    throw conflictingFields('inflation', 'targetAmount');
  const ctx = resolveRules(input.date);
  const a = ctx.rules.assumptions;
  const sources: Parameters<typeof usedRules>[1][number][] = [];
  const r = input.annualReturn ?? (sources.push(a.depositRate), new Dec(a.depositRate.value));
  const n = input.years;
  let inflation: Dec | undefined;
  let target: Dec;
  if (input.targetAmountToday !== undefined) {
    inflation = input.inflation ?? (sources.push(a.inflation), new Dec(a.inflation.value));
    target = input.targetAmountToday.times(ONE.plus(inflation).pow(n));
  } else target = input.targetAmount ?? ZERO;
  const existing = (input.existingSavings ?? ZERO).times(ONE.plus(r).pow(n));
  const gap = Dec.max(ZERO, target.minus(existing));
  const warnings: string[] = [];
  if (gap.isZero()) warnings.push('TARGET_ALREADY_COVERED');
  const w = savingWays(gap, r, n);
  const way = (amount: Dec, count: number): WayOut => ({
    amount: toMoneyString(amount),
    totalDeposited: toMoneyString(amount.times(count)),
    interestEarned: toMoneyString(gap.minus(amount.times(count))),
  });
  return {
    years: n,
    targetAtGoal: toMoneyString(target),
    existingAtGoal: toMoneyString(existing),
    gapAtGoal: toMoneyString(gap),
    monthly: { ...way(w.monthly ?? ZERO, 12 * n), months: 12 * n },
    annual: { ...way(w.annual ?? ZERO, n), years: n },
    lumpSum: way(w.lumpSum, 1),
    warnings,
    used: {
      ...usedRules(ctx, sources),
      annualReturn: rateString(r),
      inflation: inflation ? rateString(inflation) : null,
      timing:
        '每月储蓄在月末存入（月利率 = 年利率 ÷ 12，按月复利）；每年储蓄在年末存入（按年复利）；一次性投入在今日（按年复利）',
      monthlyRate: 'annual/12',
    },
  };
}
