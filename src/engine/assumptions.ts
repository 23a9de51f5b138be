/**
 * The assumptions a plan runs on: the rule set's 2026 defaults, with the profile's overrides on
 * top. Each value remembers where it came from and why, for the report's 假设 section.
 */
import { dec, type Dec } from '../domain/money.js';
import type { AssumptionOverrides } from '../domain/profile.js';
import type { AssetClass, AssumptionValue, PlanAssumptions } from './plan-types.js';
import { PLANNING_ASSUMPTIONS_2026 as DEFAULTS } from './rules/assumptions.js';
import type { Dated } from './rules/dated.js';

/** The numeric assumptions the engine computes with. */
export interface Assumptions {
  inflation: Dec;
  incomeGrowth: Dec;
  educationInflation: Dec;
  educationInflationAbroad: Dec;
  medicalInflation: Dec;
  housePriceGrowth: Dec;
  pensionGrowth: Dec;
  averageWageGrowth: Dec;
  retirementSpendingRatio: Dec;
  returns: Record<AssetClass, Dec>;
  volatility: { cash: Dec; bond: Dec; equity: Dec };
  correlations: { cashBond: Dec; cashEquity: Dec; bondEquity: Dec };
  lifeExpectancy: { male: number; female: number };
  pensionAccountCreditRate: Dec;
  educationFundReturn: Dec;
  insuranceDiscountRate: Dec;
  /** 本省社平工资 (元/月) if the profile gives it. */
  socialAverageWage: Dec | null;
  /** 公积金 contribution rate when the profile gives none. */
  housingFundRateDefault: Dec;
  /** Spread over the 5-year LPR for a new commercial home loan. */
  newMortgageSpread: Dec;
}

/**
 * New first-home commercial loans in 2025–26 were typically priced at LPR − 40~45bp (≈ 3.05%–3.10%
 * against a 3.50% 5-year LPR). A planning assumption for homes the household has yet to buy.
 */
export const NEW_MORTGAGE_SPREAD: Dated<string> = {
  value: '-0.0045',
  effectiveFrom: '2025-05-20',
  source: 'china-rules §4.2：2025–26 年新发放首套商贷利率约为 LPR − 40~45 个基点（3.05%–3.10%）',
  certainty: 'medium',
  note: '新购住房的商业贷款利率按 5 年期以上 LPR 减 45 个基点估计（示例性，以贷款银行实际报价为准）；期限 30 年，等额本息。',
};

function pick(override: string | undefined, fallback: Dated<string> | string, note: string): AssumptionValue {
  if (override !== undefined) return { value: override, origin: 'profile', note: '客户或理财师指定' };
  const value = typeof fallback === 'string' ? fallback : fallback.value;
  return { value, origin: 'default', note };
}

export function resolveAssumptions(o: AssumptionOverrides | undefined): {
  values: Assumptions;
  forPlan: PlanAssumptions;
} {
  const r = o?.returns;
  const D = DEFAULTS;
  const n = (d: Dated<unknown>) => d.note ?? d.source;
  const forPlan: PlanAssumptions = {
    inflation: pick(o?.inflation, D.inflation, n(D.inflation)),
    incomeGrowth: pick(o?.incomeGrowth, D.incomeGrowth, n(D.incomeGrowth)),
    educationInflation: pick(
      o?.educationInflation,
      D.educationInflationDomestic,
      n(D.educationInflationDomestic),
    ),
    educationInflationAbroad: pick(
      o?.educationInflationAbroad,
      D.educationInflationAbroad,
      n(D.educationInflationAbroad),
    ),
    medicalInflation: pick(o?.medicalInflation, D.medicalInflation, n(D.medicalInflation)),
    housePriceGrowth: pick(o?.housePriceGrowth, D.housePriceGrowth, n(D.housePriceGrowth)),
    pensionGrowth: pick(o?.pensionGrowth, D.pensionGrowth, n(D.pensionGrowth)),
    averageWageGrowth: pick(o?.averageWageGrowth, D.averageWageGrowth, n(D.averageWageGrowth)),
    retirementSpendingRatio: pick(
      o?.retirementSpendingRatio,
      D.retirementSpendingRatio,
      n(D.retirementSpendingRatio),
    ),
    returns: {
      cash: pick(r?.cash, D.cash.value.expectedReturn, n(D.cash)),
      deposit: pick(r?.deposit, D.depositRate, n(D.depositRate)),
      bond: pick(r?.bond, D.bond.value.expectedReturn, n(D.bond)),
      equity: pick(r?.equity, D.equity.value.expectedReturn, n(D.equity)),
      realEstate: pick(r?.realEstate ?? o?.housePriceGrowth, D.housePriceGrowth, n(D.housePriceGrowth)),
      pensionAccount: pick(
        r?.pensionAccount,
        D.bond.value.expectedReturn,
        '个人养老金、企业年金账户按债券类收益 2.3% 计（这类账户多投资于固收类产品）。',
      ),
      housingFund: pick(r?.housingFund, D.housingFundAccountRate, n(D.housingFundAccountRate)),
      other: pick(
        r?.other,
        '0',
        '其他资产（汽车、企业股权、保单现金价值等）不计增值，以免高估可用财富（finplan 约定）。',
      ),
    },
    lifeExpectancyMale: o?.lifeExpectancyMale ?? D.lifeExpectancy.value.male,
    lifeExpectancyFemale: o?.lifeExpectancyFemale ?? D.lifeExpectancy.value.female,
  };
  const returns = Object.fromEntries(
    Object.entries(forPlan.returns).map(([k, v]) => [k, dec(v.value)]),
  ) as Record<AssetClass, Dec>;
  const values: Assumptions = {
    inflation: dec(forPlan.inflation.value),
    incomeGrowth: dec(forPlan.incomeGrowth.value),
    educationInflation: dec(forPlan.educationInflation.value),
    educationInflationAbroad: dec(forPlan.educationInflationAbroad.value),
    medicalInflation: dec(forPlan.medicalInflation.value),
    housePriceGrowth: dec(forPlan.housePriceGrowth.value),
    pensionGrowth: dec(forPlan.pensionGrowth.value),
    averageWageGrowth: dec(forPlan.averageWageGrowth.value),
    retirementSpendingRatio: dec(forPlan.retirementSpendingRatio.value),
    returns,
    volatility: {
      cash: dec(D.cash.value.volatility),
      bond: dec(D.bond.value.volatility),
      equity: dec(D.equity.value.volatility),
    },
    correlations: {
      cashBond: dec(D.correlations.value.cashBond),
      cashEquity: dec(D.correlations.value.cashEquity),
      bondEquity: dec(D.correlations.value.bondEquity),
    },
    lifeExpectancy: { male: forPlan.lifeExpectancyMale, female: forPlan.lifeExpectancyFemale },
    pensionAccountCreditRate: dec(D.pensionAccountCreditRate.value),
    educationFundReturn: dec(D.educationFundReturn.value),
    insuranceDiscountRate: dec(D.insuranceDiscountRate.value),
    socialAverageWage: o?.socialAverageWage !== undefined ? dec(o.socialAverageWage) : null,
    housingFundRateDefault: dec(D.housingFundRateDefault.value),
    newMortgageSpread: dec(NEW_MORTGAGE_SPREAD.value),
  };
  return { values, forPlan };
}

/** The default planning life expectancy, for validation's cross-field checks. */
export const DEFAULT_LIFE_EXPECTANCY = DEFAULTS.lifeExpectancy.value;

/** 需求分析法: final expenses (丧葬及最终费用). */
export const NEEDS_ANALYSIS_FUNERAL: Dated<string> = {
  value: '50000',
  effectiveFrom: '2026-01-01',
  source: 'finplan 选定（规划假设）',
  certainty: 'low',
  note: '丧葬及身后事务费用按 5 万元估计（城市殡葬与墓地支出的常见量级），可按当地情况调整。',
};

/**
 * 重疾险 cover, one stated rule (china-rules §6: "treatment + 3–5 years lost income"): the
 * member's labour income (salary, bonus and business income — an illness stops the owner's work
 * too) for `incomeYears` years, plus treatment and rehabilitation costs. Cover follows income.
 */
export const CRITICAL_ILLNESS_COVER: Dated<{ incomeYears: string; treatmentAndRehab: string }> = {
  value: { incomeYears: '3', treatmentAndRehab: '300000' },
  effectiveFrom: '2019-01-01',
  source:
    'china-rules §6：重疾险保额约为年收入的 3–5 倍（治疗费用加 3–5 年收入损失），经验法则；治疗与康复费用与压力测试一致',
  certainty: 'low',
  note: '重疾保额 = 3 年劳动收入（工资、奖金与经营收入）+ 治疗与康复费用 30 万元（今日价格）；有家族病史者可提高至 5 年。',
};

/**
 * Standard amounts of the two cheap covers every member should hold: 百万医疗 (a renewable
 * medical policy's general limit) and 综合意外 (accidental death and disability). A minor's
 * accidental-death benefit is capped by regulation: under 10, 20万; 10–17, 50万.
 */
export const MEDICAL_ACCIDENT_COVER: Dated<{
  medical: string;
  accidentAdult: string;
  accidentUnder10: string;
  accidentUnder18: string;
}> = {
  value: {
    medical: '2000000',
    accidentAdult: '500000',
    accidentUnder10: '200000',
    accidentUnder18: '500000',
  },
  effectiveFrom: '2016-01-01',
  source:
    '百万医疗一般医疗保额常见 200 万元（市场惯例）；未成年人身故保险金限额：原保监会《关于父母为其未成年子女投保以死亡为给付保险金条件人身保险有关问题的通知》（保监发〔2015〕90号，2016-01-01 起）',
  certainty: 'medium',
  note: '百万医疗按 200 万元一般医疗保额；成人意外险 50 万元；未满 10 周岁子女意外险 20 万元，10–17 周岁 50 万元。',
};
