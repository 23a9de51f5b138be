/**
 * insurance — 保险需求: 双十原则, 生命价值法 (HLV) and 需求分析法 side by side. china-rules.md §6.
 *
 * - 双十原则 (heuristic, High that it is the standard one): cover ≈ 10 × annual income;
 *   annual premium ≤ 10% × annual income. Gap = cover − existing cover (not below 0).
 * - 生命价值法: HLV = Σ_{t=1}^{N} I(1 − c)(1 + g)^{t−1} / (1 + r)^t
 *   = I(1 − c)/(r − g) · [1 − ((1 + g)/(1 + r))^N], and N·I(1 − c)/(1 + r) exactly when r = g
 *   (income at the END of each year; I = current annual income, c = share the insured consumes
 *   himself incl. tax, g = income growth, r = discount rate, N = years to retirement).
 * - 需求分析法 (遗属需要法): need = 丧葬及最终费用 + 负债余额 + 子女教育金现值 + 遗属生活费现值
 *   + 紧急备用金 + 父母赡养现值 − 可用资产 − 已有寿险保额; 遗属生活费现值 = annual spending × annuity
 *   due factor over the years needed, at the real rate (1 + r)/(1 + i) − 1 (spending grows with
 *   inflation i); 父母赡养 likewise. Every component is shown.
 * The income is needed by 双十 and HLV only: when only the needs analysis is asked (`needs` given,
 * `hlv` not), `annualIncome` may be left out and `doubleTen` is then omitted.
 * Defaults: r = 2.3% (bond return, Low), g = 3% income growth, i = 2% inflation. To the fen.
 */
import { z } from 'zod';
import { Dec, ONE, ZERO, sum, toMoneyString } from '../../domain/money.js';
import {
  decimalField,
  intField,
  moneyField,
  rateString,
  ratio4,
  requireField,
  resolveRules,
  ruleDateField,
  usedRules,
  type UsedRules,
} from './common.js';
import { growingAnnuityPv, pvOf, realRate } from './tvm.js';

/** Human life value (income at year end). */
export function humanLifeValue(income: Dec, consumption: Dec, growth: Dec, rate: Dec, years: number): Dec {
  return growingAnnuityPv(income.times(ONE.minus(consumption)), rate, growth, new Dec(years), 'end');
}

/** PV of `annual` a year for `years` years, paid at the start of each year, growing with inflation. */
export function livingCostPv(annual: Dec, years: number, rate: Dec, inflation: Dec): Dec {
  if (years <= 0) return ZERO;
  return pvOf(realRate(rate, inflation), new Dec(years), annual, ZERO, 'begin').neg();
}

// ---------------------------------------------------------------------------------------------
// Calculator

export const insuranceInputSchema = z
  .strictObject({
    annualIncome: moneyField()
      .optional()
      .describe(
        '被保险人（家庭经济支柱）税前年收入（元/年）；双十原则与生命价值法需要，仅做需求分析时可省略',
      ),
    existingCover: moneyField().optional().describe('已有寿险保额（元），缺省 0'),
    existingAnnualPremium: moneyField().optional().describe('已有保障型保单年缴保费（元/年），缺省 0'),
    hlv: z
      .strictObject({
        yearsToRetirement: intField(0, 60).describe('距退休年数 N（年）'),
        consumptionShare: decimalField(0, 1).describe('本人消费及税费占收入比例 c（小数，如 0.3）'),
        incomeGrowth: decimalField(-0.2, 0.3).optional().describe('收入年增长率 g（小数），缺省 3%'),
        discountRate: decimalField(-0.05, 0.3).optional().describe('折现率 r（年，小数），缺省 2.3%'),
      })
      .optional()
      .describe('生命价值法参数'),
    needs: z
      .strictObject({
        funeral: moneyField().optional().describe('丧葬及最终费用（元）'),
        debts: moneyField().optional().describe('负债余额（房贷等，元）'),
        educationPv: moneyField().optional().describe('子女教育金现值（元，可取自教育金计算器）'),
        survivorsAnnualSpending: moneyField().optional().describe('遗属每年生活费（元/年，今日价格）'),
        survivorsYears: intField(0, 80).optional().describe('遗属生活费需要的年数（年）'),
        emergencyFund: moneyField().optional().describe('紧急备用金（元）'),
        parentsAnnualSupport: moneyField().optional().describe('父母每年赡养费（元/年，今日价格）'),
        parentsYears: intField(0, 60).optional().describe('赡养父母的年数（年）'),
        liquidAssets: moneyField().optional().describe('可用于身后的流动及可变现金融资产（元）'),
        discountRate: decimalField(-0.05, 0.3).optional().describe('折现率（名义，年，小数），缺省 2.3%'),
        inflation: decimalField(-0.05, 0.2).optional().describe('生活费增长率（通胀，年，小数），缺省 2.0%'),
      })
      .optional()
      .describe('需求分析法参数'),
    date: ruleDateField(),
  })
  .superRefine((v, ctx) => {
    if (v.annualIncome === undefined && (v.hlv !== undefined || v.needs === undefined))
      requireField(ctx, ['annualIncome']);
  })
  .describe('寿险需求测算');

export type InsuranceInput = z.input<typeof insuranceInputSchema>;

export interface InsuranceOutput {
  /** Omitted when no income is given (needs analysis only). */
  doubleTen?: {
    recommendedCover: string;
    maxAnnualPremium: string;
    existingCover: string;
    coverGap: string;
    existingAnnualPremium: string;
    premiumShare: string | null;
    premiumWithinLimit: boolean;
  };
  humanLifeValue?: {
    value: string;
    coverGap: string;
    yearsToRetirement: number;
    consumptionShare: string;
    incomeGrowth: string;
    discountRate: string;
    rEqualsG: boolean;
  };
  needsAnalysis?: {
    components: { code: string; amount: string; basis: string }[];
    grossNeed: string;
    lessLiquidAssets: string;
    lessExistingCover: string;
    netNeed: string;
    discountRate: string;
    inflation: string;
  };
  used: UsedRules & { coverIncomeMultiple: string; premiumIncomeShareMax: string };
}

function doubleTenOf(
  income: Dec,
  existingCover: Dec,
  premium: Dec,
  h: { coverIncomeMultiple: string; premiumIncomeShareMax: string },
): NonNullable<InsuranceOutput['doubleTen']> {
  const cover = income.times(h.coverIncomeMultiple);
  const maxPremium = income.times(h.premiumIncomeShareMax);
  return {
    recommendedCover: toMoneyString(cover),
    maxAnnualPremium: toMoneyString(maxPremium),
    existingCover: toMoneyString(existingCover),
    coverGap: toMoneyString(Dec.max(ZERO, cover.minus(existingCover))),
    existingAnnualPremium: toMoneyString(premium),
    premiumShare: income.gt(0) ? ratio4(premium.div(income)) : null,
    premiumWithinLimit: premium.lte(maxPremium),
  };
}

export function runInsurance(input: z.output<typeof insuranceInputSchema>): InsuranceOutput {
  const ctx = resolveRules(input.date);
  const a = ctx.rules.assumptions;
  const h = a.insuranceHeuristics;
  const sources: Parameters<typeof usedRules>[1][number][] = [h];
  const existingCover = input.existingCover ?? ZERO;
  const premium = input.existingAnnualPremium ?? ZERO;
  const income = input.annualIncome;
  const out: InsuranceOutput = {
    ...(income !== undefined ? { doubleTen: doubleTenOf(income, existingCover, premium, h.value) } : {}),
    used: {
      ...usedRules(ctx, []),
      coverIncomeMultiple: h.value.coverIncomeMultiple,
      premiumIncomeShareMax: h.value.premiumIncomeShareMax,
    },
  };
  if (input.hlv && income !== undefined) {
    const g = input.hlv.incomeGrowth ?? new Dec(a.incomeGrowth.value);
    const r = input.hlv.discountRate ?? new Dec(a.insuranceDiscountRate.value);
    if (input.hlv.incomeGrowth === undefined) sources.push(a.incomeGrowth);
    if (input.hlv.discountRate === undefined) sources.push(a.insuranceDiscountRate);
    const v = humanLifeValue(income, input.hlv.consumptionShare, g, r, input.hlv.yearsToRetirement);
    out.humanLifeValue = {
      value: toMoneyString(v),
      coverGap: toMoneyString(Dec.max(ZERO, v.minus(existingCover))),
      yearsToRetirement: input.hlv.yearsToRetirement,
      consumptionShare: rateString(input.hlv.consumptionShare),
      incomeGrowth: rateString(g),
      discountRate: rateString(r),
      rEqualsG: r.eq(g),
    };
  }
  if (input.needs) {
    const n = input.needs;
    const r = n.discountRate ?? new Dec(a.insuranceDiscountRate.value);
    const i = n.inflation ?? new Dec(a.inflation.value);
    if (n.discountRate === undefined) sources.push(a.insuranceDiscountRate);
    if (n.inflation === undefined) sources.push(a.inflation);
    const survivors = livingCostPv(n.survivorsAnnualSpending ?? ZERO, n.survivorsYears ?? 0, r, i);
    const parents = livingCostPv(n.parentsAnnualSupport ?? ZERO, n.parentsYears ?? 0, r, i);
    const components = [
      { code: 'funeral', amount: n.funeral ?? ZERO, basis: '按输入' },
      { code: 'debts', amount: n.debts ?? ZERO, basis: '按输入（负债余额）' },
      { code: 'educationPv', amount: n.educationPv ?? ZERO, basis: '按输入（子女教育金现值）' },
      {
        code: 'survivorsLiving',
        amount: survivors,
        basis: `每年 ${toMoneyString(n.survivorsAnnualSpending ?? ZERO)} × ${n.survivorsYears ?? 0} 年，期初年金，实际利率 (1+r)/(1+i)−1`,
      },
      { code: 'emergencyFund', amount: n.emergencyFund ?? ZERO, basis: '按输入' },
      {
        code: 'parentsSupport',
        amount: parents,
        basis: `每年 ${toMoneyString(n.parentsAnnualSupport ?? ZERO)} × ${n.parentsYears ?? 0} 年，期初年金，实际利率`,
      },
    ];
    const gross = sum(components.map((c) => c.amount));
    const liquid = n.liquidAssets ?? ZERO;
    out.needsAnalysis = {
      components: components.map((c) => ({ code: c.code, amount: toMoneyString(c.amount), basis: c.basis })),
      grossNeed: toMoneyString(gross),
      lessLiquidAssets: toMoneyString(liquid),
      lessExistingCover: toMoneyString(existingCover),
      netNeed: toMoneyString(Dec.max(ZERO, gross.minus(liquid).minus(existingCover))),
      discountRate: rateString(r),
      inflation: rateString(i),
    };
  }
  out.used = { ...out.used, ...usedRules(ctx, sources) };
  return out;
}
