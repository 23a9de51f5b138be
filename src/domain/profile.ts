/**
 * The household profile, version 1: everything finplan knows about a household.
 *
 * Conventions (each documented in docs/profile.md and in the JSON Schema in docs/):
 * - money in 元, as a JSON number or a decimal string ("12345.67"); it is normalised to a decimal
 *   string so no binary float survives parsing;
 * - rates as fractions (0.035 for 3.5%), never percents;
 * - months as "YYYY-MM";
 * - enumerations as ASCII codes (see codes.ts for the Chinese labels);
 * - unknown keys are errors (a misspelt key must not be silently dropped).
 *
 * This module checks types and ranges field by field. Checks that relate two fields (a child older
 * than a parent, a goal before the valuation month) live in crossChecks.ts and run as a separate
 * pass, because zod skips refinements once any field has a type error and we report every problem
 * at once.
 */
import { z } from 'zod';
import {
  AMOUNT_UNITS,
  ASSET_TYPES,
  EDUCATION_LOCATIONS,
  EDUCATION_STAGES,
  EMPLOYMENT_TYPES,
  GENDERS,
  GOAL_AMOUNT_UNITS,
  GOAL_PRIORITIES,
  GOAL_TYPES,
  INCOME_STABILITY,
  INCOME_TYPES,
  INSURANCE_TYPES,
  LIABILITY_TYPES,
  LOAN_SOURCES,
  MEMBER_ROLES,
  PENSION_SCHEMES,
  RATE_TYPES,
  REPAYMENT_METHODS,
  RETIREMENT_CATEGORIES,
  RISK_LEVELS,
  SPENDING_CATEGORIES,
} from './codes.js';
import { LIMITS } from './limits.js';
import { YEAR_MONTH_PATTERN } from './month.js';

export const PROFILE_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Building blocks

const DECIMAL_STRING = new RegExp(`^-?\\d{1,15}(\\.\\d{1,${LIMITS.amountDecimals}})?$`);

/** Parse a JSON number or decimal string into a canonical decimal string, or report why not. */
function decimalInput(opts: { min: number; max: number; integerOnly?: boolean }) {
  return z.union([z.number(), z.string()], { error: 'invalid_decimal' }).transform((value, ctx) => {
    let text: string;
    const outOfRange = () =>
      ctx.addIssue({
        code: 'custom',
        message: 'out_of_range',
        params: { finplan: 'out_of_range', min: opts.min, max: opts.max },
      });
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        ctx.addIssue({ code: 'custom', message: 'not_finite', params: { finplan: 'not_finite' } });
        return z.NEVER;
      }
      if (value < opts.min || value > opts.max) {
        outOfRange();
        return z.NEVER;
      }
      // Number → shortest round-trip decimal text (0.1 stays "0.1", not 0.1000000000000000055).
      text = String(value);
      if (/e/i.test(text)) text = value.toFixed(LIMITS.amountDecimals).replace(/\.?0+$/, '');
    } else {
      text = value.trim();
    }
    if (!DECIMAL_STRING.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'invalid_decimal', params: { finplan: 'invalid_decimal' } });
      return z.NEVER;
    }
    const n = Number(text);
    if (n < opts.min || n > opts.max) {
      outOfRange();
      return z.NEVER;
    }
    if (opts.integerOnly && !Number.isInteger(n)) {
      ctx.addIssue({ code: 'custom', message: 'not_integer', params: { finplan: 'not_integer' } });
      return z.NEVER;
    }
    // Normalise "-0", "00012.50" etc. without going through a float.
    return normaliseDecimalText(text);
  });
}

function normaliseDecimalText(text: string): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [intPartRaw = '0', fracRaw = ''] = body.split('.');
  const intPart = intPartRaw.replace(/^0+(?=\d)/, '');
  const frac = fracRaw.replace(/0+$/, '');
  const out = frac ? `${intPart}.${frac}` : intPart;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

/** An amount of money in 元, non-negative, as a number or a decimal string. */
export const money = () => decimalInput({ min: 0, max: LIMITS.maxAmount });

/** A rate as a fraction within [min, max]. */
export const rate = (min: number, max: number) => decimalInput({ min, max });

const yearMonth = () => z.string().max(7).regex(YEAR_MONTH_PATTERN, { error: 'invalid_year_month' });

const shortText = () => z.string().trim().min(1).max(LIMITS.shortText);
const longText = () => z.string().trim().max(LIMITS.longText);

/** An identifier used to link records (a member id, an asset id): ASCII, short. */
const id = () =>
  z
    .string()
    .min(1)
    .max(LIMITS.shortText)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'invalid_id' });

const int = (min: number, max: number) => z.number().int().min(min).max(max);

function enumOf<T extends string>(table: { keys: readonly [T, ...T[]] }) {
  return z.enum(table.keys as [T, ...T[]]);
}

// ---------------------------------------------------------------------------------------------
// Sections

export const householdSchema = z
  .strictObject({
    familyName: shortText().describe('家庭称呼用的姓氏，如"王"（报告称"王先生家庭"）'),
    city: shortText().describe('常住城市，如"北京"；决定社保缴费基数上下限等地方参数'),
    valuationMonth: yearMonth().describe('估值年月 YYYY-MM：所有余额以此月初为准，预测从此月开始'),
  })
  .describe('家庭');

const socialInsuranceSchema = z
  .strictObject({
    base: money().optional().describe('社保缴费基数（元/月）；缺省时按月工资并套用所在城市上下限'),
    pensionRate: rate(0, 0.2).optional().describe('个人养老保险费率，缺省按规则（8%）'),
    medicalRate: rate(0, 0.1).optional().describe('个人医疗保险费率，缺省按规则（2%）'),
    unemploymentRate: rate(0, 0.05).optional().describe('个人失业保险费率，缺省按规则（0.5%）'),
    housingFundBase: money().optional().describe('公积金缴存基数（元/月），缺省同社保基数'),
    housingFundRate: rate(0, 0.12).optional().describe('公积金个人缴存比例（5%–12%）'),
  })
  .describe('五险一金（个人缴纳部分）');

const taxDeductionsSchema = z
  .strictObject({
    elderlySupportMonthly: decimalInput({ min: 0, max: 3000 })
      .optional()
      .describe(
        '赡养老人专项附加扣除（元/月）：独生子女 3000，非独生子女分摊且每人不超过 1500；缺省按家庭情况推定',
      ),
    childrenEducationShare: z
      .literal([0, 0.5, 1])
      .optional()
      .describe(
        '子女教育、婴幼儿照护扣除由本人扣除的比例：1 全额 / 0.5 各半 / 0；缺省逐年由当年仍领工资、工资较高的一方全额扣除',
      ),
    housingLoanInterest: z
      .boolean()
      .optional()
      .describe('是否扣除首套住房贷款利息（1000 元/月）；缺省：本人为房贷借款人时扣除'),
    housingRent: z.boolean().optional().describe('是否扣除住房租金；缺省：有房租支出且无房贷时扣除'),
    continuingEducation: z.boolean().optional().describe('是否在读学历继续教育（400 元/月）'),
    privatePensionAnnual: decimalInput({ min: 0, max: 12000 })
      .optional()
      .describe('每年缴存个人养老金（元，上限 12000），可在税前扣除'),
  })
  .describe('个税专项附加扣除与其他扣除');

export const memberSchema = z
  .strictObject({
    id: id().describe('成员编号（英文字母数字），供收入、保单、目标引用，如 "self"、"child1"'),
    role: enumOf(MEMBER_ROLES).describe('家庭角色：self 本人 / spouse 配偶 / child 子女 / parent 父母'),
    name: shortText().describe('姓名或称呼'),
    birthMonth: yearMonth().describe('出生年月 YYYY-MM'),
    gender: enumOf(GENDERS).describe('性别：male 男 / female 女'),
    occupation: longText().optional().describe('职业'),
    employment: enumOf(EMPLOYMENT_TYPES).optional().describe('就业类型'),
    incomeStability: enumOf(INCOME_STABILITY)
      .optional()
      .describe('收入稳定性：unstable 时应急准备金按 6–12 个月计'),
    pensionScheme: enumOf(PENSION_SCHEMES).optional().describe('参加的基本养老保险'),
    retirementCategory: enumOf(RETIREMENT_CATEGORIES)
      .optional()
      .describe('2025 年延迟退休改革下的类别：male60 / female55 / female50；缺省按性别取 male60 或 female55'),
    retired: z.boolean().optional().describe('是否已退休'),
    retirementDelayMonths: int(-36, 36)
      .optional()
      .describe('弹性退休：相对法定退休年龄提前（负数）或延后（正数）的月数，最多 36 个月'),
    contributionYears: rate(0, 60).optional().describe('截至估值月已累计缴费年限（年，可含小数）'),
    personalAccountBalance: money().optional().describe('基本养老保险个人账户储存额（元）'),
    averageContributionIndex: rate(0.6, 3).optional().describe('平均缴费指数（0.6–3.0）'),
    socialInsurance: socialInsuranceSchema.optional(),
    deductions: taxDeductionsSchema.optional(),
    healthNotes: longText().optional().describe('健康状况备注（仅用于保险规划提示）'),
    lifeExpectancy: int(40, 110).optional().describe('规划寿命（岁）；缺省按假设中的规划寿命'),
  })
  .describe('家庭成员');

export const incomeSchema = z
  .strictObject({
    memberId: id().describe('收入所属成员的编号'),
    type: enumOf(INCOME_TYPES).describe('收入类型'),
    label: shortText().optional().describe('说明'),
    amount: money().describe(
      '金额（元）：工资薪金和全年一次性奖金填税前金额（个税与五险一金由规划按规则计算）；经营所得、租金、养老金和其他收入填到手金额（税后）',
    ),
    unit: enumOf(AMOUNT_UNITS).describe('金额单位：month 每月 / year 每年'),
    growth: rate(-0.5, 0.5)
      .optional()
      .describe('年增长率（小数）；缺省：工资奖金按收入增长率，养老金按养老金调整率，其他按通货膨胀率'),
    startMonth: yearMonth().optional().describe('开始年月（缺省为估值月）'),
    endMonth: yearMonth().optional().describe('结束年月（缺省：工资至退休，其他至寿命终）'),
  })
  .describe('收入');

export const spendingSchema = z
  .strictObject({
    category: enumOf(SPENDING_CATEGORIES).describe('支出类别'),
    label: shortText().optional().describe('说明'),
    essential: z.boolean().describe('是否必要支出（应急准备金按必要支出计）'),
    amount: money().describe('金额（元，今日价格）'),
    unit: enumOf(AMOUNT_UNITS).describe('金额单位：month 每月 / year 每年'),
    growth: rate(-0.2, 0.3).optional().describe('年增长率；缺省按通货膨胀率'),
    endMonth: yearMonth().optional().describe('结束年月（如子女养育费至独立）'),
    continuesInRetirement: z.boolean().optional().describe('退休后是否继续（缺省继续）'),
  })
  .describe('支出');

export const assetSchema = z
  .strictObject({
    id: id().optional().describe('资产编号，供目标指定资金来源'),
    type: enumOf(ASSET_TYPES).describe('资产类型'),
    label: shortText().optional().describe('说明'),
    value: money().describe('估值月的市值或余额（元）'),
    ownerId: id().optional().describe('所属成员编号'),
    annualIncome: money().optional().describe('每年产生的到手收入（如税后租金，元/年）；随通货膨胀增长'),
  })
  .describe('资产');

export const liabilitySchema = z
  .strictObject({
    id: id().optional().describe('负债编号'),
    type: enumOf(LIABILITY_TYPES).describe('负债类型'),
    label: shortText().optional().describe('说明'),
    balance: money().describe('估值月的剩余本金（元）'),
    annualRate: rate(0, 0.36).describe('年利率（小数，如 0.031）'),
    monthsLeft: int(1, LIMITS.maxLoanMonths).describe('剩余还款月数'),
    method: enumOf(REPAYMENT_METHODS).describe('还款方式：equal_payment 等额本息 / equal_principal 等额本金'),
    source: enumOf(LOAN_SOURCES).optional().describe('贷款来源：commercial 商贷 / housing_fund 公积金'),
    rateType: enumOf(RATE_TYPES).optional().describe('利率类型：fixed 固定 / lpr_floating LPR 浮动'),
    lprSpread: rate(-0.05, 0.05).optional().describe('LPR 加点（小数，可为负，如 -0.0045）'),
    borrowerId: id().optional().describe('借款人成员编号'),
  })
  .describe('负债');

export const insurancePolicySchema = z
  .strictObject({
    type: enumOf(INSURANCE_TYPES).describe('险种'),
    label: shortText().optional().describe('产品名称或说明'),
    insuredId: id().describe('被保险人成员编号'),
    sumAssured: money().describe('保额（元）'),
    annualPremium: money().describe('年缴保费（元）'),
    premiumYearsLeft: int(0, LIMITS.maxPolicyYears).describe('剩余缴费年数（0 表示已缴清）'),
    coverUntilAge: int(1, 120).optional().describe('保障至被保险人多少岁；缺省终身'),
  })
  .describe('保单');

const educationSchema = z
  .strictObject({
    stage: enumOf(EDUCATION_STAGES).describe('教育阶段'),
    location: enumOf(EDUCATION_LOCATIONS).describe('就读地：domestic 国内 / abroad_* 留学'),
  })
  .describe('教育目标细节');

export const goalSchema = z
  .strictObject({
    id: id().describe('目标编号'),
    type: enumOf(GOAL_TYPES).describe('目标类型'),
    label: shortText().optional().describe('目标名称'),
    memberId: id().optional().describe('相关成员编号（子女教育为该子女，退休为该成员）'),
    year: int(1900, LIMITS.latestYear).optional().describe('开始年份（与 age 二选一）'),
    age: int(0, 120).optional().describe('相关成员开始时的年龄（与 year 二选一）'),
    amount: money().optional().describe('金额（元，今日价格）；教育目标可缺省，按教育费用预设'),
    unit: enumOf(GOAL_AMOUNT_UNITS).optional().describe('金额单位：once 一次性 / year 每年 / month 每月'),
    years: int(1, 60).optional().describe('持续年数（每年或每月的目标）'),
    priority: enumOf(GOAL_PRIORITIES).describe('优先级：essential 必须 / important 重要 / desirable 期望'),
    growth: rate(-0.2, 0.3).optional().describe('费用年增长率；缺省按目标类型的假设'),
    downPaymentRatio: rate(0.15, 1).optional().describe('购房/购车首付比例（小数）'),
    education: educationSchema.optional(),
    fundingAssetId: id().optional().describe('指定的资金来源资产编号'),
  })
  .describe('理财目标');

export const riskProfileSchema = z
  .strictObject({
    level: enumOf(RISK_LEVELS).optional().describe('风险承受能力等级 C1–C5（与问卷二选一）'),
    questionnaire: z
      .array(int(1, 5))
      .min(1)
      .max(LIMITS.questionnaireAnswers)
      .optional()
      .describe('风险测评问卷各题得分（1–5 分），按评分规则换算等级'),
    assessedOn: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'invalid_date' })
      .optional()
      .describe('风险测评日期（YYYY-MM-DD），印在客户确认页'),
  })
  .describe('风险承受能力');

const assetClassReturnsSchema = z
  .strictObject({
    cash: rate(-0.5, 1).optional().describe('现金及货币基金年收益率'),
    deposit: rate(-0.5, 1).optional().describe('定期存款年利率'),
    bond: rate(-0.5, 1).optional().describe('债券及债券基金年收益率'),
    equity: rate(-0.5, 1).optional().describe('股票及股票基金年收益率'),
    realEstate: rate(-0.5, 1).optional().describe('房产年增值率'),
    pensionAccount: rate(-0.5, 1).optional().describe('个人养老金/企业年金账户年收益率'),
    housingFund: rate(-0.5, 1).optional().describe('公积金账户年利率'),
    other: rate(-0.5, 1).optional().describe('其他资产年收益率'),
  })
  .describe('各类资产收益率假设（名义）');

export const assumptionOverridesSchema = z
  .strictObject({
    inflation: rate(-0.1, 0.3).optional().describe('通货膨胀率'),
    incomeGrowth: rate(-0.2, 0.3).optional().describe('工资收入年增长率'),
    educationInflation: rate(-0.1, 0.3).optional().describe('国内教育费用年增长率'),
    educationInflationAbroad: rate(-0.1, 0.3).optional().describe('海外教育费用年增长率'),
    medicalInflation: rate(-0.1, 0.3).optional().describe('医疗费用年增长率'),
    housePriceGrowth: rate(-0.3, 0.3).optional().describe('房价年增长率'),
    pensionGrowth: rate(-0.1, 0.2).optional().describe('养老金年调整率'),
    averageWageGrowth: rate(-0.1, 0.2).optional().describe('社会平均工资年增长率（养老金计发基数）'),
    socialAverageWage: money()
      .optional()
      .describe('本省上年度在岗职工月平均工资（养老金计发基数，元/月）；缺省按缴费基数 ÷ 平均缴费指数推算'),
    returns: assetClassReturnsSchema.optional(),
    retirementSpendingRatio: rate(0.3, 1.5).optional().describe('退休后生活支出相对退休前的比例'),
    lifeExpectancyMale: int(50, 110).optional().describe('男性规划寿命'),
    lifeExpectancyFemale: int(50, 110).optional().describe('女性规划寿命'),
  })
  .describe('假设覆盖（缺省用规则集中的 2026 年默认假设）');

export const reportOptionsSchema = z
  .strictObject({
    reportNumber: z
      .string()
      .max(LIMITS.shortText)
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'invalid_id' })
      .optional()
      .describe('报告编号'),
    planner: z
      .strictObject({
        name: shortText().describe('理财师姓名'),
        certificate: shortText().optional().describe('资格证书，如 CFP®、AFP'),
        phone: z
          .string()
          .max(LIMITS.shortText)
          .regex(/^[0-9+\- ]+$/, { error: 'invalid_phone' })
          .optional()
          .describe('联系电话'),
      })
      .optional()
      .describe('理财师'),
    brand: z
      .string()
      .max(LIMITS.shortText)
      .regex(/^[a-z0-9-]+$/, { error: 'invalid_id' })
      .optional()
      .describe('品牌名（templates/brands 下的目录名）'),
    reportDate: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'invalid_date' })
      .optional()
      .describe('报告日期 YYYY-MM-DD；缺省为估值月的 1 日'),
    clientTitle: shortText().optional().describe('对客户的称呼，如"王先生"；缺省按本人的姓氏与性别'),
    event: z
      .strictObject({
        name: shortText().describe('活动名称，如"2026 秋季理财沙龙"'),
        date: z
          .string()
          .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'invalid_date' })
          .describe('活动日期 YYYY-MM-DD'),
      })
      .optional()
      .describe('报告所为的活动（如理财沙龙）：名称与日期印在封面'),
  })
  .describe('报告选项');

export const profileSchema = z
  .strictObject({
    version: z.literal(PROFILE_VERSION).describe('档案格式版本，当前为 1'),
    household: householdSchema,
    members: z.array(memberSchema).min(1).max(LIMITS.members).describe('家庭成员（至少包括本人）'),
    incomes: z.array(incomeSchema).max(LIMITS.incomes).default([]).describe('收入'),
    spending: z.array(spendingSchema).max(LIMITS.spending).default([]).describe('支出'),
    assets: z.array(assetSchema).max(LIMITS.assets).default([]).describe('资产'),
    liabilities: z.array(liabilitySchema).max(LIMITS.liabilities).default([]).describe('负债'),
    insurance: z.array(insurancePolicySchema).max(LIMITS.insurancePolicies).default([]).describe('已有保单'),
    goals: z.array(goalSchema).max(LIMITS.goals).default([]).describe('理财目标'),
    risk: riskProfileSchema,
    assumptions: assumptionOverridesSchema.optional(),
    report: reportOptionsSchema.optional(),
  })
  .describe('finplan 家庭档案');

/** A profile after parsing: money and rates are canonical decimal strings. */
export type Profile = z.output<typeof profileSchema>;
/** What a caller may send (numbers or strings for money). */
export type ProfileInput = z.input<typeof profileSchema>;
export type Member = Profile['members'][number];
export type Income = Profile['incomes'][number];
export type Spending = Profile['spending'][number];
export type Asset = Profile['assets'][number];
export type Liability = Profile['liabilities'][number];
export type InsurancePolicy = Profile['insurance'][number];
export type Goal = Profile['goals'][number];
export type AssumptionOverrides = NonNullable<Profile['assumptions']>;
export type ReportOptions = NonNullable<Profile['report']>;
