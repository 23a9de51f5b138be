/**
 * social-insurance — 五险一金（个人缴纳部分）: employee contributions per item and the housing fund.
 *
 * - Base: the SI base (given, or the monthly wage) clamped to the city's floor and cap in force on
 *   `date` (china-rules.md §2; city tables are Medium/Low and exist only for some periods). Given
 *   `baseFloor`/`baseCap` inputs override the table. With neither, the base is NOT clamped and the
 *   output says so (`clamp.applied = false` with a reason). Past the last listed period of a city,
 *   the latest floor/cap is carried forward and flagged.
 * - Items: 养老 8%, 医疗 2%, 失业 0.5% of the base (rates default to the rules in force); each item
 *   is rounded half-up to the fen with decimal arithmetic (35,811 × 0.5% = 179.055 → 179.06).
 *   Beijing adds 大额医疗互助 3 元/月 (Medium).
 * - 住房公积金: housing-fund base (given, else the SI base before clamping) clamped to the HF cap when
 *   one is known (given, or the city entry's — Beijing's equals its SI cap), × rate (default: the
 *   planning assumption 12%, Low; statutory range 5%–12%), rounded half-up to the fen.
 *   Some funds round to the 元; this calculator keeps the fen.
 * - Annual totals = monthly × 12.
 */
import { z } from 'zod';
import { Dec, ZERO, compare, roundFen, sum, toMoneyString } from '../../domain/money.js';
import { cityCodeOf, type CityCode, type SiBase } from '../rules/social-insurance.js';
import type { InForce } from '../rules/ruleset.js';
import {
  decimalField,
  moneyField,
  noAnswer,
  rateString,
  requireField,
  resolveRules,
  ruleDateField,
  usedRules,
  type UsedRules,
} from './common.js';

export interface SocialInsuranceInput {
  /** The unclamped base (the prior-year average monthly wage). */
  base: Dec;
  floor?: Dec;
  cap?: Dec;
  rates: { pension: Dec; medical: Dec; unemployment: Dec };
  /** 元 per month added to medical (Beijing 大额互助). */
  medicalSupplement?: Dec;
  housingFundBase?: Dec;
  housingFundCap?: Dec;
  housingFundRate: Dec;
}

export interface SocialInsuranceResult {
  base: Dec;
  clamped: 'floor' | 'cap' | 'none';
  pension: Dec;
  medical: Dec;
  medicalSupplement: Dec;
  unemployment: Dec;
  socialInsuranceTotal: Dec;
  housingFundBase: Dec;
  housingFund: Dec;
  total: Dec;
}

/** Monthly employee contributions; pure, all values already resolved. */
export function employeeContributions(i: SocialInsuranceInput): SocialInsuranceResult {
  let base = i.base;
  let clamped: SocialInsuranceResult['clamped'] = 'none';
  if (i.floor && compare(base, i.floor) < 0) {
    base = i.floor;
    clamped = 'floor';
  }
  if (i.cap && compare(base, i.cap) > 0) {
    base = i.cap;
    clamped = 'cap';
  }
  const pension = roundFen(base.times(i.rates.pension));
  const medical = roundFen(base.times(i.rates.medical));
  const unemployment = roundFen(base.times(i.rates.unemployment));
  const medicalSupplement = i.medicalSupplement ?? ZERO;
  let hfBase = i.housingFundBase ?? i.base;
  if (i.housingFundCap && compare(hfBase, i.housingFundCap) > 0) hfBase = i.housingFundCap;
  const housingFund = roundFen(hfBase.times(i.housingFundRate));
  const si = sum([pension, medical, medicalSupplement, unemployment]);
  return {
    base,
    clamped,
    pension,
    medical,
    medicalSupplement,
    unemployment,
    socialInsuranceTotal: si,
    housingFundBase: hfBase,
    housingFund,
    total: si.plus(housingFund),
  };
}

// ---------------------------------------------------------------------------------------------
// Calculator

export const socialInsuranceInputSchema = z
  .strictObject({
    monthlyWage: moneyField().optional().describe('上年度月平均工资（元/月），作为缴费基数的依据'),
    base: moneyField().optional().describe('社保缴费基数（元/月）；填写时代替月工资（仍按上下限调整）'),
    city: z.string().max(40).optional().describe('城市，如"北京"、"上海"、"深圳"；决定缴费基数上下限'),
    date: ruleDateField(),
    baseFloor: moneyField().optional().describe('缴费基数下限（元/月）；填写时代替城市规则'),
    baseCap: moneyField().optional().describe('缴费基数上限（元/月）；填写时代替城市规则'),
    pensionRate: decimalField(0, 0.2).optional().describe('个人养老保险费率（小数，如 0.08），缺省按规则 8%'),
    medicalRate: decimalField(0, 0.1).optional().describe('个人医疗保险费率（小数，如 0.02），缺省按规则 2%'),
    unemploymentRate: decimalField(0, 0.05)
      .optional()
      .describe('个人失业保险费率（小数，如 0.005），缺省按规则 0.5%'),
    housingFundRate: decimalField(0, 0.12)
      .optional()
      .describe('住房公积金个人缴存比例（小数 0.05–0.12），缺省 0.12（假设）'),
    housingFundBase: moneyField().optional().describe('公积金缴存基数（元/月），缺省同月工资/社保基数'),
    housingFundBaseCap: moneyField()
      .optional()
      .describe('公积金缴存基数上限（元/月）；缺省按城市规则（如有）'),
  })
  .superRefine((v, ctx) => {
    if (v.monthlyWage === undefined && v.base === undefined) requireField(ctx, ['monthlyWage']);
  })
  .describe('五险一金个人缴费计算器');

export type SocialInsuranceCalcInput = z.input<typeof socialInsuranceInputSchema>;

export interface SocialInsuranceOutput {
  city: CityCode | null;
  rawBase: string;
  base: string;
  clamp: {
    applied: boolean;
    /** Which bound was applied: floor, cap or none (within bounds). */
    bound: 'floor' | 'cap' | 'none';
    floor: string | null;
    cap: string | null;
    /** Where the floor/cap came from: input, rules, or why there is none. */
    source: 'input' | 'rules' | 'none';
    reason?: 'city_unknown' | 'no_city' | 'no_base_for_date';
    carriedForward: boolean;
    period?: { from: string; to: string | null };
  };
  monthly: {
    pension: string;
    medical: string;
    medicalSupplement: string;
    unemployment: string;
    socialInsuranceTotal: string;
    housingFundBase: string;
    housingFund: string;
    total: string;
  };
  annual: { socialInsuranceTotal: string; housingFund: string; total: string };
  warnings: string[];
  used: UsedRules & {
    pensionRate: string;
    medicalRate: string;
    unemploymentRate: string;
    housingFundRate: string;
    housingFundRateRange: { min: string; max: string };
    rounding: string;
  };
}

export function runSocialInsurance(
  input: z.output<typeof socialInsuranceInputSchema>,
): SocialInsuranceOutput {
  const ctx = resolveRules(input.date);
  const { rules } = ctx;
  const warnings: string[] = [];
  const rawBase = input.base ?? input.monthlyWage;
  if (!rawBase) throw noAnswer('monthlyWage', '月工资或缴费基数至少填写一项');
  const city = input.city !== undefined ? cityCodeOf(input.city) : undefined;
  if (input.city !== undefined && !city) warnings.push('CITY_NOT_IN_RULES');
  const sources: Parameters<typeof usedRules>[1][number][] = [rules.socialInsurance.employeeRates];

  let floor = input.baseFloor;
  let cap = input.baseCap;
  let source: SocialInsuranceOutput['clamp']['source'] = floor || cap ? 'input' : 'none';
  let reason: SocialInsuranceOutput['clamp']['reason'];
  let carried = false;
  let period: SocialInsuranceOutput['clamp']['period'];
  let entry: InForce<SiBase> | undefined;
  if (city) entry = rules.socialInsurance.bases[city];
  if (source === 'none') {
    if (entry) {
      floor = new Dec(entry.value.floor);
      cap = new Dec(entry.value.cap);
      source = 'rules';
      carried = entry.carriedForward;
      period = { from: entry.effectiveFrom, to: entry.effectiveTo ?? null };
      sources.push(entry);
      if (carried) warnings.push('BASE_CARRIED_FORWARD');
    } else {
      reason = input.city === undefined ? 'no_city' : city ? 'no_base_for_date' : 'city_unknown';
      warnings.push('BASE_NOT_CLAMPED');
    }
  }
  const rates = {
    pension: input.pensionRate ?? new Dec(rules.socialInsurance.employeeRates.value.pension),
    medical: input.medicalRate ?? new Dec(rules.socialInsurance.employeeRates.value.medical),
    unemployment: input.unemploymentRate ?? new Dec(rules.socialInsurance.employeeRates.value.unemployment),
  };
  const hfRange = rules.socialInsurance.housingFundRateRange;
  const hfRate = input.housingFundRate ?? new Dec(rules.assumptions.housingFundRateDefault.value);
  if (input.housingFundRate === undefined) sources.push(rules.assumptions.housingFundRateDefault);
  if (hfRate.gt(0) && (hfRate.lt(hfRange.value.min) || hfRate.gt(hfRange.value.max)))
    warnings.push('HOUSING_FUND_RATE_OUTSIDE_RANGE');
  sources.push(hfRange);
  let supplement: Dec | undefined;
  if (city === 'beijing') {
    supplement = new Dec(rules.socialInsurance.beijingMedicalSupplement.value);
    sources.push(rules.socialInsurance.beijingMedicalSupplement);
  }
  const hfCap =
    input.housingFundBaseCap ??
    (source === 'rules' && entry?.value.housingFundCap ? new Dec(entry.value.housingFundCap) : undefined);
  const r = employeeContributions({
    base: rawBase,
    ...(floor ? { floor } : {}),
    ...(cap ? { cap } : {}),
    rates,
    ...(supplement ? { medicalSupplement: supplement } : {}),
    housingFundBase: input.housingFundBase ?? rawBase,
    ...(hfCap ? { housingFundCap: hfCap } : {}),
    housingFundRate: hfRate,
  });
  return {
    city: city ?? null,
    rawBase: toMoneyString(rawBase),
    base: toMoneyString(r.base),
    clamp: {
      applied: source !== 'none',
      bound: r.clamped,
      floor: floor ? toMoneyString(floor) : null,
      cap: cap ? toMoneyString(cap) : null,
      source,
      ...(reason ? { reason } : {}),
      carriedForward: carried,
      ...(period ? { period } : {}),
    },
    monthly: {
      pension: toMoneyString(r.pension),
      medical: toMoneyString(r.medical),
      medicalSupplement: toMoneyString(r.medicalSupplement),
      unemployment: toMoneyString(r.unemployment),
      socialInsuranceTotal: toMoneyString(r.socialInsuranceTotal),
      housingFundBase: toMoneyString(r.housingFundBase),
      housingFund: toMoneyString(r.housingFund),
      total: toMoneyString(r.total),
    },
    annual: {
      socialInsuranceTotal: toMoneyString(r.socialInsuranceTotal.times(12)),
      housingFund: toMoneyString(r.housingFund.times(12)),
      total: toMoneyString(r.total.times(12)),
    },
    warnings,
    used: {
      ...usedRules(ctx, sources),
      pensionRate: rateString(rates.pension),
      medicalRate: rateString(rates.medical),
      unemploymentRate: rateString(rates.unemployment),
      housingFundRate: rateString(hfRate),
      housingFundRateRange: hfRange.value,
      rounding: '每项 = 基数 × 费率，按十进制计算后四舍五入到分',
    },
  };
}
