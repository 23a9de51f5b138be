/**
 * Mortgage-related rules: LPR fixings, housing provident fund (公积金) loan rates, minimum down
 * payments and affordability lines — china-rules.md §4.2–4.3. Rates are annual fractions.
 */
import type { Dated } from './dated.js';

export interface Lpr {
  oneYear: string;
  /** 5 年期以上 LPR: the anchor of commercial mortgage rates. */
  fiveYear: string;
}

export const LPR: readonly Dated<Lpr>[] = [
  {
    value: { oneYear: '0.031', fiveYear: '0.036' },
    effectiveFrom: '2024-10-21',
    effectiveTo: '2025-05-19',
    source: '全国银行间同业拆借中心 LPR 公告 2024-10-21 [china-rules §4.2]',
    certainty: 'medium',
    note: '回忆值（china-rules 标为 Medium）。',
  },
  {
    value: { oneYear: '0.03', fiveYear: '0.035' },
    effectiveFrom: '2025-05-20',
    source: '全国银行间同业拆借中心 LPR 公告 2025-05-20（−10bp）；2026 年 4/7/8 月报价维持不变 [S24]',
    cite: '全国银行间同业拆借中心公告，2025年5月',
    certainty: 'high',
    note: '报价本身为 High；截至 2026-08 仍执行为 Medium-High。',
  },
];

export interface HousingFundLoanRates {
  firstHome: { upTo5Years: string; over5Years: string };
  secondHome: { upTo5Years: string; over5Years: string };
}

export const HOUSING_FUND_LOAN_RATES: readonly Dated<HousingFundLoanRates>[] = [
  {
    value: {
      firstHome: { upTo5Years: '0.0235', over5Years: '0.0285' },
      secondHome: { upTo5Years: '0.02775', over5Years: '0.03325' },
    },
    effectiveFrom: '2024-05-18',
    effectiveTo: '2025-05-07',
    source: '中国人民银行下调个人住房公积金贷款利率（2024-05-18 起）；武汉住房公积金管理中心通知 [S27]',
    certainty: 'high',
  },
  {
    value: {
      firstHome: { upTo5Years: '0.021', over5Years: '0.026' },
      secondHome: { upTo5Years: '0.02525', over5Years: '0.03075' },
    },
    effectiveFrom: '2025-05-08',
    source: '关于下调个人住房公积金贷款利率的通知（2025-05-07 发布，2025-05-08 起，−25bp）[S25][S26]',
    cite: '中国人民银行公告，2025年5月',
    certainty: 'medium',
    note: '首套 5 年以上 2.6% 为 High，其余 Medium-High；存量公积金贷款于次年 1 月 1 日重新定价。',
  },
];

export const COMMERCIAL_MIN_DOWN_PAYMENT: readonly Dated<string>[] = [
  {
    value: '0.15',
    effectiveFrom: '2024-09-29',
    source: '中国人民银行、国家金融监督管理总局 关于优化个人住房贷款最低首付款比例政策的通知（2024-09）[S28]',
    cite: '中国人民银行、国家金融监督管理总局《关于优化个人住房贷款最低首付款比例政策的通知》，2024年9月',
    certainty: 'medium',
    note: 'china-rules 标为 Medium-High：全国层面不再区分首套、二套，最低 15%；城市可更高。生效日按通知日期 2024-09-29（回忆）。',
  },
];

export const HOUSING_FUND_MIN_DOWN_PAYMENT: readonly Dated<{ firstHome: string; secondHome: string }>[] = [
  {
    value: { firstHome: '0.2', secondHome: '0.25' },
    effectiveFrom: '2024-05-18',
    source: '住房城乡建设部 2024-05 通知（公积金首套最低首付 20%）[china-rules §4.3]',
    certainty: 'low',
    note: '首套 20% 为 Medium（回忆），二套 25% 为 Medium-Low；整体按 Low 使用。',
  },
];

export interface AffordabilityLines {
  /** Bank underwriting: monthly housing payment ÷ monthly income ≤ this. */
  bankHousingToIncomeMax: string;
  /** Bank underwriting: all monthly debt payments ÷ monthly income ≤ this. */
  bankDebtToIncomeMax: string;
}

export const BANK_AFFORDABILITY_LINES: readonly Dated<AffordabilityLines>[] = [
  {
    value: { bankHousingToIncomeMax: '0.5', bankDebtToIncomeMax: '0.55' },
    effectiveFrom: '2004-09-02',
    source: '银监发〔2004〕57号《商业银行房地产贷款风险管理指引》第二十九条 [china-rules §4.3]',
    certainty: 'medium',
    note: '月房产支出与收入比 ≤ 50%，月所有债务支出与收入比 ≤ 55%（回忆）；实务中按核实的税前月收入。',
  },
];

/**
 * The stricter line many banks apply in practice: a housing payment above about 40% of the
 * borrower's income is commonly refused or cut, though the guideline allows 50%. Planner-facing
 * (the plan says "多数银行实际审批更严"), not a rule of any bank.
 */
export const BANK_PRACTICE_AFFORDABILITY: readonly Dated<{ housingToIncomeMax: string }>[] = [
  {
    value: { housingToIncomeMax: '0.4' },
    effectiveFrom: '2019-01-01',
    source: '商业银行个人住房贷款审批实务：月供与收入比多掌握在 40% 左右（各行不一）',
    certainty: 'low',
    note: '银监发〔2004〕57号的 50% 为上限；实务中不少银行按约 40% 掌握，或要求追加共同借款人、提高首付。以贷款银行的审批为准。',
  },
];

export interface PlannerAffordability {
  /** 房贷月供 ÷ 税后月收入: comfortable up to `mortgageComfortMax`, stretched up to `mortgageStretchMax`. */
  mortgageComfortMax: string;
  mortgageStretchMax: string;
  /** 全部还款额 ÷ 税后收入 ≤ this (负债收入比率). */
  totalDebtServiceMax: string;
}

export const PLANNER_AFFORDABILITY: readonly Dated<PlannerAffordability>[] = [
  {
    value: { mortgageComfortMax: '0.3', mortgageStretchMax: '0.4', totalDebtServiceMax: '0.4' },
    effectiveFrom: '2019-01-01',
    source: '理财规划经验法则（房贷月供 ≤ 税后月收入 30%–40%；总债务 ≤ 40%）[china-rules §4.3, §5]',
    certainty: 'low',
    note: '经验法则而非规定。',
  },
];
