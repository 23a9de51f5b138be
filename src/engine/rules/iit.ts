/**
 * Individual income tax (个人所得税, 居民个人综合所得) as dated data — china-rules.md §1.
 *
 * Amounts are decimal strings in 元, rates are fractions as strings. A bracket's `upTo` is its
 * inclusive upper bound (null for the top bracket): tax = taxable × rate − quickDeduction, which is
 * identical to the bracket-by-bracket sum.
 *
 * Dating convention for long-standing rules: the rule set covers tax years from 2019-01-01 (the
 * 2018 revision of the IIT law). A parameter already in force before that date is dated from
 * 2019-01-01 with a note, rather than with a recalled earlier date.
 */
import type { Dated } from './dated.js';

export interface TaxBracket {
  /** Inclusive upper bound of the bracket in 元; null for the top bracket. */
  upTo: string | null;
  rate: string;
  quickDeduction: string;
}

export const IIT_ANNUAL_TABLE: readonly Dated<readonly TaxBracket[]>[] = [
  {
    value: [
      { upTo: '36000', rate: '0.03', quickDeduction: '0' },
      { upTo: '144000', rate: '0.1', quickDeduction: '2520' },
      { upTo: '300000', rate: '0.2', quickDeduction: '16920' },
      { upTo: '420000', rate: '0.25', quickDeduction: '31920' },
      { upTo: '660000', rate: '0.3', quickDeduction: '52920' },
      { upTo: '960000', rate: '0.35', quickDeduction: '85920' },
      { upTo: null, rate: '0.45', quickDeduction: '181920' },
    ],
    effectiveFrom: '2019-01-01',
    source:
      '《中华人民共和国个人所得税法》(2018 修正) 附表一 综合所得税率表；国家税务总局公告2018年第61号 预扣率表（同表）[S1][S2][S3]',
    cite: '《中华人民共和国个人所得税法》（2018年修正）附表一',
    certainty: 'high',
    note: '全年应纳税所得额各级上限含本数；应纳税额 = 应纳税所得额 × 税率 − 速算扣除数。',
  },
];

/** 基本减除费用, 元 per year (5,000 元/月). */
export const IIT_BASIC_DEDUCTION: readonly Dated<string>[] = [
  {
    value: '60000',
    effectiveFrom: '2019-01-01',
    source: '《中华人民共和国个人所得税法》(2018 修正) 第六条 [S1][S3]',
    cite: '《中华人民共和国个人所得税法》（2018年修正）第六条',
    certainty: 'high',
    note: '每年 60,000 元，即每月 5,000 元；累计预扣法按 5,000 × 月数 扣除。',
  },
];

export interface SpecialAdditionalStandards {
  /** 3岁以下婴幼儿照护, 元/月 per child; null before the item existed. */
  infantCarePerChildMonthly: string | null;
  /** 子女教育, 元/月 per child. */
  childEducationPerChildMonthly: string;
  /** 赡养老人, 独生子女, 元/月. */
  elderlyOnlyChildMonthly: string;
  /** 赡养老人, 非独生子女: the total the siblings share, 元/月. */
  elderlySharedTotalMonthly: string;
  /** 赡养老人, 非独生子女: each sibling's share may not exceed this, 元/月. */
  elderlyShareCapMonthly: string;
  /** 住房贷款利息 (first home), 元/月. */
  housingLoanInterestMonthly: string;
  housingLoanInterestMaxMonths: number;
  /** 住房租金 by city class, 元/月. */
  housingRentMonthly: { class1: string; class2: string; class3: string };
  /** 继续教育 学历（学位）, 元/月, at most `continuingEducationDegreeMaxMonths` months. */
  continuingEducationDegreeMonthly: string;
  continuingEducationDegreeMaxMonths: number;
  /** 继续教育 职业资格, 元 once in the certificate year. */
  continuingEducationCertificate: string;
  /** 大病医疗: self-paid amount above this (元/年) is deductible ... */
  seriousIllnessThreshold: string;
  /** ... up to this cap (元/年). */
  seriousIllnessCap: string;
}

const COMMON_PRE_2023 = {
  childEducationPerChildMonthly: '1000',
  elderlyOnlyChildMonthly: '2000',
  elderlySharedTotalMonthly: '2000',
  elderlyShareCapMonthly: '1000',
  housingLoanInterestMonthly: '1000',
  housingLoanInterestMaxMonths: 240,
  housingRentMonthly: { class1: '1500', class2: '1100', class3: '800' },
  continuingEducationDegreeMonthly: '400',
  continuingEducationDegreeMaxMonths: 48,
  continuingEducationCertificate: '3600',
  seriousIllnessThreshold: '15000',
  seriousIllnessCap: '80000',
} as const;

export const IIT_SPECIAL_ADDITIONAL: readonly Dated<SpecialAdditionalStandards>[] = [
  {
    value: { ...COMMON_PRE_2023, infantCarePerChildMonthly: null },
    effectiveFrom: '2019-01-01',
    effectiveTo: '2021-12-31',
    source: '国发〔2018〕41号《个人所得税专项附加扣除暂行办法》[S5]',
    certainty: 'high',
    note: '2023 年前标准：子女教育 1,000、赡养老人 2,000（独生）或分摊每人不超过 1,000（分摊上限为回忆值，china-rules 未列）；尚无婴幼儿照护。',
  },
  {
    value: { ...COMMON_PRE_2023, infantCarePerChildMonthly: '1000' },
    effectiveFrom: '2022-01-01',
    effectiveTo: '2022-12-31',
    source: '国发〔2018〕41号；国发〔2022〕8号（新增3岁以下婴幼儿照护，自2022-01-01）[S4][S5]',
    certainty: 'high',
    note: '2022 年新增婴幼儿照护 1,000 元/月/每个婴幼儿；其他同 2019 年标准。',
  },
  {
    value: {
      ...COMMON_PRE_2023,
      infantCarePerChildMonthly: '2000',
      childEducationPerChildMonthly: '2000',
      elderlyOnlyChildMonthly: '3000',
      elderlySharedTotalMonthly: '3000',
      elderlyShareCapMonthly: '1500',
    },
    effectiveFrom: '2023-01-01',
    source:
      '国发〔2023〕13号《国务院关于提高个人所得税有关专项附加扣除标准的通知》；2026 年确认口径未变 [S4][S6]',
    cite: '国务院《关于提高个人所得税有关专项附加扣除标准的通知》（国发〔2023〕13号），2023年8月',
    certainty: 'high',
    note: '婴幼儿照护、子女教育各 2,000 元/月/每人；赡养老人 3,000（独生）或兄弟姐妹分摊 3,000、每人不超过 1,500；住房贷款利息与住房租金不能同时享受；大病医疗仅在年度汇算扣除。',
  },
];

export interface OtherDeductionCaps {
  /** 个人养老金 contributions deductible per year, 元. */
  privatePensionAnnualCap: string;
  /** Tax rate on 个人养老金 withdrawals (not merged into 综合所得). */
  privatePensionWithdrawalRate: string;
}

export const IIT_PRIVATE_PENSION: readonly Dated<OtherDeductionCaps>[] = [
  {
    value: { privatePensionAnnualCap: '12000', privatePensionWithdrawalRate: '0.03' },
    effectiveFrom: '2022-01-01',
    source:
      '财政部 税务总局公告2022年第34号（先行城市，自2022-01-01）；2024年第21号（全国）；人社部等五部门通知（2024-12-15 全面实施）[S7][S11]',
    cite: '财政部、税务总局公告2024年第21号，2024年12月',
    certainty: 'high',
    note: '缴费每年不超过 12,000 元据实扣除；领取时不并入综合所得，单独按 3% 计税。',
  },
];

/** 商业健康保险 deduction cap, 元 per year (200 元/月). */
export const IIT_COMMERCIAL_HEALTH_INSURANCE_CAP: readonly Dated<string>[] = [
  {
    value: '2400',
    effectiveFrom: '2019-01-01',
    source: '财税〔2017〕39号（回忆，china-rules §1.2 标为 Medium）',
    certainty: 'medium',
    note: '每年 2,400 元（每月 200 元）限额内据实扣除；2019 年前已在执行，规则集自 2019-01-01 起收录。',
  },
];

/** 企业年金/职业年金 individual contributions deferred, as a share of the contribution base. */
export const IIT_ENTERPRISE_ANNUITY_SHARE: readonly Dated<string>[] = [
  {
    value: '0.04',
    effectiveFrom: '2019-01-01',
    source: '财税〔2013〕103号（回忆，china-rules §1.2 标为 Medium）',
    certainty: 'medium',
    note: '个人缴付部分在本人缴费工资计税基数 4% 以内的暂从应纳税所得额中扣除。',
  },
];

/**
 * 全年一次性奖金 separate taxation: the monthly-equivalent table (the annual table ÷ 12), looked up
 * with bonus ÷ 12; the full monthly quick deduction is subtracted once. Expires 2027-12-31; from
 * 2028 a bonus is merged into 综合所得 unless the policy is extended again.
 */
export const IIT_BONUS_MONTHLY_TABLE: readonly Dated<readonly TaxBracket[]>[] = [
  {
    value: [
      { upTo: '3000', rate: '0.03', quickDeduction: '0' },
      { upTo: '12000', rate: '0.1', quickDeduction: '210' },
      { upTo: '25000', rate: '0.2', quickDeduction: '1410' },
      { upTo: '35000', rate: '0.25', quickDeduction: '2660' },
      { upTo: '55000', rate: '0.3', quickDeduction: '4410' },
      { upTo: '80000', rate: '0.35', quickDeduction: '7160' },
      { upTo: null, rate: '0.45', quickDeduction: '15160' },
    ],
    effectiveFrom: '2019-01-01',
    effectiveTo: '2027-12-31',
    source:
      '财税〔2018〕164号；财政部 税务总局公告2021年第42号；财政部 税务总局公告2023年第30号（执行至2027-12-31）[S2][S9][S10]',
    cite: '财政部、税务总局公告2023年第30号，2023年8月',
    certainty: 'high',
    note: '每个纳税年度只能使用一次；2027-12-31 后未见延续，奖金并入当年综合所得计税。',
  },
];

/** Rule identifier quoted when separate bonus taxation is not available. */
export const BONUS_SUNSET_RULE_ID = 'iit.bonus.separate-taxation.sunset-2027-12-31';
