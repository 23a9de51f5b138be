import { describe, expect, it } from 'vitest';
import { planFromInput } from '../../../src/api.js';
import { readSample } from '../../helpers/samples.js';

type Json = Record<string, unknown> & {
  members: Array<Record<string, unknown>>;
  incomes: Array<Record<string, unknown>>;
};

/**
 * The family sample, changed so that the higher earner retires while the children still give a
 * deduction: the spouse (female55, born 1972-03, 30,000 a month) reaches her reformed retirement
 * age of 55 years 9 months in 2027-12; the daughter (born 2021-07) is in education for decades more.
 */
function familyWithEarlyRetiringHigherEarner(): Json {
  const p = readSample('family-with-children-education-and-retirement') as Json;
  const spouse = p.members.find((m) => m.id === 'spouse')!;
  spouse.birthMonth = '1972-03';
  p.incomes.find((i) => i.memberId === 'spouse' && i.type === 'salary')!.amount = 30000;
  return p;
}

function withShares(p: Json, self: number, spouse: number): Json {
  const copy = structuredClone(p);
  for (const [id, share] of [
    ['self', self],
    ['spouse', spouse],
  ] as const) {
    const m = copy.members.find((x) => x.id === id)!;
    m.deductions = { ...(m.deductions as object | undefined), childrenEducationShare: share };
  }
  return copy;
}

const taxByYear = (p: Json) =>
  new Map(planFromInput(p).projection.years.map((y) => [y.year, y.incomeTaxNominal]));

describe("the children's deductions when the profile does not say who claims them", () => {
  const profile = familyWithEarlyRetiringHigherEarner();
  const unstated = taxByYear(profile);
  const spouseClaims = taxByYear(withShares(profile, 0, 1));
  const selfClaims = taxByYear(withShares(profile, 1, 0));

  it('go to the higher salary while that parent draws one', () => {
    expect(unstated.get(2027)).toBe(spouseClaims.get(2027));
    expect(unstated.get(2027)).not.toBe(selfClaims.get(2027));
  });

  it('pass to the parent still working once the higher earner retires', () => {
    // Regression: the holder used to be chosen once, so a retired parent kept the deductions
    // and the working parent paid tax on income the children's deductions should have covered.
    for (const year of [2029, 2030, 2035]) {
      expect(unstated.get(year), `${year}`).toBe(selfClaims.get(year));
      expect(unstated.get(year), `${year}`).not.toBe(spouseClaims.get(year));
    }
  });
});
