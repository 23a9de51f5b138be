/**
 * ratios — 家庭财务比率 (china-rules.md §5; Medium, CHFP/AFP textbook usage).
 *
 * Each ratio: code, Chinese name and formula, value to 4 places (half-up) or null with a reason
 * when its denominator is zero or negative (never throws, never judged: a negative after-tax
 * income would otherwise give a "good" savings ratio of 1746% and a consumption ratio of −16), the reference range and a verdict from the bands in
 * the rule set ('good' | 'watch' | 'poor'; bands are [min, max)). Conventions made explicit:
 * - 净资产 = 总资产 − 负债总额 (derived, not an input), so 清偿比率 = 1 − 负债比率 exactly; the
 *   displayed 清偿比率 is 1 − (displayed 负债比率), so the two strings always sum to 1.0000;
 * - 结余 = 税后收入 − 总支出 (derived); 消费比率 = 总支出 ÷ 税后收入;
 * - 负债收入比率 uses after-tax income (the ≤ 0.4 line); 流动性比率 uses monthly total spending
 *   (default: annual spending ÷ 12) as its denominator;
 * - 保费负担率 uses gross annual income when given, else after-tax income (stated in `basis`).
 */
import { z } from 'zod';
import { Dec, ONE, toMoneyString } from '../../domain/money.js';
import type { RatioBand, RatioCode, Verdict } from '../rules/assumptions.js';
import {
  moneyField,
  ratio4,
  resolveRules,
  ruleDateField,
  signedMoneyField,
  usedRules,
  type UsedRules,
} from './common.js';

export interface RatioInputs {
  annualAfterTaxIncome: Dec;
  annualSpending: Dec;
  totalAssets: Dec;
  totalLiabilities: Dec;
  investmentAssets: Dec;
  liquidAssets: Dec;
  monthlySpending?: Dec;
  /** What monthlySpending measures, for the ratio's basis (default: as given). */
  monthlySpendingBasis?: string;
  annualDebtService: Dec;
  annualPassiveIncome: Dec;
  annualProtectionPremium: Dec;
  annualGrossIncome?: Dec;
}

export interface RatioValue {
  code: RatioCode;
  /** Exact value, or null with a reason. */
  value: Dec | null;
  reason?: RatioNullReason;
  basis?: string;
}

export type RatioNullReason =
  'zero_denominator' | 'negative_denominator' | 'net_assets_not_positive' | 'no_liabilities';

/** n ÷ d, or why not: a ratio over a zero or negative base has no meaning and gets no verdict. */
function div(n: Dec, d: Dec): { value: Dec | null; reason?: RatioNullReason } {
  if (d.isZero()) return { value: null, reason: 'zero_denominator' };
  if (d.isNeg()) return { value: null, reason: 'negative_denominator' };
  return { value: n.div(d) };
}

/** The exact ratios (unrounded). */
export function householdRatios(p: RatioInputs): RatioValue[] {
  const net = p.totalAssets.minus(p.totalLiabilities);
  const surplus = p.annualAfterTaxIncome.minus(p.annualSpending);
  const monthly = p.monthlySpending ?? p.annualSpending.div(12);
  const premiumBase = p.annualGrossIncome ?? p.annualAfterTaxIncome;
  const v = (
    code: RatioCode,
    q: { value: Dec | null; reason?: RatioNullReason },
    reason?: RatioNullReason,
    basis?: string,
  ): RatioValue => ({
    code,
    value: q.value,
    ...(q.value === null ? { reason: reason ?? q.reason ?? 'zero_denominator' } : {}),
    ...(basis ? { basis } : {}),
  });
  return [
    v('savingsRatio', div(surplus, p.annualAfterTaxIncome)),
    v('investmentToNetWorth', div(p.investmentAssets, net), 'net_assets_not_positive'),
    v('solvencyRatio', div(net, p.totalAssets)),
    v('debtRatio', div(p.totalLiabilities, p.totalAssets)),
    v(
      'currentRatio',
      div(p.liquidAssets, p.totalLiabilities),
      p.totalLiabilities.isZero() ? 'no_liabilities' : undefined,
    ),
    v('debtServiceRatio', div(p.annualDebtService, p.annualAfterTaxIncome), undefined, '税后收入口径'),
    v(
      'liquidityRatio',
      div(p.liquidAssets, monthly),
      undefined,
      p.monthlySpending ? (p.monthlySpendingBasis ?? '每月支出（输入）') : '年支出 ÷ 12',
    ),
    v('consumptionRatio', div(p.annualSpending, p.annualAfterTaxIncome)),
    v('financialFreedom', div(p.annualPassiveIncome, p.annualSpending)),
    v(
      'premiumBurden',
      div(p.annualProtectionPremium, premiumBase),
      undefined,
      p.annualGrossIncome ? '税前年收入' : '税后年收入',
    ),
  ];
}

export function verdictOf(value: Dec, bands: readonly RatioBand[]): Verdict | undefined {
  for (const b of bands) {
    if ((b.min === undefined || value.gte(b.min)) && (b.max === undefined || value.lt(b.max)))
      return b.verdict;
  }
  return undefined;
}

export const ratiosInputSchema = z
  .strictObject({
    annualAfterTaxIncome: moneyField().describe('家庭年税后收入（元/年）'),
    annualSpending: moneyField().describe('家庭年总支出（元/年，含房贷以外的生活与保费支出等）'),
    totalAssets: moneyField().describe('总资产（元）'),
    totalLiabilities: moneyField().describe('负债总额（元）'),
    investmentAssets: moneyField().optional().describe('投资资产（元），缺省 0'),
    liquidAssets: moneyField().optional().describe('流动资产（现金、活期、货币基金，元），缺省 0'),
    monthlySpending: moneyField().optional().describe('每月支出（元/月），缺省为年支出 ÷ 12'),
    annualDebtService: moneyField().optional().describe('年还本付息额（元/年），缺省 0'),
    annualPassiveIncome: signedMoneyField().optional().describe('年投资性（非工资）收入（元/年），缺省 0'),
    annualProtectionPremium: moneyField().optional().describe('年保障型保费（元/年），缺省 0'),
    annualGrossIncome: moneyField()
      .optional()
      .describe('家庭税前年收入（元/年），用于保费负担率；缺省用税后收入'),
    date: ruleDateField(),
  })
  .describe('家庭财务比率');

export type RatiosInput = z.input<typeof ratiosInputSchema>;

export interface RatioOutput {
  code: RatioCode;
  name: string;
  formula: string;
  /** 4 decimal places, or null (see reason). */
  value: string | null;
  reason?: string;
  reference: string;
  verdict: Verdict | 'n/a';
  basis?: string;
}

export interface RatiosOutput {
  netAssets: string;
  annualSurplus: string;
  ratios: RatioOutput[];
  used: UsedRules;
}

export function runRatios(input: z.output<typeof ratiosInputSchema>): RatiosOutput {
  const ctx = resolveRules(input.date);
  const refs = ctx.rules.assumptions.ratioReferences;
  const zero = new Dec(0);
  const values = householdRatios({
    annualAfterTaxIncome: input.annualAfterTaxIncome,
    annualSpending: input.annualSpending,
    totalAssets: input.totalAssets,
    totalLiabilities: input.totalLiabilities,
    investmentAssets: input.investmentAssets ?? zero,
    liquidAssets: input.liquidAssets ?? zero,
    ...(input.monthlySpending ? { monthlySpending: input.monthlySpending } : {}),
    annualDebtService: input.annualDebtService ?? zero,
    annualPassiveIncome: input.annualPassiveIncome ?? zero,
    annualProtectionPremium: input.annualProtectionPremium ?? zero,
    ...(input.annualGrossIncome ? { annualGrossIncome: input.annualGrossIncome } : {}),
  });
  const debt = values.find((r) => r.code === 'debtRatio')?.value ?? null;
  const ratios = values.map((r): RatioOutput => {
    const ref = refs.value[r.code];
    let shown: Dec | null = r.value === null ? null : r.value.toDecimalPlaces(4, Dec.ROUND_HALF_UP);
    if (r.code === 'solvencyRatio' && r.value !== null && debt !== null)
      shown = ONE.minus(debt.toDecimalPlaces(4, Dec.ROUND_HALF_UP));
    return {
      code: r.code,
      name: ref.name,
      formula: ref.formula,
      value: shown === null ? null : ratio4(shown),
      ...(r.reason ? { reason: r.reason } : {}),
      reference: ref.reference,
      verdict: r.value === null ? 'n/a' : (verdictOf(r.value, ref.bands) ?? 'n/a'),
      ...(r.basis ? { basis: r.basis } : {}),
    };
  });
  return {
    netAssets: toMoneyString(input.totalAssets.minus(input.totalLiabilities)),
    annualSurplus: toMoneyString(input.annualAfterTaxIncome.minus(input.annualSpending)),
    ratios,
    used: usedRules(ctx, [refs]),
  };
}
