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

const monthOfDay = (day: string) => monthIndex(day.slice(0, 7));

/** 育儿补贴 per child with any in the period (nominal: the standard is a fixed amount). */
export function childcareSubsidies(h: HouseholdFacts, p: Period): ChildBenefit[] {
  const out: ChildBenefit[] = [];
  for (const child of h.children) {
    const born = monthIndex(child.member.birthMonth);
    let amount = ZERO;
    for (const e of RULE_SET.benefits.childcareSubsidy) {
      const from = Math.max(born, monthOfDay(e.effectiveFrom));
      const to = Math.min(
        born + e.value.underAgeMonths - 1,
        e.effectiveTo === undefined ? Number.POSITIVE_INFINITY : monthOfDay(e.effectiveTo),
      );
      const months = monthsIn(p, from, to);
      if (months > 0) amount = amount.plus(dec(e.value.annualPerChild).times(months).div(12));
    }
    if (!amount.isZero()) out.push({ memberId: child.member.id, amount });
  }
  return out;
}

/** The household's 育儿补贴 in the period. */
export function childcareSubsidyTotal(h: HouseholdFacts, p: Period): Dec {
  let total = ZERO;
  for (const b of childcareSubsidies(h, p)) total = total.plus(b.amount);
  return total;
}
