/**
 * State benefits paid to the household in a period: today the 育儿补贴 for each child under 3.
 * Each dated entry pays for the months it is in force and the child is under its age limit, so a
 * child born before 2025 gets the months after 2025-01-01 only, as the 方案 prescribes.
 */
import { Dec, ZERO, dec } from '../../domain/money.js';
import { monthIndex } from '../../domain/month.js';
import type { HouseholdFacts } from '../household.js';
import { RULE_SET } from '../rules/ruleset.js';
import { monthsIn, type Period } from './period.js';

export interface ChildBenefit {
  memberId: string;
  amount: Dec;
}

/** A run of months (indices, inclusive) in which one child draws one entry's monthly amount. */
interface PaidMonths {
  memberId: string;
  from: number;
  to: number;
  monthly: Dec;
}

const monthOfDay = (day: string) => monthIndex(day.slice(0, 7));

// The ledger asks every year of every rerun; the months a child is paid for are fixed per household.
const paidMonthsByHousehold = new WeakMap<HouseholdFacts, PaidMonths[]>();

function paidMonths(h: HouseholdFacts): PaidMonths[] {
  let runs = paidMonthsByHousehold.get(h);
  if (runs) return runs;
  runs = [];
  for (const child of h.children) {
    const born = monthIndex(child.member.birthMonth);
    for (const e of RULE_SET.benefits.childcareSubsidy) {
      const from = Math.max(born, monthOfDay(e.effectiveFrom));
      const to = Math.min(
        born + e.value.underAgeMonths - 1,
        e.effectiveTo === undefined ? Number.POSITIVE_INFINITY : monthOfDay(e.effectiveTo),
      );
      if (to >= from)
        runs.push({ memberId: child.member.id, from, to, monthly: dec(e.value.annualPerChild).div(12) });
    }
  }
  paidMonthsByHousehold.set(h, runs);
  return runs;
}

/**
 * 育儿补贴 in the period, per child with any and in total (nominal: the standard is a fixed
 * amount, not indexed).
 */
export function childcareSubsidies(h: HouseholdFacts, p: Period): { byChild: ChildBenefit[]; total: Dec } {
  const byChild: ChildBenefit[] = [];
  let total = ZERO;
  for (const run of paidMonths(h)) {
    const months = monthsIn(p, run.from, run.to);
    if (months === 0) continue;
    const amount = run.monthly.times(months);
    const same = byChild.find((b) => b.memberId === run.memberId);
    if (same) same.amount = same.amount.plus(amount);
    else byChild.push({ memberId: run.memberId, amount });
    total = total.plus(amount);
  }
  return { byChild, total };
}
