/**
 * retirement-age — 法定退休年龄（2025 年渐进式延迟退休改革）. china-rules.md §3.3 (High).
 *
 * original month = birth month + original age (60 / 55 / 50 years);
 * k = months from the reform's start (2025-01) to the original month;
 * delay = 0 if k < 0, else min(⌊k / step⌋ + 1, max)   (step 4 months, max 36 — or step 2, max 60
 * for 原50岁女职工); statutory month = original month + delay. Ages are given in whole years and
 * months from the birth month (a person born 1965-12 retiring 2026-03 is 60岁3个月).
 * 最低缴费年限 by the year of retirement: 15 up to 2029, then +0.5 per year from 2030, 20 from 2039.
 * 弹性退休: earliest = max(original month, statutory − 36 months); latest = statutory + 36 months
 * (the latter by agreement with the employer). Minimum years must be met to retire early.
 */
import { z } from 'zod';
import { Dec } from '../../domain/money.js';
import { addMonths, monthsBetween, yearOf } from '../../domain/month.js';
import type { Dated } from '../rules/dated.js';
import {
  RETIREMENT_REFORM,
  MINIMUM_CONTRIBUTION_YEARS,
  type RetirementCategory,
  type RetirementReform,
} from '../rules/retirement-age.js';
import type { MinimumContributionSchedule } from '../rules/retirement-age.js';
import {
  conventionOnly,
  intField,
  noAnswer,
  numberString,
  yearMonthField,
  type UsedRules,
} from './common.js';

const REFORM = RETIREMENT_REFORM[0] as Dated<RetirementReform>;
const MIN_YEARS = MINIMUM_CONTRIBUTION_YEARS[0] as Dated<MinimumContributionSchedule>;

export interface StatutoryRetirement {
  originalMonth: string;
  delayMonths: number;
  statutoryMonth: string;
  /** Age at the statutory month. */
  age: { years: number; months: number };
  /** Age in years as a decimal (months / 12). */
  ageYears: Dec;
}

/** Age in whole years and months between two months. */
export function ageAt(birthMonth: string, month: string): { years: number; months: number } {
  const total = monthsBetween(birthMonth, month);
  return { years: Math.floor(total / 12), months: total - Math.floor(total / 12) * 12 };
}

export function statutoryRetirement(
  birthMonth: string,
  category: RetirementCategory,
  reform: RetirementReform = REFORM.value,
): StatutoryRetirement {
  const step = reform.categories[category];
  const originalMonth = addMonths(birthMonth, step.originalAge * 12);
  const k = monthsBetween(reform.startMonth, originalMonth);
  const delayMonths = k < 0 ? 0 : Math.min(Math.floor(k / step.stepMonths) + 1, step.maxDelayMonths);
  const statutoryMonth = addMonths(originalMonth, delayMonths);
  const total = monthsBetween(birthMonth, statutoryMonth);
  return {
    originalMonth,
    delayMonths,
    statutoryMonth,
    age: ageAt(birthMonth, statutoryMonth),
    ageYears: new Dec(total).div(12),
  };
}

/** 最低缴费年限 for a retirement in `year`. */
export function minimumContributionYears(
  year: number,
  schedule: MinimumContributionSchedule = MIN_YEARS.value,
): Dec {
  if (year < schedule.firstRisingYear) return new Dec(schedule.baseYears);
  const rising = new Dec(schedule.baseYears).plus(
    new Dec(schedule.stepYearsPerYear).times(year - schedule.firstRisingYear + 1),
  );
  return Dec.min(rising, schedule.maxYears);
}

export interface FlexibleBounds {
  earliestMonth: string;
  latestMonth: string;
}

export function flexibleBounds(
  s: StatutoryRetirement,
  reform: RetirementReform = REFORM.value,
): FlexibleBounds {
  const early = addMonths(s.statutoryMonth, -reform.flexibleEarlyMaxMonths);
  return {
    earliestMonth: monthsBetween(s.originalMonth, early) < 0 ? s.originalMonth : early,
    latestMonth: addMonths(s.statutoryMonth, reform.flexibleLateMaxMonths),
  };
}

// ---------------------------------------------------------------------------------------------
// Calculator

export const retirementAgeInputSchema = z
  .strictObject({
    birthMonth: yearMonthField().describe('出生年月 YYYY-MM'),
    category: z
      .enum(['male60', 'female55', 'female50'])
      .describe(
        '类别：male60 男职工 / female55 原55岁退休女职工（女干部）/ female50 原50岁退休女职工（女工人）',
      ),
    flexibleMonths: intField(-36, 36)
      .optional()
      .describe('弹性退休：相对法定退休提前（负数）或延后（正数）的月数；提前不得早于原法定年龄'),
  })
  .describe('法定退休年龄计算器');

export type RetirementAgeInput = z.input<typeof retirementAgeInputSchema>;

export interface RetirementAgeOutput {
  birthMonth: string;
  category: RetirementCategory;
  originalRetirementMonth: string;
  originalAge: number;
  delayMonths: number;
  statutoryRetirementMonth: string;
  statutoryAge: { years: number; months: number };
  minimumContributionYears: string;
  flexible: {
    earliestMonth: string;
    latestMonth: string;
    earliestMinimumContributionYears: string;
  };
  chosen?: { month: string; age: { years: number; months: number }; minimumContributionYears: string };
  used: UsedRules & { reform: RetirementReform; minimumContributionSchedule: MinimumContributionSchedule };
}

export function runRetirementAge(input: z.output<typeof retirementAgeInputSchema>): RetirementAgeOutput {
  const s = statutoryRetirement(input.birthMonth, input.category);
  const bounds = flexibleBounds(s);
  const out: RetirementAgeOutput = {
    birthMonth: input.birthMonth,
    category: input.category,
    originalRetirementMonth: s.originalMonth,
    originalAge: REFORM.value.categories[input.category].originalAge,
    delayMonths: s.delayMonths,
    statutoryRetirementMonth: s.statutoryMonth,
    statutoryAge: s.age,
    minimumContributionYears: numberString(minimumContributionYears(yearOf(s.statutoryMonth))),
    flexible: {
      earliestMonth: bounds.earliestMonth,
      latestMonth: bounds.latestMonth,
      earliestMinimumContributionYears: numberString(minimumContributionYears(yearOf(bounds.earliestMonth))),
    },
    used: {
      ...conventionOnly([
        `${REFORM.source}（${REFORM.certainty}）`,
        `${MIN_YEARS.source}（${MIN_YEARS.certainty}）`,
      ]),
      effectiveDate: REFORM.effectiveFrom.slice(0, 7),
      reform: REFORM.value,
      minimumContributionSchedule: MIN_YEARS.value,
    },
  };
  if (input.flexibleMonths !== undefined) {
    const month = addMonths(s.statutoryMonth, input.flexibleMonths);
    if (monthsBetween(bounds.earliestMonth, month) < 0)
      throw noAnswer('flexibleMonths', '弹性提前退休不得早于原法定退休年龄');
    out.chosen = {
      month,
      age: ageAt(input.birthMonth, month),
      minimumContributionYears: numberString(minimumContributionYears(yearOf(month))),
    };
  }
  return out;
}
