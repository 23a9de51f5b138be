import { describe, expect, it } from 'vitest';
import { planFromInput, validate } from '../../../src/api.js';
import { runEngine } from '../../../src/engine/run.js';
import { childcareSubsidies } from '../../../src/engine/projection/benefits.js';
import { firstTwelveMonths, yearPeriod } from '../../../src/engine/projection/period.js';
import { readSample } from '../../helpers/samples.js';

type Json = Record<string, unknown> & { members: Array<Record<string, unknown>> };

/** The family sample (valued 2026-11) with the daughter born in the given month. */
function familyWithDaughterBorn(month: string): Json {
  const p = readSample('family-with-children-education-and-retirement') as Json;
  p.members.find((m) => m.id === 'daughter')!.birthMonth = month;
  return p;
}

function householdOf(raw: Json) {
  const v = validate(raw);
  if (!v.ok) throw new Error('sample no longer valid');
  return runEngine(v.profile).h;
}

// 《育儿补贴制度实施方案》: 3,600 元 a year per child under 3 from 2025-01-01, i.e. 300 元 a month;
// a child born before 2025 gets the months from 2025-01 only.
describe('育儿补贴', () => {
  const h = householdOf(familyWithDaughterBorn('2025-06'));
  const daughterIn = (year: number) =>
    childcareSubsidies(h, yearPeriod(year, 2026, h.valuationIndex))
      .byChild.find((b) => b.memberId === 'daughter')
      ?.amount.toFixed(2);

  it('pays 300 a month until the month before the third birthday', () => {
    expect(daughterIn(2026)).toBe('600.00'); // 2026-11 and 2026-12 (the plan starts at valuation)
    expect(daughterIn(2027)).toBe('3600.00');
    expect(daughterIn(2028)).toBe('1500.00'); // 2028-01 … 2028-05; three years old in 2028-06
    expect(daughterIn(2029)).toBeUndefined();
    // The son (born 2016) is long past three.
    expect(
      childcareSubsidies(h, yearPeriod(2027, 2026, h.valuationIndex)).byChild.map((b) => b.memberId),
    ).toEqual(['daughter']);
  });

  it('counts only the months from 2025-01 for a child born before the scheme', () => {
    const older = householdOf(familyWithDaughterBorn('2024-03'));
    // Under three until 2027-02: 2026-11 … 2027-10 holds 4 months (2026-11 … 2027-02).
    const p = firstTwelveMonths(older.valuationIndex, 2026);
    expect(childcareSubsidies(older, p).byChild[0]!.amount.toFixed(2)).toBe('1200.00');
  });

  it('is a tax-free income line of the 收支表 and of the ledger', () => {
    const plan = planFromInput(familyWithDaughterBorn('2025-06'));
    expect(plan.cashFlow.incomes).toContainEqual({
      memberId: 'daughter',
      type: 'other',
      label: '育儿补贴',
      gross: '3600.00',
    });
    // One month later: one month less subsidy in 2028 (300 元); the 婴幼儿照护 and 子女教育
    // deductions are both 2,000 a month, so nothing else in the year's income moves.
    const later = planFromInput(familyWithDaughterBorn('2025-05'));
    const y2028 = (p: typeof plan) => p.projection.years.find((y) => y.year === 2028)!;
    expect(y2028(plan).incomeTaxNominal).toBe(y2028(later).incomeTaxNominal);
    expect(Number(y2028(plan).netIncomeNominal) - Number(y2028(later).netIncomeNominal)).toBeCloseTo(300, 2);
    expect(Number(y2028(plan).grossIncomeNominal) - Number(y2028(later).grossIncomeNominal)).toBeCloseTo(
      300,
      2,
    );
  });
});
