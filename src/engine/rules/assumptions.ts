/**
 * Default planning assumptions for 2026 — china-rules.md §5–§8. These are planner assumptions, not
 * rules: each carries a `note` saying why (printed in the report's 假设 section) and is
 * user-overridable. Rates are nominal annual fractions unless said otherwise.
 */
import { dec, type DecimalLike } from '../../domain/money.js';
import type { Dated, Provenance } from './dated.js';

const FROM = '2026-01-01';
const SEC8 = 'finplan 2026 默认假设（china-rules §8 现实化建议）';

function assumption<T>(value: T, certainty: Dated<T>['certainty'], source: string, note: string): Dated<T> {
  return { value, effectiveFrom: FROM, source, certainty, note };
}

export interface AssetClassAssumption {
  expectedReturn: string;
  volatility: string;
}

export interface PlanningAssumptions {
  inflation: Dated<string>;
  retirementInflationStress: Dated<string>;
  medicalInflation: Dated<string>;
  incomeGrowth: Dated<string>;
  depositRate: Dated<string>;
  cash: Dated<AssetClassAssumption>;
  bond: Dated<AssetClassAssumption>;
  equity: Dated<AssetClassAssumption>;
  correlations: Dated<{ cashBond: string; cashEquity: string; bondEquity: string }>;
  educationInflationDomestic: Dated<string>;
  educationInflationAbroad: Dated<string>;
  housePriceGrowth: Dated<string>;
  pensionGrowth: Dated<string>;
  averageWageGrowth: Dated<string>;
  pensionAccountCreditRate: Dated<string>;
  housingFundAccountRate: Dated<string>;
  housingFundRateDefault: Dated<string>;
  lifeExpectancy: Dated<{ male: number; female: number }>;
  retirementSpendingRatio: Dated<string>;
  educationFundReturn: Dated<string>;
  insuranceDiscountRate: Dated<string>;
}

export const PLANNING_ASSUMPTIONS_2026: PlanningAssumptions = {
  inflation: assumption(
    '0.02',
    'medium',
    `${SEC8}；NBS CPI 2024 +0.2%、2026 年 1–8 月均 +0.9%；政府目标"2%左右" [S33]`,
    '一般通胀取 2.0%：高于近两年实际 CPI（0%–1%），与政府 2% 左右的目标一致，长期规划宁可略高。',
  ),
  retirementInflationStress: assumption(
    '0.03',
    'low',
    SEC8,
    '退休支出压力测试用 3%：检验通胀回到历史均值时退休金是否够用。',
  ),
  medicalInflation: assumption('0.05', 'low', SEC8, '医疗费用增长快于一般物价，取 5%。'),
  incomeGrowth: assumption(
    '0.03',
    'low',
    `${SEC8}（finplan 选定）`,
    '工资年增长取 3%：名义工资增速已由 2010 年代的 8%–10% 降至 2024–25 年的约 3%–5%，取保守端；高于通胀 1 个百分点即实际增长约 1%。',
  ),
  depositRate: assumption(
    '0.01',
    'medium',
    `${SEC8}；六大行 1 年定期约 0.95%、5 年 1.30%（2025-05-20 起）[S34][S35]`,
    '定期存款取 1.0%。',
  ),
  cash: assumption(
    { expectedReturn: '0.013', volatility: '0.003' },
    'low',
    `${SEC8} §7.3`,
    '现金/货币基金 1.3%，波动 0.3%。',
  ),
  bond: assumption(
    { expectedReturn: '0.023', volatility: '0.03' },
    'low',
    `${SEC8} §7.3；10 年国债 1.741%（2026-07-02）[S35]`,
    '债券/债券基金 2.3%：10 年国债约 1.7% 加信用与久期溢价；波动 3%。',
  ),
  equity: assumption(
    { expectedReturn: '0.07', volatility: '0.22' },
    'low',
    `${SEC8} §7.3；沪深300 2005–2026 价格年化约 7% [china-rules §8]`,
    '股票 7%（宽基 A 股），波动 22%。',
  ),
  correlations: assumption(
    { cashBond: '0.1', cashEquity: '0', bondEquity: '0' },
    'low',
    `${SEC8} §7.3`,
    '现金–债券相关 0.1，其余 0（简化假设）。',
  ),
  educationInflationDomestic: assumption(
    '0.035',
    'low',
    `${SEC8} §7.1`,
    '国内教育费用 3.5%：学费行政定价、阶梯式上调，取建议区间 3%–4% 的中点。',
  ),
  educationInflationAbroad: assumption(
    '0.05',
    'low',
    `${SEC8} §7.1；美国私立大学学费十年涨 37% [S30]`,
    '海外教育 5%：含学费上涨与汇率波动。',
  ),
  housePriceGrowth: assumption(
    '0.005',
    'low',
    `${SEC8}（finplan 选定）`,
    '房价年增长取 0.5%：2022–2026 年多数城市房价下行，长期取略高于 0、低于通胀，即实际小幅贬值，避免依赖房产增值。',
  ),
  pensionGrowth: assumption(
    '0.02',
    'low',
    `${SEC8}（finplan 选定）`,
    '基本养老金年调整 2%：全国调整幅度由 2016 年 6.5% 逐年降至 2024–2025 年 2%，按 2% 延续。',
  ),
  averageWageGrowth: assumption(
    '0.03',
    'low',
    `${SEC8}（finplan 选定）`,
    '社平工资（养老金计发基数）年增长 3%：与收入增长假设一致，近年城镇在岗职工平均工资名义增速约 3%–5%，取保守端。',
  ),
  pensionAccountCreditRate: assumption(
    '0.02',
    'low',
    `${SEC8}（finplan 选定）；记账利率 2023 3.97%、2024 2.62%、2025 1.50%（Low）[S18]`,
    '未来个人账户记账利率取 2%：近三年快速下行，取 2024 与 2025 值之间并略偏保守。',
  ),
  housingFundAccountRate: assumption(
    '0.015',
    'medium',
    '住房公积金存款利率（个人账户统一按一年期定期存款基准利率 1.50% 计息）[S34]',
    '公积金账户利率 1.5%：按一年期定存基准利率计息，各地执行以当地最新公布为准。',
  ),
  housingFundRateDefault: assumption(
    '0.12',
    'low',
    '北京单位与个人 12%/12% [S14]（finplan 选定为缺省）',
    '缺省公积金缴存比例 12%：一线城市大中型单位常见比例；法定区间 5%–12%，请按实际填写。',
  ),
  lifeExpectancy: assumption(
    { male: 85, female: 88 },
    'low',
    `${SEC8}（finplan 选定）；2024 年全国人均预期寿命约 79 岁`,
    '规划寿命男 85、女 88 岁：高于全国平均预期寿命约 79 岁，因为退休规划要覆盖长寿风险（活到平均寿命的人约一半会活得更久），且城市、中高收入人群寿命更长。',
  ),
  retirementSpendingRatio: assumption(
    '0.8',
    'low',
    '理财规划通行的替代率假设（finplan 选定）',
    '退休后生活支出为退休前的 80%：通勤、子女支出减少，医疗支出增加。',
  ),
  educationFundReturn: assumption(
    '0.029',
    'low',
    `${SEC8} §7.3 C2 稳健型组合预期收益`,
    '教育金投资收益 2.9%（C2 稳健组合）：教育金是必须实现的中期目标，不宜承担高波动。',
  ),
  insuranceDiscountRate: assumption(
    '0.023',
    'low',
    `${SEC8} §7.3 债券预期收益`,
    '保险需求折现率 2.3%（债券收益）：理赔金须确定地替代收入，按低风险收益折现。',
  ),
};

// ---------------------------------------------------------------------------------------------
// Model allocations and suitability

export type RiskLevel = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
export type ProductRisk = 'R1' | 'R2' | 'R3' | 'R4' | 'R5';

export interface ModelAllocation {
  name: string;
  cash: string;
  bond: string;
  equity: string;
  expectedReturn: string;
  volatility: string;
  /** Approximate 1-in-20 bad year (E[r] − 1.645σ). */
  badYear: string;
}

export const MODEL_ALLOCATIONS: Dated<Readonly<Record<RiskLevel, ModelAllocation>>> = assumption(
  {
    C1: {
      name: '保守',
      cash: '0.3',
      bond: '0.7',
      equity: '0',
      expectedReturn: '0.02',
      volatility: '0.021',
      badYear: '-0.015',
    },
    C2: {
      name: '稳健',
      cash: '0.15',
      bond: '0.7',
      equity: '0.15',
      expectedReturn: '0.029',
      volatility: '0.039',
      badYear: '-0.036',
    },
    C3: {
      name: '平衡',
      cash: '0.1',
      bond: '0.5',
      equity: '0.4',
      expectedReturn: '0.041',
      volatility: '0.089',
      badYear: '-0.106',
    },
    C4: {
      name: '成长',
      cash: '0.05',
      bond: '0.35',
      equity: '0.6',
      expectedReturn: '0.051',
      volatility: '0.132',
      badYear: '-0.167',
    },
    C5: {
      name: '进取',
      cash: '0.05',
      bond: '0.15',
      equity: '0.8',
      expectedReturn: '0.06',
      volatility: '0.176',
      badYear: '-0.23',
    },
  },
  'low',
  'china-rules §7.3 模型组合（规划假设，非官方）',
  '按现金 1.3%/0.3%、债券 2.3%/3%、股票 7%/22%、现金–债券相关 0.1 计算的组合预期收益与波动。',
);

export const SUITABILITY_MATRIX: Dated<Readonly<Record<RiskLevel, readonly ProductRisk[]>>> = {
  value: {
    C1: ['R1'],
    C2: ['R1', 'R2'],
    C3: ['R1', 'R2', 'R3'],
    C4: ['R1', 'R2', 'R3', 'R4'],
    C5: ['R1', 'R2', 'R3', 'R4', 'R5'],
  },
  effectiveFrom: '2017-07-01',
  source:
    '《证券期货投资者适当性管理办法》(证监会令第130号)；《基金募集机构投资者适当性管理实施指引（试行）》[S31][S32]',
  certainty: 'medium',
  note: 'china-rules 标为 Medium-High；各机构内部矩阵可能不同。最低风险类别投资者不得购买高于其等级的产品。',
};

// ---------------------------------------------------------------------------------------------
// Education cost presets (per year, today's money, 元)

export type EducationStage = 'preschool' | 'primary' | 'junior' | 'senior' | 'undergraduate' | 'graduate';
export type EducationLocation =
  'domestic' | 'abroad_us' | 'abroad_uk' | 'abroad_au_ca' | 'abroad_hk' | 'abroad_jp';

export interface EducationPreset {
  annualCost: string;
  years: number;
  certainty: Dated<string>['certainty'];
  note: string;
}

export const EDUCATION_PRESETS: Dated<
  Readonly<Record<EducationLocation, Partial<Readonly<Record<EducationStage, EducationPreset>>>>>
> = assumption(
  {
    domestic: {
      preschool: {
        annualCost: '15000',
        years: 3,
        certainty: 'low',
        note: '公办/普惠园保教费与伙食费，finplan 选定（Low）。',
      },
      primary: {
        annualCost: '10000',
        years: 6,
        certainty: 'low',
        note: '义务教育免学费；含伙食、教辅、课外，finplan 选定（Low）。',
      },
      junior: {
        annualCost: '12000',
        years: 3,
        certainty: 'low',
        note: '义务教育免学费；含伙食、教辅、课外，finplan 选定（Low）。',
      },
      senior: {
        annualCost: '15000',
        years: 3,
        certainty: 'low',
        note: '公办高中学费住宿约 2,000–4,000 加生活与教辅，finplan 选定（Low）。',
      },
      undergraduate: {
        annualCost: '30000',
        years: 4,
        certainty: 'medium',
        note: 'china-rules §7.1：公办本科全年约 25,000–35,000，取中点。',
      },
      graduate: {
        annualCost: '35000',
        years: 3,
        certainty: 'low',
        note: '硕士学费约 8,000–10,000 加生活费，finplan 选定（Low）。',
      },
    },
    abroad_us: {
      undergraduate: {
        annualCost: '600000',
        years: 4,
        certainty: 'low',
        note: 'china-rules §7.1：美国全年 50–70 万，取中点。',
      },
      graduate: {
        annualCost: '600000',
        years: 2,
        certainty: 'low',
        note: 'china-rules §7.1：美国全年 50–70 万，取中点；硕士按 2 年。',
      },
    },
    abroad_uk: {
      undergraduate: {
        annualCost: '400000',
        years: 3,
        certainty: 'low',
        note: 'china-rules §7.1：英国全年 30–50 万，取中点；本科 3 年。',
      },
      graduate: {
        annualCost: '400000',
        years: 1,
        certainty: 'low',
        note: 'china-rules §7.1：英国全年 30–50 万，取中点；授课型硕士 1 年。',
      },
    },
    abroad_au_ca: {
      undergraduate: {
        annualCost: '375000',
        years: 4,
        certainty: 'low',
        note: 'china-rules §7.1：澳/加全年 30–45 万，取中点。',
      },
      graduate: {
        annualCost: '375000',
        years: 2,
        certainty: 'low',
        note: 'china-rules §7.1：澳/加全年 30–45 万，取中点；硕士按 2 年。',
      },
    },
    abroad_hk: {
      undergraduate: {
        annualCost: '325000',
        years: 4,
        certainty: 'low',
        note: 'china-rules §7.1：香港全年 25–40 万，取中点。',
      },
      graduate: {
        annualCost: '325000',
        years: 1,
        certainty: 'low',
        note: 'china-rules §7.1：香港全年 25–40 万，取中点；授课型硕士 1 年。',
      },
    },
    abroad_jp: {
      undergraduate: {
        annualCost: '200000',
        years: 4,
        certainty: 'low',
        note: 'china-rules §7.1：日本全年 15–25 万，取中点。',
      },
      graduate: {
        annualCost: '200000',
        years: 2,
        certainty: 'low',
        note: 'china-rules §7.1：日本全年 15–25 万，取中点；修士 2 年。',
      },
    },
  },
  'low',
  'china-rules §7.1 教育费用假设（规划默认值，Low–Medium）',
  '留学费用为全包（学费、住宿、生活）年度费用，取 china-rules 区间中点；国内中小学为 finplan 选定的公办默认值。',
);

// ---------------------------------------------------------------------------------------------
// Household ratio reference ranges (§5)

export type Verdict = 'good' | 'watch' | 'poor';

/** A band [min, max) of values with a verdict; min/max absent means unbounded. */
export interface RatioBand {
  min?: string;
  max?: string;
  verdict: Verdict;
}

export interface RatioReference {
  name: string;
  formula: string;
  reference: string;
  bands: readonly RatioBand[];
}

export type RatioCode =
  | 'savingsRatio'
  | 'investmentToNetWorth'
  | 'solvencyRatio'
  | 'debtRatio'
  | 'currentRatio'
  | 'debtServiceRatio'
  | 'liquidityRatio'
  | 'consumptionRatio'
  | 'financialFreedom'
  | 'premiumBurden';

export const RATIO_REFERENCES: Dated<Readonly<Record<RatioCode, RatioReference>>> = assumption(
  {
    savingsRatio: {
      name: '结余比率',
      formula: '年结余 ÷ 年税后收入（结余 = 税后收入 − 总支出）',
      reference: '≥ 0.3（部分教材 0.1–0.25 可接受）',
      bands: [
        { max: '0.1', verdict: 'poor' },
        { min: '0.1', max: '0.3', verdict: 'watch' },
        { min: '0.3', verdict: 'good' },
      ],
    },
    investmentToNetWorth: {
      name: '投资与净资产比率',
      formula: '投资资产 ÷ 净资产',
      reference: '≈ 0.5（年轻家庭 0.2 左右亦属常见）',
      bands: [
        { max: '0.2', verdict: 'poor' },
        { min: '0.2', max: '0.5', verdict: 'watch' },
        { min: '0.5', verdict: 'good' },
      ],
    },
    solvencyRatio: {
      name: '清偿比率',
      formula: '净资产 ÷ 总资产',
      reference: '> 0.5（通常 0.6–0.7；接近 1 说明未利用信用）',
      bands: [
        { max: '0.5', verdict: 'poor' },
        { min: '0.5', verdict: 'good' },
      ],
    },
    debtRatio: {
      name: '负债比率',
      formula: '负债总额 ÷ 总资产',
      reference: '< 0.5（清偿比率 + 负债比率 = 1）',
      bands: [
        { max: '0.5', verdict: 'good' },
        { min: '0.5', verdict: 'poor' },
      ],
    },
    currentRatio: {
      name: '即付比率',
      formula: '流动资产 ÷ 负债总额',
      reference: '≈ 0.7',
      bands: [
        { max: '0.5', verdict: 'poor' },
        { min: '0.5', max: '0.7', verdict: 'watch' },
        { min: '0.7', verdict: 'good' },
      ],
    },
    debtServiceRatio: {
      name: '负债收入比率',
      formula: '年还本付息额 ÷ 同期税后收入',
      reference: '≤ 0.4（部分教材 0.36；税前口径 ≤ 0.5）',
      bands: [
        { max: '0.4', verdict: 'good' },
        { min: '0.4', max: '0.5', verdict: 'watch' },
        { min: '0.5', verdict: 'poor' },
      ],
    },
    liquidityRatio: {
      name: '流动性比率',
      formula: '流动性资产 ÷ 每月必要流出（必要生活支出 + 贷款月供 + 保费）',
      reference: '3–6（个月）；过高拖累收益',
      bands: [
        { max: '3', verdict: 'poor' },
        { min: '3', max: '6', verdict: 'good' },
        { min: '6', verdict: 'watch' },
      ],
    },
    consumptionRatio: {
      name: '消费比率',
      formula: '总支出 ÷ 税后收入（= 1 − 结余比率）',
      reference: '< 0.7',
      bands: [
        { max: '0.7', verdict: 'good' },
        { min: '0.7', max: '0.9', verdict: 'watch' },
        { min: '0.9', verdict: 'poor' },
      ],
    },
    financialFreedom: {
      name: '财务自由度',
      formula: '投资性（非工资）收入 ÷ 年支出',
      reference: '≥ 1 即财务自由',
      bands: [
        { max: '1', verdict: 'watch' },
        { min: '1', verdict: 'good' },
      ],
    },
    premiumBurden: {
      name: '保费负担率',
      formula: '保障型保费 ÷ 年收入',
      reference: '5%–15%，≈ 10%',
      bands: [
        { max: '0.05', verdict: 'watch' },
        { min: '0.05', max: '0.15', verdict: 'good' },
        { min: '0.15', verdict: 'poor' },
      ],
    },
  },
  'medium',
  '理财规划师（CHFP/AFP）教材口径，经 ≥ 4 个公开工具互相印证 [S29]',
  '参考值为教材口径（Medium）；good/watch/poor 的分档界线为 finplan 约定（Low），区间含下限不含上限。',
);

// ---------------------------------------------------------------------------------------------
// Heuristics used by the insurance and emergency-fund calculators

export interface InsuranceHeuristics {
  /** 双十原则: cover ≈ this × annual income. */
  coverIncomeMultiple: string;
  /** 双十原则: annual premium ≤ this share of annual income. */
  premiumIncomeShareMax: string;
}

export const INSURANCE_HEURISTICS: Dated<InsuranceHeuristics> = {
  value: { coverIncomeMultiple: '10', premiumIncomeShareMax: '0.1' },
  effectiveFrom: '2019-01-01',
  source: '双十原则（保险规划通行经验法则）[china-rules §6]',
  certainty: 'high',
  note: 'High 指它是通行的标准经验法则，不是法规。',
};

export interface EmergencyFundRule {
  stableMonths: { min: number; max: number };
  unstableMonths: { min: number; max: number };
  /** Whether 定期存款 counts as liquid by default. */
  timeDepositsLiquid: boolean;
}

export const EMERGENCY_FUND_RULE: Dated<EmergencyFundRule> = {
  value: { stableMonths: { min: 3, max: 6 }, unstableMonths: { min: 6, max: 12 }, timeDepositsLiquid: false },
  effectiveFrom: '2019-01-01',
  source: '理财规划教材口径：3–6 个月必要支出，收入不稳定 6–12 个月 [china-rules §5]',
  certainty: 'medium',
  note: '流动资产 = 现金、活期存款、货币基金；定期存款默认不计入（可提前支取但损失利息，可设置）。',
};

// ---------------------------------------------------------------------------------------------
// Client tiers and the risk questionnaire

export interface ClientTier {
  code: 'T0' | 'T1' | 'T2' | 'T3' | 'T4';
  /** Inclusive lower bound of financial assets, 元. */
  minAssets: string;
  name: string;
  servedBy: string;
}

export const CLIENT_TIERS: Dated<readonly ClientTier[]> = {
  value: [
    { code: 'T0', minAssets: '0', name: '大众客户', servedBy: '柜面/线上' },
    { code: 'T1', minAssets: '50000', name: '潜力客户', servedBy: '网点员工、大堂经理' },
    { code: 'T2', minAssets: '200000', name: '理财客户', servedBy: '理财经理' },
    { code: 'T3', minAssets: '1000000', name: '财富客户', servedBy: '个金科负责人、网点负责人' },
    { code: 'T4', minAssets: '5000000', name: '私行/高端客户', servedBy: '支行行长、财富管理中心' },
  ],
  effectiveFrom: '2019-01-01',
  source: '种子资料：银行个人客户分层维护方案（金融资产 5万/20万/100万/500万）[report-outline]',
  certainty: 'low',
  note: '各行分层标准不同（亦见 20–200 万、200 万+ 口径）；仅用于沙龙分组与服务级别。',
};

export interface QuestionnaireConvention {
  minAnswer: number;
  maxAnswer: number;
  levels: readonly RiskLevel[];
}

export const RISK_QUESTIONNAIRE: Dated<QuestionnaireConvention> = {
  value: { minAnswer: 1, maxAnswer: 5, levels: ['C1', 'C2', 'C3', 'C4', 'C5'] },
  effectiveFrom: '2019-01-01',
  source: 'finplan 约定（firm convention）',
  certainty: 'low',
  note: '每题 1–5 分；总分在 [题数, 5 × 题数] 上线性映射为 C1–C5：等级 = min(5, ⌊(总分 − 题数) ÷ (4 × 题数) × 5⌋ + 1)。各机构问卷与分档不同，请按本机构问卷替换。',
};

/** The C-level for questionnaire answers under RISK_QUESTIONNAIRE's linear convention. */
export function riskLevelFromAnswers(answers: readonly number[]): RiskLevel | undefined {
  const { minAnswer, maxAnswer, levels } = RISK_QUESTIONNAIRE.value;
  const n = answers.length;
  if (n === 0 || answers.some((a) => !Number.isInteger(a) || a < minAnswer || a > maxAnswer))
    return undefined;
  const total = answers.reduce((s, a) => s + a, 0);
  const span = (maxAnswer - minAnswer) * n;
  const index = Math.min(levels.length - 1, Math.floor(((total - minAnswer * n) * levels.length) / span));
  return levels[index];
}

/** The client tier for an amount of financial assets (元, as a decimal string or number). */
export function clientTierOf(financialAssets: DecimalLike): ClientTier {
  const amount = dec(financialAssets);
  let tier = CLIENT_TIERS.value[0] as ClientTier;
  for (const t of CLIENT_TIERS.value) if (amount.gte(t.minAssets)) tier = t;
  return tier;
}

/** Provenance-only view of an assumption (for echoing in calculator outputs). */
export function provenanceOf(d: Provenance & { effectiveFrom: string }): string {
  return `${d.source}（${d.certainty}）`;
}

export interface PurchasePolicy {
  /** How many years after the planned year a home may move to the first year it is funded. */
  maxPostponeYears: number;
  /** Later years tried by a full rerun at most (each candidate year is screened first). */
  maxVerifiedYears: number;
}

/**
 * What the plan does with a home whose down payment is not there in its year: it is not bought
 * with money that does not exist (a loan taken on an unpaid down payment would show a home and a
 * debt the household cannot have). It moves to the first later year the down payment is there,
 * within a window; beyond it the purchase is 无法实现 and the plan shows alternatives.
 */
export const PURCHASE_POLICY: Dated<PurchasePolicy> = {
  value: { maxPostponeYears: 10, maxVerifiedYears: 3 },
  effectiveFrom: '2019-01-01',
  source: 'finplan 规划约定：首付备足方可购房（先保障后理财；量入为出）',
  certainty: 'low',
  note: '首付未备足的购房目标顺延至首付备足的第一年，最多顺延 10 年；仍无法备足的列为“无法实现”，并给出替代方案（更低总价、推迟、增加储蓄）。',
};

export interface FundingPolicy {
  /** Share of the monthly surplus kept free for irregular spending: never allocated. */
  marginShare: string;
  /** A short emergency fund is topped up from the surplus over this many months. */
  emergencyTopUpMonths: number;
  /** The planner's order (先保障后理财). */
  order: readonly ('emergency' | 'debt' | 'protection' | 'goals' | 'optimisation')[];
}

export const FUNDING_POLICY: Dated<FundingPolicy> = {
  value: {
    marginShare: '0.1',
    emergencyTopUpMonths: 12,
    order: ['emergency', 'debt', 'protection', 'goals', 'optimisation'],
  },
  effectiveFrom: '2019-01-01',
  source: '理财规划通行顺序：先保障后理财——应急准备金、高息负债、保障、按优先级与时间的目标、优化',
  certainty: 'medium',
  note: '每月结余先留 10% 机动，其余依次安排：补足应急准备金（12 个月内）、偿还高息负债、新增保障的保费、各目标所需储蓄（必须 → 重要 → 期望，同级按时间先后）、个人养老金等优化；安排不下的部分列为缺口。',
};

/** 家庭生命周期: the ages that separate the textbook stages. */
export const LIFE_STAGES: Dated<{ childIndependentAge: number; retiredWithoutSchemeAge: number }> = {
  value: { childIndependentAge: 22, retiredWithoutSchemeAge: 60 },
  effectiveFrom: '2019-01-01',
  source:
    '理财规划师教材家庭生命周期：单身期、家庭形成期（结婚至子女出生）、家庭成长期（子女出生至子女完成学业）、家庭成熟期（子女独立至退休）、家庭衰老期（夫妻均退休）',
  certainty: 'medium',
  note: '子女按 22 岁（本科毕业）视为独立；无基本养老保险的成员按 60 岁视为退休。',
};

export interface HighInterestDebtPolicy {
  /** Debt types repaid first whatever their rate (consumer credit, credit cards). */
  alwaysTypes: readonly string[];
  /**
   * Any other debt is repaid first when its after-tax rate exceeds the expected return of the
   * recommended mix: the money earns less invested than it saves in interest. Mortgage interest
   * is deducted as a fixed 1,000 元 a month (住房贷款利息), not in proportion to the interest, so
   * the after-tax rate is the loan's own rate.
   */
  rateAbove: 'recommended_mix_expected_return';
  /** What assets cannot clear is repaid from the surplus over at most this many months. */
  payoffMonths: number;
}

/** 高息负债: which debt the funding pass repays before protection extras, goals and investing. */
export const HIGH_INTEREST_DEBT: Dated<HighInterestDebtPolicy> = {
  value: {
    alwaysTypes: ['consumer_credit', 'credit_card'],
    rateAbove: 'recommended_mix_expected_return',
    payoffMonths: 12,
  },
  effectiveFrom: '2019-01-01',
  source:
    '理财规划通行做法（AFP/CFP 教材"先还高息负债再投资"）：消费信贷与信用卡欠款优先偿还；其他负债的利率高于推荐组合的预期收益率时，提前还款优于投资',
  certainty: 'medium',
  note: '按利率从高到低偿还：先用应急准备金以外的可调用资产一次还清，不足部分在 12 个月内从每月结余中偿还（不超过贷款剩余期限）。住房贷款利息按每月 1,000 元定额扣除，与利率无关，故以贷款利率为税后利率。',
};

/** A change to the plan is called the most effective only when it moves the success rate this much. */
export const MIN_SUCCESS_GAIN: Dated<string> = {
  value: '0.05',
  effectiveFrom: '2019-01-01',
  source: 'finplan 规划约定：成功率变化小于 5 个百分点不足以称为有效调整',
  certainty: 'low',
};
