/**
 * retirement — 退休规划: the fund needed at retirement, what the pension and today's assets cover,
 * the gap and the monthly saving that closes it.
 *
 * With n = years to retirement, T = years in retirement (to the planning life expectancy),
 * S = annual retirement spending in today's money, i = inflation, r_b / r_a = nominal returns
 * before / after retirement:
 * - spending in the first retirement year (nominal): S_R = S × (1 + i)^n;
 * - need at retirement, REAL method (the one used for the gap): spending rises with inflation and
 *   is paid at the START of each retirement year (annuity due), discounted at the real rate
 *   ρ = (1 + r_a)/(1 + i) − 1:  Need = S_R × Σ_{t=0}^{T−1} (1 + ρ)^{−t}.
 *   (Identical to the growing-annuity-due formula at r_a with growth i; r_a = i gives T × S_R.)
 * - NOMINAL method, shown side by side: level payments S_R (no inflation after retirement)
 *   discounted at r_a, annuity due. It understates the need when i > 0; shown because many
 *   textbook examples use it.
 * - pension: monthly pension P at retirement (nominal), paid 12 × P a year at the start of each
 *   year, growing by the pension adjustment rate, PV at retirement as a growing annuity due at r_a;
 * - assets: today's retirement assets A grown at r_b: A × (1 + r_b)^n;
 * - gap = Need − pension PV − assets at retirement (negative = surplus);
 * - monthly saving closing a positive gap: end of month, i_m = r_b / 12, over 12n months:
 *   gap × i_m / ((1 + i_m)^{12n} − 1)  (gap / 12n at r_b = 0); none when n = 0.
 * - the same gap as a level YEAR-END saving (annual compounding at r_b, n deposits):
 *   gap × r_b / ((1 + r_b)^n − 1), and as one lump sum today: gap / (1 + r_b)^n.
 * Plain total-cost mode: give `needAtRetirement` (the fund needed at retirement, nominal 元) and
 * the years to retirement (`yearsToRetirement`, or `currentAge` and `retirementAge`); then no
 * spending, inflation, life expectancy or pension is used (they are rejected if given) and the gap
 * is needAtRetirement − assets at retirement; the fields of the spending method are null.
 * Defaults: inflation 2.0%, pension adjustment 2%, returns as the C3 平衡 model (4.1%) before and
 * the C2 稳健 model (2.9%) after retirement (Low). Money rounded to the fen at output.
 */
import { z } from 'zod';
import { Dec, ONE, ZERO, toMoneyString } from '../../domain/money.js';
import {
  conflictingFields,
  decimalField,
  intField,
  moneyField,
  rateString,
  resolveRules,
  requireField,
  ruleDateField,
  usedRules,
  type UsedRules,
} from './common.js';
import { annualSavingFor, lumpSumFor, monthlySavingFor } from './savings.js';
import { growingAnnuityPv, pvOf, realRate } from './tvm.js';

export interface RetirementNeedInput {
  annualSpendingToday: Dec;
  yearsToRetirement: number;
  yearsInRetirement: number;
  inflation: Dec;
  returnBefore: Dec;
  returnAfter: Dec;
  monthlyPensionAtRetirement: Dec;
  pensionGrowth: Dec;
  currentAssets: Dec;
}

export interface RetirementNeedResult {
  spendingAtRetirement: Dec;
  realRate: Dec;
  needReal: Dec;
  needNominal: Dec;
  pensionPv: Dec;
  assetsAtRetirement: Dec;
  gap: Dec;
  monthlySaving: Dec | undefined;
}

export function retirementNeed(p: RetirementNeedInput): RetirementNeedResult {
  const sR = p.annualSpendingToday.times(ONE.plus(p.inflation).pow(p.yearsToRetirement));
  const rho = realRate(p.returnAfter, p.inflation);
  const T = new Dec(p.yearsInRetirement);
  // Annuity due of 1 per year at ρ, T payments: −pvOf(ρ, T, 1, 0, begin).
  const needReal = pvOf(rho, T, sR, ZERO, 'begin').neg();
  const needNominal = pvOf(p.returnAfter, T, sR, ZERO, 'begin').neg();
  const pensionPv = growingAnnuityPv(
    p.monthlyPensionAtRetirement.times(12),
    p.returnAfter,
    p.pensionGrowth,
    T,
    'begin',
  );
  const assets = p.currentAssets.times(ONE.plus(p.returnBefore).pow(p.yearsToRetirement));
  const gap = needReal.minus(pensionPv).minus(assets);
  const saving = gap.gt(0) ? monthlySavingFor(gap, p.returnBefore, p.yearsToRetirement * 12) : ZERO;
  return {
    spendingAtRetirement: sR,
    realRate: rho,
    needReal,
    needNominal,
    pensionPv,
    assetsAtRetirement: assets,
    gap,
    monthlySaving: saving,
  };
}

// ---------------------------------------------------------------------------------------------
// Calculator

export const retirementInputSchema = z
  .strictObject({
    currentAge: intField(0, 110)
      .optional()
      .describe('当前年龄（岁）；按支出测算时必填，总额模式可改填 yearsToRetirement'),
    retirementAge: intField(30, 90)
      .optional()
      .describe('退休年龄（岁）；按支出测算时必填，总额模式可改填 yearsToRetirement'),
    yearsToRetirement: intField(0, 80)
      .optional()
      .describe('距退休年数（年）；仅总额模式（needAtRetirement），代替 currentAge 与 retirementAge'),
    needAtRetirement: moneyField()
      .optional()
      .describe('总额模式：退休时需要的资金总额（元，退休时名义金额）；填写时不再按支出、通胀与养老金测算'),
    lifeExpectancy: intField(40, 120).optional().describe('规划寿命（岁）；缺省按性别取假设（男 85、女 88）'),
    gender: z.enum(['male', 'female']).optional().describe('性别（仅用于缺省规划寿命），缺省 male'),
    annualSpendingToday: moneyField()
      .optional()
      .describe('退休后每年生活支出（元/年，今日价格）；与 needAtRetirement 二选一'),
    inflation: decimalField(-0.05, 0.2).optional().describe('通货膨胀率（年，小数），缺省 2.0%'),
    returnBeforeRetirement: decimalField(-0.5, 0.5)
      .optional()
      .describe('退休前投资年收益率（年利率小数），缺省 4.1%（C3 平衡）'),
    returnAfterRetirement: decimalField(-0.5, 0.5)
      .optional()
      .describe('退休后投资年收益率（年利率小数），缺省 2.9%（C2 稳健）'),
    monthlyPensionAtRetirement: moneyField()
      .optional()
      .describe('退休时每月基本养老金等（元/月，退休时名义金额），缺省 0'),
    pensionGrowth: decimalField(-0.1, 0.2).optional().describe('养老金年调整率（小数），缺省 2%'),
    currentAssets: moneyField().optional().describe('目前已为退休准备的资产（元），缺省 0'),
    date: ruleDateField(),
  })
  .superRefine((v, ctx) => {
    if (v.needAtRetirement === undefined) {
      if (v.annualSpendingToday === undefined) requireField(ctx, ['annualSpendingToday']);
      if (v.currentAge === undefined) requireField(ctx, ['currentAge']);
      if (v.retirementAge === undefined) requireField(ctx, ['retirementAge']);
    } else if (v.yearsToRetirement === undefined) {
      if (v.currentAge === undefined) requireField(ctx, ['currentAge']);
      if (v.retirementAge === undefined) requireField(ctx, ['retirementAge']);
    }
  })
  .describe('退休资金需求测算');

export type RetirementInput = z.input<typeof retirementInputSchema>;

export interface RetirementOutput {
  /** spending: need from the spending, inflation and pension; total: need as given. */
  mode: 'spending' | 'total';
  yearsToRetirement: number;
  /** This and the fields to pensionPresentValue are null in total mode. */
  yearsInRetirement: number | null;
  lifeExpectancy: number | null;
  spendingAtRetirement: string | null;
  realRate: string | null;
  needAtRetirement: string;
  needAtRetirementNominalMethod: string | null;
  /** needAtRetirement − needAtRetirementNominalMethod: what ignoring post-retirement inflation misses. */
  nominalMethodShortfall: string | null;
  pensionPresentValue: string | null;
  assetsAtRetirement: string;
  /** Positive: still needed at retirement; negative: surplus. */
  gap: string;
  /** End of month at r_b/12 over 12n months; null when the gap is positive and n = 0. */
  monthlySaving: string | null;
  /** End of year at r_b over n years; as monthlySaving for null and 0.00. */
  annualSaving: string | null;
  /** max(0, gap) / (1 + r_b)^n, today. */
  lumpSumToday: string;
  warnings: string[];
  used: UsedRules & {
    inflation: string | null;
    returnBeforeRetirement: string;
    returnAfterRetirement: string | null;
    pensionGrowth: string | null;
    timing: string;
    monthlyRate: 'annual/12';
  };
}

export function runRetirement(input: z.output<typeof retirementInputSchema>): RetirementOutput {
  if (input.needAtRetirement !== undefined) return runRetirementTotal(input, input.needAtRetirement);
  if (input.yearsToRetirement !== undefined) throw conflictingFields('yearsToRetirement', 'currentAge');
  const ctx = resolveRules(input.date);
  const a = ctx.rules.assumptions;
  const sources: Parameters<typeof usedRules>[1][number][] = [];
  const warnings: string[] = [];
  const pick = (
    v: Dec | undefined,
    d: { value: string; source: string; certainty: 'high' | 'medium' | 'low' },
  ) => {
    if (v !== undefined) return v;
    sources.push(d);
    return new Dec(d.value);
  };
  const inflation = pick(input.inflation, a.inflation);
  const models = a.modelAllocations;
  const rb = input.returnBeforeRetirement ?? (sources.push(models), new Dec(models.value.C3.expectedReturn));
  const ra = input.returnAfterRetirement ?? (sources.push(models), new Dec(models.value.C2.expectedReturn));
  const pensionGrowth = pick(input.pensionGrowth, a.pensionGrowth);
  let life = input.lifeExpectancy;
  if (life === undefined) {
    sources.push(a.lifeExpectancy);
    life = input.gender === 'female' ? a.lifeExpectancy.value.female : a.lifeExpectancy.value.male;
  }
  const currentAge = input.currentAge ?? 0;
  const retirementAge = input.retirementAge ?? 0;
  const yearsTo = Math.max(0, retirementAge - currentAge);
  if (retirementAge < currentAge) warnings.push('ALREADY_RETIRED');
  const start = Math.max(retirementAge, currentAge);
  const yearsIn = Math.max(0, life - start);
  if (yearsIn === 0) warnings.push('NO_YEARS_IN_RETIREMENT');
  const r = retirementNeed({
    annualSpendingToday: input.annualSpendingToday ?? ZERO,
    yearsToRetirement: yearsTo,
    yearsInRetirement: yearsIn,
    inflation,
    returnBefore: rb,
    returnAfter: ra,
    monthlyPensionAtRetirement: input.monthlyPensionAtRetirement ?? ZERO,
    pensionGrowth,
    currentAssets: input.currentAssets ?? ZERO,
  });
  return {
    mode: 'spending',
    yearsToRetirement: yearsTo,
    yearsInRetirement: yearsIn,
    lifeExpectancy: life,
    spendingAtRetirement: toMoneyString(r.spendingAtRetirement),
    realRate: rateString(r.realRate),
    needAtRetirement: toMoneyString(r.needReal),
    needAtRetirementNominalMethod: toMoneyString(r.needNominal),
    nominalMethodShortfall: toMoneyString(r.needReal.minus(r.needNominal)),
    pensionPresentValue: toMoneyString(r.pensionPv),
    assetsAtRetirement: toMoneyString(r.assetsAtRetirement),
    gap: toMoneyString(r.gap),
    monthlySaving:
      r.gap.gt(0) && r.monthlySaving ? toMoneyString(r.monthlySaving) : r.gap.gt(0) ? null : '0.00',
    ...otherWays(r.gap, rb, yearsTo),
    warnings,
    used: {
      ...usedRules(ctx, sources),
      inflation: rateString(inflation),
      returnBeforeRetirement: rateString(rb),
      returnAfterRetirement: rateString(ra),
      pensionGrowth: rateString(pensionGrowth),
      timing: '退休后支出与养老金在每年年初（期初年金）；退休前储蓄在每月月末',
      monthlyRate: 'annual/12',
    },
  };
}

/** The gap as a year-end saving and as a lump sum today (at the pre-retirement return). */
function otherWays(
  gap: Dec,
  rate: Dec,
  years: number,
): { annualSaving: string | null; lumpSumToday: string } {
  const positive = Dec.max(ZERO, gap);
  const annual = gap.gt(0) ? annualSavingFor(gap, rate, years) : ZERO;
  return {
    annualSaving: annual ? toMoneyString(annual) : null,
    lumpSumToday: toMoneyString(lumpSumFor(positive, rate, years)),
  };
}

/** Plain total-cost mode: the need is given; only the assets and the pre-retirement return count. */
function runRetirementTotal(input: z.output<typeof retirementInputSchema>, need: Dec): RetirementOutput {
  const spendingSide = [
    'annualSpendingToday',
    'inflation',
    'returnAfterRetirement',
    'monthlyPensionAtRetirement',
    'pensionGrowth',
    'lifeExpectancy',
    'gender',
  ] as const;
  for (const key of spendingSide)
    if (input[key] !== undefined) throw conflictingFields(key, 'needAtRetirement');
  if (input.yearsToRetirement !== undefined && input.currentAge !== undefined)
    throw conflictingFields('yearsToRetirement', 'currentAge');
  const ctx = resolveRules(input.date);
  const models = ctx.rules.assumptions.modelAllocations;
  const sources: Parameters<typeof usedRules>[1][number][] = [];
  const rb = input.returnBeforeRetirement ?? (sources.push(models), new Dec(models.value.C3.expectedReturn));
  const warnings: string[] = [];
  let yearsTo = input.yearsToRetirement ?? 0;
  if (input.yearsToRetirement === undefined) {
    const currentAge = input.currentAge ?? 0;
    const retirementAge = input.retirementAge ?? 0;
    if (retirementAge < currentAge) warnings.push('ALREADY_RETIRED');
    yearsTo = Math.max(0, retirementAge - currentAge);
  }
  const assets = (input.currentAssets ?? ZERO).times(ONE.plus(rb).pow(yearsTo));
  const gap = need.minus(assets);
  const monthly = gap.gt(0) ? monthlySavingFor(gap, rb, yearsTo * 12) : ZERO;
  return {
    mode: 'total',
    yearsToRetirement: yearsTo,
    yearsInRetirement: null,
    lifeExpectancy: null,
    spendingAtRetirement: null,
    realRate: null,
    needAtRetirement: toMoneyString(need),
    needAtRetirementNominalMethod: null,
    nominalMethodShortfall: null,
    pensionPresentValue: null,
    assetsAtRetirement: toMoneyString(assets),
    gap: toMoneyString(gap),
    monthlySaving: monthly ? toMoneyString(monthly) : null,
    ...otherWays(gap, rb, yearsTo),
    warnings,
    used: {
      ...usedRules(ctx, sources),
      inflation: null,
      returnBeforeRetirement: rateString(rb),
      returnAfterRetirement: null,
      pensionGrowth: null,
      timing: '退休时所需资金按输入；退休前储蓄在每月月末（按月复利）或每年年末（按年复利）',
      monthlyRate: 'annual/12',
    },
  };
}
