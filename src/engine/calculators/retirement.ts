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
 * Defaults: inflation 2.0%, pension adjustment 2%, returns as the C3 平衡 model (4.1%) before and
 * the C2 稳健 model (2.9%) after retirement (Low). Money rounded to the fen at output.
 */
import { z } from 'zod';
import { Dec, ONE, ZERO, toMoneyString } from '../../domain/money.js';
import {
  decimalField,
  intField,
  moneyField,
  rateString,
  resolveRules,
  ruleDateField,
  usedRules,
  type UsedRules,
} from './common.js';
import { monthlySavingFor } from './education.js';
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
    currentAge: intField(0, 110).describe('当前年龄（岁）'),
    retirementAge: intField(30, 90).describe('退休年龄（岁）'),
    lifeExpectancy: intField(40, 120).optional().describe('规划寿命（岁）；缺省按性别取假设（男 85、女 88）'),
    gender: z.enum(['male', 'female']).optional().describe('性别（仅用于缺省规划寿命），缺省 male'),
    annualSpendingToday: moneyField().describe('退休后每年生活支出（元，今日价格）'),
    inflation: decimalField(-0.05, 0.2).optional().describe('通货膨胀率，缺省 2.0%'),
    returnBeforeRetirement: decimalField(-0.5, 0.5)
      .optional()
      .describe('退休前投资年收益率，缺省 4.1%（C3 平衡）'),
    returnAfterRetirement: decimalField(-0.5, 0.5)
      .optional()
      .describe('退休后投资年收益率，缺省 2.9%（C2 稳健）'),
    monthlyPensionAtRetirement: moneyField()
      .optional()
      .describe('退休时每月基本养老金等（元，名义），缺省 0'),
    pensionGrowth: decimalField(-0.1, 0.2).optional().describe('养老金年调整率，缺省 2%'),
    currentAssets: moneyField().optional().describe('目前已为退休准备的资产（元），缺省 0'),
    date: ruleDateField(),
  })
  .describe('退休资金需求测算');

export type RetirementInput = z.input<typeof retirementInputSchema>;

export interface RetirementOutput {
  yearsToRetirement: number;
  yearsInRetirement: number;
  lifeExpectancy: number;
  spendingAtRetirement: string;
  realRate: string;
  needAtRetirement: string;
  needAtRetirementNominalMethod: string;
  /** needAtRetirement − needAtRetirementNominalMethod: what ignoring post-retirement inflation misses. */
  nominalMethodShortfall: string;
  pensionPresentValue: string;
  assetsAtRetirement: string;
  /** Positive: still needed at retirement; negative: surplus. */
  gap: string;
  monthlySaving: string | null;
  warnings: string[];
  used: UsedRules & {
    inflation: string;
    returnBeforeRetirement: string;
    returnAfterRetirement: string;
    pensionGrowth: string;
    timing: string;
    monthlyRate: 'annual/12';
  };
}

export function runRetirement(input: z.output<typeof retirementInputSchema>): RetirementOutput {
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
  const yearsTo = Math.max(0, input.retirementAge - input.currentAge);
  if (input.retirementAge < input.currentAge) warnings.push('ALREADY_RETIRED');
  const start = Math.max(input.retirementAge, input.currentAge);
  const yearsIn = Math.max(0, life - start);
  if (yearsIn === 0) warnings.push('NO_YEARS_IN_RETIREMENT');
  const r = retirementNeed({
    annualSpendingToday: input.annualSpendingToday,
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
