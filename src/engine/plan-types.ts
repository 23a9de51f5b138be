/**
 * The Plan: the engine's answer, and the real product. The PDF, the HTTP JSON answer and the batch
 * summary are views of it.
 *
 * It is plain JSON: money as decimal strings in 元 with two decimals, rates as decimal-string
 * fractions, months as "YYYY-MM", years as numbers; no Decimal or Date objects. It crosses threads,
 * processes and queues unchanged and renders identically after a JSON round trip.
 *
 * The zod schema below is the single definition: the TypeScript types are inferred from it,
 * docs/plan.schema.json is generated from it (`npm run docs`), and compose() checks a Plan it is
 * given against it (a Plan may arrive over HTTP or from a batch queue). docs/plan-format.md explains
 * the fields.
 */
import { z } from 'zod';
import {
  ASSET_TYPES,
  EDUCATION_LOCATIONS,
  EDUCATION_STAGES,
  EMPLOYMENT_TYPES,
  GENDERS,
  GOAL_PRIORITIES,
  GOAL_TYPES,
  INCOME_TYPES,
  LIABILITY_TYPES,
  MEMBER_ROLES,
  PENSION_SCHEMES,
  REPAYMENT_METHODS,
  RETIREMENT_CATEGORIES,
  RISK_LEVELS,
  SPENDING_CATEGORIES,
} from '../domain/codes.js';
import { ACTION_CODES, FINDING_CODES } from './findings.js';

export const PLAN_FORMAT_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Building blocks

const moneyString = () =>
  z
    .string()
    .regex(/^-?\d{1,16}\.\d{2}$/)
    .describe('元，十进制文本，两位小数');
const rateString = () =>
  z
    .string()
    .regex(/^-?\d{1,8}(\.\d{1,12})?$/)
    .describe('比率或小数（0.035 = 3.5%）');
const yearMonth = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const year = () => z.number().int().min(1900).max(2300);
const enumOf = <T extends string>(t: { keys: readonly [T, ...T[]] }) => z.enum(t.keys as [T, ...T[]]);

export type MoneyString = string;
export type RateString = string;

// ---------------------------------------------------------------------------------------------
// Header, household, members, assumptions

const reportInfoSchema = z.strictObject({
  reportNumber: z.string(),
  plannerName: z.string().nullable(),
  plannerCertificate: z.string().nullable(),
  plannerPhone: z.string().nullable(),
  brand: z.string().nullable(),
  event: z
    .strictObject({ name: z.string(), date: z.string() })
    .optional()
    .describe('报告所为的活动（如理财沙龙）；档案没有填写时缺省'),
});

export const lifeStageSchema = z
  .enum(['single', 'formation', 'growth', 'maturity', 'retirement'])
  .describe('家庭生命周期：单身期 / 形成期 / 成长期 / 成熟期 / 退休期');
export type LifeStage = z.infer<typeof lifeStageSchema>;

const householdSchema = z.strictObject({
  familyName: z.string(),
  city: z.string(),
  cityCode: z.string().nullable().describe('规则表中的城市代码（如 beijing），规则中没有该城市则为 null'),
  clientTitle: z.string().describe('对客户的称呼，如"王先生"'),
  lifeStage: lifeStageSchema,
  riskLevel: enumOf(RISK_LEVELS),
  riskLevelSource: z.enum(['stated', 'questionnaire']),
  questionnaireScore: z.number().nullable(),
  riskAssessedOn: z.string().optional().describe('风险测评日期（档案填写时）'),
});

const memberRetirementSchema = z.strictObject({
  category: enumOf(RETIREMENT_CATEGORIES),
  categorySource: z.enum(['stated', 'defaulted']),
  statutoryMonth: yearMonth().describe('2025 年改革后的法定退休年月'),
  statutoryAgeYears: z.number().int(),
  statutoryAgeMonths: z.number().int(),
  plannedMonth: yearMonth().describe('规划中停止工资的年月（法定 ± 弹性退休）'),
  alreadyRetired: z.boolean(),
});
export type MemberRetirement = z.infer<typeof memberRetirementSchema>;

const planMemberSchema = z.strictObject({
  id: z.string(),
  role: enumOf(MEMBER_ROLES),
  name: z.string(),
  gender: enumOf(GENDERS),
  birthMonth: yearMonth(),
  ageAtValuation: z.number().int(),
  occupation: z.string().nullable(),
  employment: enumOf(EMPLOYMENT_TYPES).nullable(),
  pensionScheme: enumOf(PENSION_SCHEMES).nullable(),
  healthNotes: z.string().nullable(),
  lifeExpectancy: z.number().int(),
  lastYear: year().describe('规划中该成员在世的最后一个日历年'),
  retirement: memberRetirementSchema.nullable(),
});
export type PlanMember = z.infer<typeof planMemberSchema>;

const assumptionValueSchema = z.strictObject({
  value: rateString(),
  origin: z.enum(['default', 'profile']).describe('规则集缺省值或档案指定'),
  note: z.string().describe('取值理由（显示在报告"假设"一节）'),
});
export type AssumptionValue = z.infer<typeof assumptionValueSchema>;

export const assetClassSchema = z.enum([
  'cash',
  'deposit',
  'bond',
  'equity',
  'realEstate',
  'pensionAccount',
  'housingFund',
  'other',
]);
export type AssetClass = z.infer<typeof assetClassSchema>;

const assumptionsSchema = z.strictObject({
  inflation: assumptionValueSchema,
  incomeGrowth: assumptionValueSchema,
  educationInflation: assumptionValueSchema,
  educationInflationAbroad: assumptionValueSchema,
  medicalInflation: assumptionValueSchema,
  housePriceGrowth: assumptionValueSchema,
  pensionGrowth: assumptionValueSchema,
  averageWageGrowth: assumptionValueSchema,
  retirementSpendingRatio: assumptionValueSchema,
  returns: z.record(assetClassSchema, assumptionValueSchema),
  lifeExpectancyMale: z.number().int(),
  lifeExpectancyFemale: z.number().int(),
});
export type PlanAssumptions = z.infer<typeof assumptionsSchema>;

// ---------------------------------------------------------------------------------------------
// 资产负债表, 收支表, ratios, emergency fund

export const assetGroupSchema = z.enum(['liquid', 'investment', 'realEstate', 'retirement', 'other']);
export type AssetGroup = z.infer<typeof assetGroupSchema>;

const balanceSheetSchema = z.strictObject({
  assets: z.array(
    z.strictObject({
      type: enumOf(ASSET_TYPES),
      label: z.string(),
      group: assetGroupSchema,
      value: moneyString(),
    }),
  ),
  liabilities: z.array(
    z.strictObject({
      type: enumOf(LIABILITY_TYPES),
      label: z.string(),
      balance: moneyString(),
      annualRate: rateString(),
      monthsLeft: z.number().int(),
      method: enumOf(REPAYMENT_METHODS),
      monthlyPayment: moneyString().describe('估值月的月供（等额本金为首月）'),
    }),
  ),
  totals: z.strictObject({
    liquid: moneyString(),
    investment: moneyString(),
    realEstate: moneyString(),
    retirement: moneyString(),
    other: moneyString(),
    financialAssets: moneyString().describe('金融资产 = 流动 + 投资 + 个人养老金与年金账户（客户分层口径）'),
    totalAssets: moneyString(),
    totalLiabilities: moneyString(),
    netWorth: moneyString(),
  }),
});
export type BalanceSheet = z.infer<typeof balanceSheetSchema>;

const cashFlowSchema = z
  .strictObject({
    incomes: z.array(
      z.strictObject({
        memberId: z.string(),
        type: enumOf(INCOME_TYPES),
        label: z.string(),
        gross: moneyString(),
      }),
    ),
    taxes: z.array(
      z.strictObject({
        memberId: z.string(),
        grossSalary: moneyString(),
        bonus: moneyString(),
        socialInsurance: moneyString(),
        housingFund: moneyString(),
        specialAdditionalDeductions: moneyString(),
        salaryTax: moneyString(),
        bonusTax: moneyString(),
        bonusMethod: z.enum(['separate', 'merged', 'none']),
        otherTax: moneyString(),
        netIncome: moneyString(),
      }),
    ),
    spending: z.array(
      z.strictObject({
        category: enumOf(SPENDING_CATEGORIES),
        label: z.string(),
        essential: z.boolean(),
        annual: moneyString(),
      }),
    ),
    totals: z.strictObject({
      grossIncome: moneyString(),
      incomeTax: moneyString(),
      socialInsurance: moneyString(),
      housingFund: moneyString(),
      netIncome: moneyString(),
      essentialSpending: moneyString(),
      discretionarySpending: moneyString(),
      livingSpending: moneyString(),
      debtService: moneyString(),
      insurancePremiums: moneyString(),
      totalOutflow: moneyString(),
      surplus: moneyString(),
    }),
  })
  .describe('收支表：估值月起 12 个月，今日价格');
export type CashFlowStatement = z.infer<typeof cashFlowSchema>;

export const verdictSchema = z.enum(['good', 'watch', 'poor', 'na']);
export type Verdict = z.infer<typeof verdictSchema>;

export const ratioCodeSchema = z.enum([
  'savingsRatio',
  'investmentToNetWorth',
  'solvencyRatio',
  'debtRatio',
  'currentRatio',
  'debtServiceRatio',
  'liquidityRatio',
  'consumptionRatio',
  'financialFreedom',
  'premiumBurden',
]);
export type RatioCode = z.infer<typeof ratioCodeSchema>;

const ratioSchema = z.strictObject({
  code: ratioCodeSchema,
  name: z.string(),
  formula: z.string(),
  reference: z.string().describe('教材口径的参考范围'),
  value: rateString().nullable().describe('四位小数；无法计算时为 null，见 reason'),
  reason: z
    .enum(['zero_denominator', 'negative_denominator', 'net_assets_not_positive', 'no_liabilities'])
    .nullable()
    .describe(
      'value 为 null 的原因：分母为零、分母为负、净资产不为正、无负债；此时不作评价（verdict 为 na）',
    ),
  verdict: verdictSchema,
  basis: z.string().nullable().describe('分母口径（如"税后收入口径"）'),
});
export type RatioResult = z.infer<typeof ratioSchema>;

const emergencyFundSchema = z.strictObject({
  monthlyEssential: moneyString().describe('每月必要流出：必要生活支出 + 贷款月供 + 保费（今日价格）'),
  monthsMin: z.number().int(),
  monthsMax: z.number().int(),
  incomeStability: z.enum(['stable', 'unstable']),
  targetMin: moneyString(),
  targetMax: moneyString(),
  liquid: moneyString().describe('现金、活期与货币基金'),
  gap: moneyString().describe('距建议下限的缺口'),
  gapToMax: moneyString(),
  status: z.enum(['short', 'adequate', 'excess']),
  monthsCovered: rateString().nullable(),
});
export type EmergencyFundPlan = z.infer<typeof emergencyFundSchema>;

// ---------------------------------------------------------------------------------------------
// The yearly projection (ledger)

const accountFlowSchema = z
  .strictObject({
    account: z.string(),
    opening: moneyString(),
    inflows: moneyString(),
    outflows: moneyString(),
    closing: moneyString(),
  })
  .describe('期初 + 流入 − 流出 = 期末，逐年逐账户成立');
export type AccountFlow = z.infer<typeof accountFlowSchema>;

const projectionYearSchema = z.strictObject({
  year: year(),
  months: z.number().int().min(1).max(12),
  ages: z.record(z.string(), z.number().int()).describe('年末各成员年龄'),
  priceIndex: rateString().describe('估值月至当年的累计通胀系数'),
  grossIncomeNominal: moneyString(),
  incomeTaxNominal: moneyString(),
  socialInsuranceNominal: moneyString().describe('个人缴纳的社保与公积金'),
  netIncomeNominal: moneyString(),
  livingSpendingNominal: moneyString(),
  debtServiceNominal: moneyString(),
  insurancePremiumsNominal: moneyString(),
  goalSpendingNominal: moneyString(),
  netCashFlowNominal: moneyString().describe('税后收入 − 已支付的支出与目标（不含账户间转移）'),
  transfersInNominal: moneyString().describe('公积金、养老金账户转入现金的金额'),
  investmentReturnNominal: moneyString(),
  financialAssetsEndNominal: moneyString(),
  liabilitiesEndNominal: moneyString(),
  netWorthEndNominal: moneyString(),
  netIncomeReal: moneyString(),
  livingSpendingReal: moneyString(),
  netCashFlowReal: moneyString(),
  financialAssetsEndReal: moneyString(),
  netWorthEndReal: moneyString(),
  shortfallNominal: moneyString().describe('当年无法支付的支出与目标'),
  unpaidBillsNominal: moneyString().describe('当年未能支付的生活支出、贷款还款与保费（资金用尽）'),
  arrearsEndNominal: moneyString().describe('年末累计未还的贷款月供（计入负债）'),
  accounts: z.array(accountFlowSchema),
});
export type ProjectionYear = z.infer<typeof projectionYearSchema>;

const projectionSchema = z.strictObject({
  firstYear: year(),
  lastYear: year(),
  firstYearMonths: z.number().int(),
  conventions: z.array(z.string()).describe('年度内事件顺序与口径'),
  years: z.array(projectionYearSchema),
});
export type Projection = z.infer<typeof projectionSchema>;

// ---------------------------------------------------------------------------------------------
// Goals and planning modules

const clientTierSchema = z.strictObject({
  code: z.enum(['T0', 'T1', 'T2', 'T3', 'T4']),
  name: z.string(),
  servedBy: z.string(),
  financialAssets: moneyString(),
  minAssets: moneyString(),
});
export type ClientTierResult = z.infer<typeof clientTierSchema>;

export const goalStatusSchema = z
  .enum(['on_track', 'at_risk', 'short', 'postponed', 'unachievable'])
  .describe('可实现 / 有风险 / 资金不足 / 推迟实现（购房顺延至首付备足之年）/ 无法实现（购房不执行）');
export type GoalStatus = z.infer<typeof goalStatusSchema>;

const goalResultSchema = z.strictObject({
  goalId: z.string(),
  type: enumOf(GOAL_TYPES),
  label: z.string(),
  priority: enumOf(GOAL_PRIORITIES),
  memberId: z.string().nullable(),
  startYear: year(),
  endYear: year(),
  todayCost: moneyString().describe('今日价格（每年目标为每年金额；购房为首付）'),
  totalNominalCost: moneyString(),
  growth: rateString(),
  amountSource: z.enum(['profile', 'preset']),
  paidNominal: moneyString(),
  shortfallNominal: moneyString(),
  firstShortYear: year().nullable(),
  firstShortAmount: moneyString(),
  plannedYear: year().describe('档案中的目标年份；startYear 不同时为购房政策顺延后的年份'),
  shortAtPlannedYear: moneyString().describe('购房顺延或无法实现时：原定年份首付的缺口；否则 0'),
  policy: z
    .enum(['as_planned', 'postponed', 'unachievable'])
    .describe('购房政策：按计划 / 顺延至首付备足之年 / 窗口内无法备足，不购房'),
  status: goalStatusSchema,
});
export type GoalResult = z.infer<typeof goalResultSchema>;

const cashFlowEffectSchema = z.strictObject({
  annualToday: moneyString(),
  fromYear: year(),
  toYear: year().nullable(),
  oneOff: moneyString(),
});
export type CashFlowEffect = z.infer<typeof cashFlowEffectSchema>;

const coverLineSchema = z.strictObject({
  kind: z.enum(['life', 'criticalIllness', 'medical', 'accident']),
  need: moneyString()
    .nullable()
    .describe('建议保额：医疗险为百万医疗一般保额，意外险为标准保额，重疾险按收入规则，寿险按需求分析法'),
  existing: moneyString(),
  gap: moneyString().nullable(),
  covered: z.boolean(),
  order: z.number().int().describe('配置顺序：医疗/意外 → 重疾 → 寿险'),
  estimatedPremium: moneyString()
    .nullable()
    .describe('补足缺口的新保单年保费估算（典型费率）；已有保障或该年龄通常无法新投保时为 null'),
});
export type CoverLine = z.infer<typeof coverLineSchema>;

const memberInsuranceSchema = z.strictObject({
  memberId: z.string(),
  annualIncome: moneyString(),
  incomeShare: rateString(),
  lines: z.array(coverLineSchema),
  life: z
    .strictObject({
      doubleTen: moneyString().describe('双十原则（仅作参考与预算检查）'),
      humanLifeValue: moneyString().nullable().describe('生命价值法（仅作参考）'),
      needsAnalysis: moneyString().nullable(),
      needsComponents: z.array(z.strictObject({ code: z.string(), amount: moneyString() })),
      /** 遗属收入现值 (the surviving adults' after-tax labour income over the support years). */
      lessSurvivorsIncome: moneyString(),
      lessLiquidAssets: moneyString(),
      /** Members who depend on this income (spouse, parents, children not yet independent). */
      dependants: z.array(z.string()),
      /** Loans on which the member is the borrower and which would fall on the family. */
      debtOnFamily: moneyString(),
      survivorsYears: z.number().int().describe('遗属生活费计算年数'),
      recommended: moneyString(),
      method: z.enum(['needsAnalysis', 'humanLifeValue', 'doubleTen', 'none']),
    })
    .nullable(),
  /** The member's health notes name a condition: 投保时须如实告知 (the report prints the reminder). */
  healthDisclosure: z.boolean(),
});
export type MemberInsurance = z.infer<typeof memberInsuranceSchema>;

const insurancePlanSchema = z.strictObject({
  members: z.array(memberInsuranceSchema),
  householdIncome: moneyString().describe('家庭年收入（税前，含养老金、租金等全部来源，与收支表一致）'),
  currentPremiums: moneyString(),
  premiumBudget: moneyString().describe('双十原则：保费 ≤ 家庭年收入的 10%（预算检查，不是保额建议）'),
  premiumBudgetLeft: moneyString(),
  premiumShare: rateString().nullable(),
  newPremiums: moneyString().describe('建议新增保障的年保费估算合计'),
  premiumShareAfter: rateString().nullable().describe('补足保障后保费占家庭年收入比例'),
});
export type InsurancePlan = z.infer<typeof insurancePlanSchema>;

const educationGoalPlanSchema = z.strictObject({
  goalId: z.string(),
  childId: z.string().nullable(),
  stage: enumOf(EDUCATION_STAGES).nullable(),
  location: enumOf(EDUCATION_LOCATIONS).nullable(),
  startYear: year(),
  years: z.number().int(),
  annualCostToday: moneyString(),
  totalNominal: moneyString(),
  lumpSumToday: moneyString(),
  earmarked: moneyString().describe(
    '已有准备：指定的资产，及未指定用途、超出应急金上限的现有储蓄（按入学先后分配）',
  ),
  gapToday: moneyString(),
  monthlySaving: moneyString().nullable(),
  returnAssumption: rateString(),
  fundedInLedger: z.boolean(),
});
export type EducationGoalPlan = z.infer<typeof educationGoalPlanSchema>;

const educationPlanSchema = z.strictObject({
  goals: z.array(educationGoalPlanSchema),
  totalLumpSumToday: moneyString(),
  totalMonthlySaving: moneyString(),
});
export type EducationPlan = z.infer<typeof educationPlanSchema>;

const loanPrepaymentSchema = z.strictObject({
  label: z.string(),
  balance: moneyString(),
  annualRate: rateString(),
  amount: moneyString(),
  afterMonth: z.number().int(),
  shortenTermInterestSaved: moneyString(),
  shortenTermMonthsSaved: z.number().int(),
  lowerPaymentInterestSaved: moneyString(),
  lowerPaymentNewPayment: moneyString(),
  recommended: z.boolean(),
  type: enumOf(LIABILITY_TYPES),
  highInterest: z
    .boolean()
    .describe('高息负债：消费信贷、信用卡，或利率高于推荐组合预期收益率；优先于保障新增、目标储蓄与投资偿还'),
  monthsLeft: z.number().int(),
  monthlyPayment: moneyString().describe('当前每月还款额'),
  expectedReturn: rateString(),
});
export type LoanPrepaymentAdvice = z.infer<typeof loanPrepaymentSchema>;

const homePurchaseSchema = z.strictObject({
  goalId: z.string(),
  year: year(),
  priceNominal: moneyString(),
  downPaymentRatio: rateString(),
  minimumDownPaymentRatio: rateString(),
  downPayment: moneyString(),
  loan: moneyString(),
  loanRate: rateString(),
  loanMonths: z.number().int(),
  equalPaymentMonthly: moneyString(),
  equalPaymentTotalInterest: moneyString(),
  equalPrincipalFirstMonthly: moneyString(),
  equalPrincipalTotalInterest: moneyString(),
  housingFundRate: rateString().nullable(),
  housingFundSavingPer100k: moneyString().nullable(),
  paymentToIncome: rateString().nullable(),
  plannerMax: rateString(),
  bankMax: rateString(),
  bankPracticeMax: rateString().describe('多数银行实务中掌握的月供收入比（约 40%，低确定性）'),
  affordability: z
    .enum(['within_plan', 'above_plan', 'above_bank'])
    .describe(
      '月供 ÷ 税后收入：不超过规划上限 / 超过规划上限但在银行上限内 / 超过银行上限（不建议贷款，不做购房准备）',
    ),
  affordablePrice: moneyString(),
  affordable: z.boolean(),
  downPaymentFunded: z.boolean(),
});
export type HomePurchasePlan = z.infer<typeof homePurchaseSchema>;

const housingPlanSchema = z.strictObject({
  existingLoans: z.array(loanPrepaymentSchema),
  purchases: z.array(homePurchaseSchema),
});
export type HousingPlan = z.infer<typeof housingPlanSchema>;

const memberRetirementPlanSchema = z.strictObject({
  memberId: z.string(),
  retirementMonth: yearMonth(),
  monthlyPension: moneyString().nullable(),
  replacementRatio: rateString().nullable(),
  contributionYears: rateString().nullable(),
  minimumContributionYears: rateString().nullable(),
  privatePensionTaxSaving: moneyString(),
  marginalRate: rateString(),
});
export type MemberRetirementPlan = z.infer<typeof memberRetirementPlanSchema>;

const retirementPlanSchema = z.strictObject({
  retirementYear: year().nullable(),
  yearsInRetirement: z.number().int(),
  spendingToday: moneyString(),
  spendingAtRetirement: moneyString(),
  needReal: moneyString(),
  needNominal: moneyString(),
  pensionPv: moneyString(),
  goalsAfterRetirementPv: moneyString().describe('退休后到期的目标在退休时的现值'),
  assetsAtRetirement: moneyString().describe('分年预测中退休前一年年末的金融资产与公积金'),
  gap: moneyString().describe(
    '退休时的缺口（名义）：需求 + 退休后目标 − 养老金现值 − 退休时资产；负数表示有盈余',
  ),
  monthlySaving: moneyString().nullable(),
  returnBefore: rateString(),
  returnAfter: rateString(),
  members: z.array(memberRetirementPlanSchema),
  ledgerShortfallAge: z.number().int().nullable(),
  ledgerShortfallYear: year().nullable(),
});
export type RetirementPlan = z.infer<typeof retirementPlanSchema>;

const allocationMixSchema = z.strictObject({
  cash: rateString(),
  deposit: rateString(),
  bond: rateString(),
  equity: rateString(),
  expectedReturn: rateString(),
  volatility: rateString(),
});
export type AllocationMix = z.infer<typeof allocationMixSchema>;

const investmentPlanSchema = z.strictObject({
  riskLevel: enumOf(RISK_LEVELS),
  modelName: z.string(),
  current: allocationMixSchema,
  recommended: allocationMixSchema,
  moves: z.strictObject({
    cash: moneyString(),
    deposit: moneyString(),
    bond: moneyString(),
    equity: moneyString(),
  }),
  investable: moneyString().describe('可投资资产（偿还高息负债之后）'),
  debtRepaidFromAssets: moneyString().describe(
    '用于一次性偿还高息负债的资产（先从权益类、债券、定期中取出）',
  ),
  suitableProducts: z.array(z.string()),
  currentAboveLevel: z.boolean(),
  badYear: rateString(),
});
export type InvestmentPlan = z.infer<typeof investmentPlanSchema>;

const memberTaxPlanSchema = z.strictObject({
  memberId: z.string(),
  bonusMethod: z.enum(['separate', 'merged', 'none']),
  bonusSaving: moneyString(),
  bonusInInvalidInterval: z.boolean(),
  claimedDeductions: z.array(z.strictObject({ code: z.string(), amount: moneyString() })),
  possibleDeductions: z.array(z.string()),
  marginalRate: rateString(),
  privatePensionTaxSaving: moneyString(),
  annualTax: moneyString(),
});
export type MemberTaxPlan = z.infer<typeof memberTaxPlanSchema>;

const taxPlanSchema = z.strictObject({ members: z.array(memberTaxPlanSchema), bonusSeparateUntil: day() });
export type TaxPlan = z.infer<typeof taxPlanSchema>;

const otherGoalsPlanSchema = z.strictObject({
  goals: z.array(z.strictObject({ goalId: z.string(), monthlySaving: moneyString().nullable() })),
});
export type OtherGoalsPlan = z.infer<typeof otherGoalsPlanSchema>;
export type OtherGoalPlan = OtherGoalsPlan['goals'][number];

const planningModulesSchema = z.strictObject({
  emergency: emergencyFundSchema.extend({ recommendation: cashFlowEffectSchema.nullable() }),
  insurance: insurancePlanSchema,
  education: educationPlanSchema,
  housing: housingPlanSchema,
  retirement: retirementPlanSchema,
  investment: investmentPlanSchema,
  tax: taxPlanSchema,
  otherGoals: otherGoalsPlanSchema,
});
export type PlanningModules = z.infer<typeof planningModulesSchema>;

// ---------------------------------------------------------------------------------------------
// 资金安排 (the funding pass), 诊断 (one diagnosis) and 自检 (the plan's audit)

export const FUNDING_STEPS = ['emergency', 'debt', 'protection', 'goals', 'optimisation'] as const;

const fundingItemSchema = z.strictObject({
  step: z.enum(FUNDING_STEPS),
  code: z.enum(ACTION_CODES).describe('对应的行动代码'),
  goalId: z.string().nullable(),
  memberId: z.string().nullable(),
  kind: z.enum(['life', 'criticalIllness', 'medical', 'accident']).nullable().describe('保障类别'),
  loanLabel: z.string().nullable().describe('偿还的负债（高息负债一项一行）'),
  requestedMonthly: moneyString().describe('该项每月所需（元/月）'),
  fundedMonthly: moneyString().describe('从每月结余中安排的金额'),
  unfundedMonthly: moneyString().describe('结余不足、尚未安排的金额'),
  oneOff: moneyString().describe('由现有资产一次性安排的金额'),
});
export type FundingItem = z.infer<typeof fundingItemSchema>;

const fundingSchema = z
  .strictObject({
    monthlySurplus: moneyString().describe('未来 12 个月的月均结余（收支表）'),
    marginShare: rateString().describe('留作机动、不做安排的结余比例'),
    budget: moneyString().describe('可安排的月结余 = max(0, 月结余 × (1 − 机动比例))'),
    allocated: moneyString(),
    unallocated: moneyString(),
    assetsAvailable: moneyString().describe('可一次性调用的资产：可变现投资与超出应急金上限的现金'),
    assetsAllocated: moneyString(),
    order: z.array(z.enum(FUNDING_STEPS)).describe('安排顺序（先保障后理财）'),
    items: z.array(fundingItemSchema),
  })
  .describe('资金安排：每月结余与可调用资产按规划顺序分配到各项需要');
export type FundingPlan = z.infer<typeof fundingSchema>;

const diagnosisGoalSchema = z.strictObject({
  goalId: z.string(),
  status: goalStatusSchema,
  reason: z
    .enum(['funded', 'tight', 'ledger_short', 'postponed', 'not_bought'])
    .describe('按计划可实现 / 资金紧张 / 测算中当年资金不足 / 购房顺延 / 购房无法实现'),
  shortfall: moneyString().describe('资金缺口（名义）'),
  unfundedMonthly: moneyString().describe('所需月储蓄中结余无法安排的部分'),
  plannedYear: year(),
  scheduledYear: year().nullable().describe('实际安排的年份；无法实现时为 null'),
});

const diagnosisSchema = z
  .strictObject({
    household: z.strictObject({
      status: z.enum(['on_track', 'goals_short', 'money_runs_out']),
      moneyRunsOut: z
        .strictObject({ year: year(), age: z.number().int().nullable(), memberId: z.string() })
        .nullable()
        .describe('生活支出或贷款月供首次无法支付的年份与本人年龄'),
    }),
    success: z.strictObject({
      rate: rateString().describe('蒙特卡洛模拟中所有（已安排的）目标均实现的比例：全书唯一的成功率'),
      trials: z.number().int(),
    }),
    liquidity: z.strictObject({
      liquid: moneyString().describe('现金、活期存款与货币基金'),
      monthlyEssentialOutflow: moneyString().describe('每月必要支出 + 贷款月供 + 保费（未来 12 个月月均）'),
      months: rateString().nullable().describe('流动性月数 = 流动资产 ÷ 每月必要流出；全书唯一口径'),
    }),
    cash: z.strictObject({
      status: z.enum(['short', 'adequate', 'excess']),
      change: moneyString().describe('按建议配置，现金类的增减'),
    }),
    protection: z.strictObject({
      status: z.enum(['adequate', 'basic_missing', 'major_gap']),
      unfundedPremiums: moneyString().describe('结余无法安排的新保单保费（元/月）'),
    }),
    retirement: z.strictObject({
      status: z.enum(['on_track', 'gap', 'money_runs_out']),
      gap: moneyString(),
    }),
    goals: z.array(diagnosisGoalSchema),
    shortGoalIds: z.array(z.string()).describe('资金不足或无法实现的目标'),
    unfundedMonthly: moneyString().describe('各项需要中结余无法安排的合计（元/月）'),
  })
  .describe('诊断：所有状态、灯号、摘要与行动的唯一来源');
export type Diagnosis = z.infer<typeof diagnosisSchema>;

const alternativeOptionSchema = z.strictObject({
  code: z
    .enum(['current', 'later', 'smaller', 'later_and_smaller'])
    .describe('按档案原样 / 推迟 / 降低金额 / 推迟并降低金额'),
  year: year(),
  amountToday: moneyString().nullable().describe('目标金额（今日价格）；按预设费用的目标为 null'),
  funded: z.boolean().describe('目标能否在该年足额支付'),
  retirement: z.enum(['on_track', 'gap', 'money_runs_out']),
  moneyRunsOutAge: z.number().int().nullable(),
  successRate: rateString().describe('成功概率：主方案成功率 + 同一批模拟路径上的变化'),
});
export type AlternativeOption = z.infer<typeof alternativeOptionSchema>;

const alternativeSchema = z
  .strictObject({
    goalId: z.string(),
    current: alternativeOptionSchema,
    options: z.array(alternativeOptionSchema),
    best: alternativeOptionSchema.shape.code.nullable(),
  })
  .describe('方案对比：资金不足、顺延或无法实现的目标的替代方案');
export type Alternative = z.infer<typeof alternativeSchema>;

const auditCheckSchema = z.strictObject({
  id: z.string(),
  passed: z.boolean(),
  detail: z.string().describe('检查内容与实际数字（供开发与审核，不印在报告中）'),
});
export type AuditCheck = z.infer<typeof auditCheckSchema>;

const findingDataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const actionSchema = z.strictObject({
  code: z.enum(ACTION_CODES),
  module: z.enum([...planningModulesSchema.keyof().options, 'review']),
  due: yearMonth().describe('完成期限'),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  data: findingDataSchema,
});
export type Action = z.infer<typeof actionSchema>;

export const severitySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

const findingSchema = z
  .strictObject({
    code: z.enum(FINDING_CODES),
    module: z.enum([...planningModulesSchema.keyof().options, 'household']).optional(),
    severity: severitySchema,
    data: findingDataSchema,
  })
  .describe('发现：代码与数字；文字在 templates/findings/<code>.hbs');
export type Finding = z.infer<typeof findingSchema>;

// ---------------------------------------------------------------------------------------------
// 敏感性分析与压力测试, Monte Carlo

const effectSchema = z
  .strictObject({
    endingWealthReal: moneyString().describe('规划期末净资产（今日价值）'),
    endingWealthChange: moneyString(),
    retirementGap: moneyString(),
    retirementGapChange: moneyString(),
    totalShortfall: moneyString().describe('各年无法支付的支出与目标合计（名义）'),
    totalShortfallChange: moneyString(),
    moneyRunsOutAge: z
      .number()
      .int()
      .nullable()
      .describe('生活支出首次无法支付时本人的年龄；null 为资金可支撑到规划期末'),
    goals: z.array(z.strictObject({ goalId: z.string(), shortfall: moneyString(), change: moneyString() })),
  })
  .describe('一次重算的结果及其相对基本方案的变化');
export type Effect = z.infer<typeof effectSchema>;

const monteCarloSchema = z.strictObject({
  trials: z.number().int(),
  seed: z.number().int(),
  model: z.string(),
  failureDefinition: z.string(),
  successAll: rateString(),
  successAllCount: z.number().int(),
  mandatorySuccessRate: rateString(),
  goals: z.array(
    z.strictObject({
      goalId: z.string(),
      successRate: rateString(),
      successCount: z.number().int(),
      averageShortfall: moneyString(),
    }),
  ),
  depletion: z.strictObject({
    lastsToEndRate: rateString(),
    medianAge: z.number().int().nullable(),
    p10Age: z.number().int().nullable(),
    p90Age: z.number().int().nullable(),
  }),
  averageShortfall: moneyString(),
  percentiles: z.array(
    z.strictObject({
      year: year(),
      p10: moneyString(),
      p50: moneyString(),
      p90: moneyString(),
      p10Real: moneyString(),
      p50Real: moneyString(),
      p90Real: moneyString(),
    }),
  ),
});
export type MonteCarloSummary = z.infer<typeof monteCarloSchema>;

const riskSchema = z
  .strictObject({
    base: effectSchema,
    sensitivity: z.array(
      z.strictObject({
        code: z.string(),
        parameter: z.enum(['return', 'inflation', 'incomeGrowth', 'retirementAge', 'spending']),
        delta: z.string(),
        effect: effectSchema,
      }),
    ),
    stress: z.array(
      z.strictObject({
        code: z.enum([
          'market_crash_before_retirement',
          'income_loss_12_months',
          'critical_illness',
          'death_of_earner',
          'disability_long_term_care',
          'medical_cost_shock',
          'longevity_95',
          'lpr_up_150bp',
          'inflation_5pct_5y',
        ]),
        data: findingDataSchema,
        effect: effectSchema,
        additionalCoverNeeded: moneyString().nullable(),
      }),
    ),
    monteCarlo: monteCarloSchema,
    candidates: z.array(
      z.strictObject({
        code: z.enum(['save_more', 'spend_less', 'retire_later', 'lower_risk_allocation']),
        data: findingDataSchema,
        successAll: rateString(),
        successGain: rateString(),
        effect: effectSchema,
      }),
    ),
    bestChange: z.enum(['save_more', 'spend_less', 'retire_later', 'lower_risk_allocation']).nullable(),
  })
  .describe('敏感性分析、压力测试与蒙特卡洛模拟');
export type RiskResults = z.infer<typeof riskSchema>;

// ---------------------------------------------------------------------------------------------
// The Plan

export const planSchema = z
  .strictObject({
    planFormatVersion: z.literal(PLAN_FORMAT_VERSION),
    engineVersion: z.string(),
    ruleSetId: z.string(),
    rulesAsOf: day().describe('口径日期：规则集所描述的日期'),
    inputHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('档案规范化 JSON 的 sha256'),
    valuationMonth: yearMonth(),
    reportDate: day(),
    report: reportInfoSchema,
    household: householdSchema,
    members: z.array(planMemberSchema),
    assumptions: assumptionsSchema,
    balanceSheet: balanceSheetSchema,
    cashFlow: cashFlowSchema,
    ratios: z.array(ratioSchema),
    emergencyFund: emergencyFundSchema,
    projection: projectionSchema,
    tier: clientTierSchema,
    goals: z.array(goalResultSchema),
    planning: planningModulesSchema,
    funding: fundingSchema,
    diagnosis: diagnosisSchema,
    alternatives: z.array(alternativeSchema),
    actions: z.array(actionSchema),
    risk: riskSchema,
    findings: z.array(findingSchema),
    audit: z.array(auditCheckSchema).describe('自检：规划的内在一致性检查；任何一项失败都是程序错误'),
  })
  .describe('finplan 规划数据（Plan）');

export type Plan = z.infer<typeof planSchema>;

export type { EducationLocation, EducationStage, GoalPriority, GoalType } from '../domain/codes.js';
