import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planFromInput } from '../../../src/api.js';
import { dec, sum } from '../../../src/domain/money.js';
import type { Plan } from '../../../src/engine/plan-types.js';
import { profileArb } from '../../helpers/arbitraries.js';
import { goodSampleNames, readSample } from '../../helpers/samples.js';

/** Opening + inflows − outflows = closing for every account, every year, exactly (decimal strings). */
function expectLedgerBalances(plan: Plan): void {
  for (const y of plan.projection.years) {
    for (const a of y.accounts) {
      const lhs = dec(a.opening).plus(a.inflows).minus(a.outflows);
      expect(lhs.toFixed(2), `${y.year} ${a.account}`).toBe(dec(a.closing).toFixed(2));
      expect(dec(a.closing).gte(0), `${y.year} ${a.account} closing ≥ 0`).toBe(true);
    }
  }
  // Each year opens with the previous year's closing balances.
  for (let i = 1; i < plan.projection.years.length; i++) {
    const prev = new Map(plan.projection.years[i - 1]!.accounts.map((a) => [a.account, a.closing]));
    for (const a of plan.projection.years[i]!.accounts)
      expect(a.opening, `${a.account}`).toBe(prev.get(a.account) ?? '0.00'); // unlisted: unused, zero
  }
}

describe('the ledger', () => {
  it.each(goodSampleNames())('balances every account every year: %s', (name) => {
    const plan = planFromInput(readSample(name));
    expectLedgerBalances(plan);
    const first = plan.projection.years[0]!;
    expect(first.year).toBe(2026);
    expect(first.months).toBe(2); // valuation 2026-11: November and December
  });

  it('opens with the balance sheet and runs to the last adult’s life expectancy', () => {
    const plan = planFromInput(readSample('family-with-children-education-and-retirement'));
    const opening = (account: string) =>
      plan.projection.years[0]!.accounts.find((a) => a.account === account)!.opening;
    const pool = sum(['cash', 'deposit', 'bond', 'equity'].map(opening));
    // Liquid 70,000 + investment 420,000 (time deposit, bond fund, index fund).
    expect(pool.toFixed(2)).toBe('490000.00');
    expect(opening('liabilities')).toBe('580000.00');
    // Self born 1986 (male, 85) → 2071; spouse born 1988 (female, 88) → 2076.
    expect(plan.projection.lastYear).toBe(2076);
  });

  it('nominal and real series agree through the price index', () => {
    const plan = planFromInput(readSample('retired-couple-shanghai'));
    for (const y of plan.projection.years) {
      const real = dec(y.netWorthEndNominal).div(y.priceIndex);
      expect(real.minus(y.netWorthEndReal).abs().lte('0.01')).toBe(true);
    }
    // 2% inflation compounds each January: 1.02^10 in the tenth year after 2026.
    expect(plan.projection.years.find((y) => y.year === 2036)!.priceIndex).toBe(
      dec('1.02').pow(10).toDecimalPlaces(12).toString(),
    );
  });

  it('never throws and always balances, for any valid household (property)', () => {
    fc.assert(
      fc.property(profileArb, (input) => {
        const plan = planFromInput(input); // throws on an invalid profile: never a skipped case
        expectLedgerBalances(plan);
      }),
      { numRuns: 40 },
    );
  });
});
