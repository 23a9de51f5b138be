/**
 * Cash benefits the state pays a household, as dated data — china-rules.md §1.2.
 *
 * 育儿补贴 is not a tax deduction but money in: the plan books it as the child's income, free of
 * 个税 and not indexed to inflation (the standard is a fixed national amount until changed).
 */
import type { Dated } from './dated.js';

export interface ChildcareSubsidy {
  /** 元 per child per year; accrues by month (÷ 12) for each month the child is under the age limit. */
  annualPerChild: string;
  /** Paid for the months before this age in months (不满 3 周岁 = the first 36 months of life). */
  underAgeMonths: number;
}

export const CHILDCARE_SUBSIDY: readonly Dated<ChildcareSubsidy>[] = [
  {
    value: { annualPerChild: '3600', underAgeMonths: 36 },
    effectiveFrom: '2025-01-01',
    source: '中共中央办公厅、国务院办公厅《育儿补贴制度实施方案》(2025-07) [S8]',
    cite: '中共中央办公厅、国务院办公厅《育儿补贴制度实施方案》，2025年7月',
    certainty: 'medium',
    note:
      '3 周岁以下婴幼儿每人每年 3,600 元，2025-01-01 起发放，此前出生且不满 3 周岁的按应享受月数折算；' +
      '免征个人所得税。规划按月折算（300 元/月），不随通胀调整。',
  },
];
