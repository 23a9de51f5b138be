/**
 * The 2025 retirement-age reform (渐进式延迟法定退休年龄) — china-rules.md §3.3.
 *
 * Rule as implemented by the official 对照表: let k = months from the reform's start month
 * (2025-01) to the ORIGINAL retirement month (birth month + original age). If k < 0 there is no
 * delay; otherwise delay = min(⌊k / stepMonths⌋ + 1, maxDelayMonths).
 */
import type { Dated } from './dated.js';

export type RetirementCategory = 'male60' | 'female55' | 'female50';

export interface ReformStep {
  /** Original statutory retirement age in years. */
  originalAge: number;
  /** Target age once the reform is complete. */
  targetAge: number;
  /** One month of delay per this many months of later original retirement. */
  stepMonths: number;
  maxDelayMonths: number;
}

export interface RetirementReform {
  /** First month of the reform, "YYYY-MM". */
  startMonth: string;
  categories: Readonly<Record<RetirementCategory, ReformStep>>;
  /** Flexible retirement: early by up to this many months (never below the original age). */
  flexibleEarlyMaxMonths: number;
  /** Flexible retirement: later, by agreement with the employer, by up to this many months. */
  flexibleLateMaxMonths: number;
}

export const RETIREMENT_REFORM: readonly Dated<RetirementReform>[] = [
  {
    value: {
      startMonth: '2025-01',
      categories: {
        male60: { originalAge: 60, targetAge: 63, stepMonths: 4, maxDelayMonths: 36 },
        female55: { originalAge: 55, targetAge: 58, stepMonths: 4, maxDelayMonths: 36 },
        female50: { originalAge: 50, targetAge: 55, stepMonths: 2, maxDelayMonths: 60 },
      },
      flexibleEarlyMaxMonths: 36,
      flexibleLateMaxMonths: 36,
    },
    effectiveFrom: '2025-01-01',
    source:
      '全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》(2024-09-13 通过，2025-01-01 施行) 及附件对照表 [S20][S21][S22]',
    cite: '全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》，2024年9月',
    certainty: 'high',
    note: '男 60→63、原 55 岁女职工 55→58：每 4 个月延迟 1 个月；原 50 岁女职工 50→55：每 2 个月延迟 1 个月。',
  },
];

export interface MinimumContributionSchedule {
  /** Minimum years for retirement years up to `firstRisingYear − 1`. */
  baseYears: string;
  /** First retirement year with a higher minimum. */
  firstRisingYear: number;
  /** Added per retirement year from `firstRisingYear` on. */
  stepYearsPerYear: string;
  maxYears: string;
}

export const MINIMUM_CONTRIBUTION_YEARS: readonly Dated<MinimumContributionSchedule>[] = [
  {
    value: { baseYears: '15', firstRisingYear: 2030, stepYearsPerYear: '0.5', maxYears: '20' },
    effectiveFrom: '2025-01-01',
    source: '《关于实施渐进式延迟法定退休年龄的决定》附件：按月领取基本养老金最低缴费年限 [S20][S21]',
    cite: '全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》附件，2024年9月',
    certainty: 'high',
    note: '2029 年前 15 年；2030 年起每年提高 6 个月；2039 年起 20 年。',
  },
];
