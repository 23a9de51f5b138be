/**
 * Every enumerated value in a profile is an ASCII code with a Chinese label. Codes travel through
 * JSON, CSV columns and URLs unchanged; labels are what a client reads. One table per enum keeps the
 * two in step: the zod enum is built from the keys, the report reads the values.
 */

function codes<const T extends Record<string, string>>(labels: T) {
  const keys = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { labels, keys };
}

export const MEMBER_ROLES = codes({ self: '本人', spouse: '配偶', child: '子女', parent: '父母' });
export type MemberRole = keyof typeof MEMBER_ROLES.labels;

export const GENDERS = codes({ male: '男', female: '女' });
export type Gender = keyof typeof GENDERS.labels;

export const EMPLOYMENT_TYPES = codes({
  employee: '企业职工',
  civil_servant: '机关事业单位',
  self_employed: '个体/自由职业',
  business_owner: '企业主',
  retired: '已退休',
  student: '在读学生',
  not_working: '无工作',
});
export type EmploymentType = keyof typeof EMPLOYMENT_TYPES.labels;

export const INCOME_STABILITY = codes({ stable: '收入稳定', unstable: '收入不稳定' });
export type IncomeStability = keyof typeof INCOME_STABILITY.labels;

export const PENSION_SCHEMES = codes({
  urban_employee: '城镇职工基本养老保险',
  urban_rural_resident: '城乡居民基本养老保险',
  public_institution: '机关事业单位养老保险',
  none: '未参保',
});
export type PensionScheme = keyof typeof PENSION_SCHEMES.labels;

/** The three categories of the 2025 retirement-age reform, named by the original statutory age. */
export const RETIREMENT_CATEGORIES = codes({
  male60: '男职工（原60岁）',
  female55: '女干部/原55岁女职工',
  female50: '女工人/原50岁女职工',
});
export type RetirementCategory = keyof typeof RETIREMENT_CATEGORIES.labels;

export const AMOUNT_UNITS = codes({ month: '每月', year: '每年' });
export type AmountUnit = keyof typeof AMOUNT_UNITS.labels;

export const INCOME_TYPES = codes({
  salary: '工资薪金',
  bonus: '全年一次性奖金',
  business: '经营所得',
  rental: '租金收入',
  pension: '养老金',
  other: '其他收入',
});
export type IncomeType = keyof typeof INCOME_TYPES.labels;

export const SPENDING_CATEGORIES = codes({
  food: '餐饮食品',
  housing: '居住物业',
  rent: '房租',
  utilities: '水电燃气通讯',
  transport: '交通',
  clothing: '服饰',
  healthcare: '医疗保健',
  childcare: '子女养育',
  education: '子女日常教育',
  eldercare: '赡养父母',
  entertainment: '娱乐社交',
  travel: '旅行',
  other: '其他支出',
});
export type SpendingCategory = keyof typeof SPENDING_CATEGORIES.labels;

export const ASSET_TYPES = codes({
  cash: '现金及活期存款',
  time_deposit: '定期存款',
  money_market: '货币市场基金',
  bond: '债券及债券基金',
  equity: '股票及股票基金',
  real_estate_own: '自住房产',
  real_estate_investment: '投资性房产',
  housing_fund: '住房公积金账户',
  private_pension: '个人养老金账户',
  enterprise_annuity: '企业年金/职业年金',
  insurance_cash_value: '保单现金价值',
  business_equity: '企业股权',
  vehicle: '汽车',
  other: '其他资产',
});
export type AssetType = keyof typeof ASSET_TYPES.labels;

export const LIABILITY_TYPES = codes({
  mortgage: '住房贷款',
  car_loan: '汽车贷款',
  consumer_credit: '消费信贷',
  credit_card: '信用卡欠款',
  business_loan: '经营贷款',
  other: '其他负债',
});
export type LiabilityType = keyof typeof LIABILITY_TYPES.labels;

export const REPAYMENT_METHODS = codes({
  equal_payment: '等额本息',
  equal_principal: '等额本金',
  interest_only: '按期付息到期还本',
});
export type RepaymentMethod = keyof typeof REPAYMENT_METHODS.labels;

export const LOAN_SOURCES = codes({ commercial: '商业贷款', housing_fund: '公积金贷款' });
export type LoanSource = keyof typeof LOAN_SOURCES.labels;

export const RATE_TYPES = codes({ fixed: '固定利率', lpr_floating: 'LPR浮动利率' });
export type RateType = keyof typeof RATE_TYPES.labels;

export const INSURANCE_TYPES = codes({
  term_life: '定期寿险',
  whole_life: '终身寿险',
  critical_illness: '重大疾病保险',
  medical: '医疗保险',
  accident: '意外伤害保险',
  annuity: '年金保险',
  other: '其他保险',
});
export type InsuranceType = keyof typeof INSURANCE_TYPES.labels;

export const GOAL_TYPES = codes({
  education: '子女教育',
  home: '购房',
  car: '购车',
  retirement: '退休养老',
  startup: '创业',
  wedding: '婚嫁',
  parents: '赡养父母',
  travel: '旅行',
  custom: '其他目标',
});
export type GoalType = keyof typeof GOAL_TYPES.labels;

export const EDUCATION_STAGES = codes({
  preschool: '学前',
  primary: '小学',
  junior: '初中',
  senior: '高中',
  undergraduate: '大学本科',
  graduate: '研究生',
});
export type EducationStage = keyof typeof EDUCATION_STAGES.labels;

export const EDUCATION_LOCATIONS = codes({
  domestic: '国内',
  abroad_us: '美国留学',
  abroad_uk: '英国留学',
  abroad_au_ca: '澳大利亚/加拿大留学',
  abroad_hk: '中国香港求学',
  abroad_jp: '日本留学',
});
export type EducationLocation = keyof typeof EDUCATION_LOCATIONS.labels;

export const GOAL_PRIORITIES = codes({ essential: '必须实现', important: '重要', desirable: '期望' });
export type GoalPriority = keyof typeof GOAL_PRIORITIES.labels;

export const RISK_LEVELS = codes({ C1: '保守型', C2: '稳健型', C3: '平衡型', C4: '成长型', C5: '进取型' });
export type RiskLevel = keyof typeof RISK_LEVELS.labels;

export const GOAL_AMOUNT_UNITS = codes({ once: '一次性', year: '每年', month: '每月' });
export type GoalAmountUnit = keyof typeof GOAL_AMOUNT_UNITS.labels;
