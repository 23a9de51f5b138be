/**
 * Housing affordability as a gate (issue 13, item 2). Lines as dated data: the bank's 50%
 * (银监发〔2004〕57号 第二十九条, BANK_AFFORDABILITY_LINES), the ~40% many banks apply in practice
 * (BANK_PRACTICE_AFFORDABILITY, low certainty) and the planner's 40% of after-tax income
 * (PLANNER_AFFORDABILITY). Above the bank's line the plan prepares no purchase and advises no loan;
 * it gives the affordable price = planned down payment + the loan whose 等额本息 payment is 40% of
 * the purchase year's after-tax monthly income.
 */
import { describe, expect, it } from 'vitest';
import { planFromInput } from '../../../src/api.js';
import { dec } from '../../../src/domain/money.js';
import type { ProfileInput } from '../../../src/domain/profile.js';
import { failedChecks } from '../../../src/engine/audit.js';
import { levelPayment } from '../../../src/engine/calculators/mortgage.js';
import { BANK_PRACTICE_AFFORDABILITY } from '../../../src/engine/rules/loans.js';

/** A Chengdu employee on 10,000 a month with 65万 saved, buying in 2027 with 30% down. */
function homeAt(price: number) {
  const p: ProfileInput = {
    version: 1,
    household: { familyName: '李', city: '成都', valuationMonth: '2026-11' },
    members: [
      {
        id: 'self',
        role: 'self',
        name: '李明',
        birthMonth: '1991-06',
        gender: 'male',
        employment: 'employee',
        pensionScheme: 'urban_employee',
        contributionYears: 10,
      },
    ],
    incomes: [{ memberId: 'self', type: 'salary', amount: 10_000, unit: 'month' }],
    spending: [{ category: 'food', essential: true, amount: 4_000, unit: 'month' }],
    assets: [
      { type: 'cash', value: 50_000 },
      { type: 'bond', value: 600_000 },
    ],
    liabilities: [],
    insurance: [],
    goals: [
      {
        id: 'home',
        type: 'home',
        year: 2027,
        amount: price,
        unit: 'once',
        downPaymentRatio: 0.3,
        priority: 'important',
      },
    ],
    risk: { level: 'C3' },
  };
  return planFromInput(p, { risk: { trials: 100, candidateTrials: 50 } });
}

describe('housing affordability gate', () => {
  it('the stricter bank practice is dated data with its source', () => {
    expect(BANK_PRACTICE_AFFORDABILITY[0]!.value.housingToIncomeMax).toBe('0.4');
    expect(BANK_PRACTICE_AFFORDABILITY[0]!.certainty).toBe('low');
  });

  it('between 40% and 50%: prepared for, with the stricter bank practice named', () => {
    const plan = homeAt(1_190_000);
    const h = plan.planning.housing.purchases[0]!;
    // 1,190,000 × 1.005 = 1,195,950; loan 70% = 837,165 at 3.05% over 30 years = 3,552.14 a month.
    expect([h.priceNominal, h.loan, h.equalPaymentMonthly]).toEqual(['1195950.00', '837165.00', '3552.14']);
    const year = plan.projection.years.find((y) => y.year === 2027)!;
    const monthlyNet = dec(year.netIncomeNominal).div(12);
    expect(h.paymentToIncome).toBe(dec('3552.14').div(monthlyNet).toDecimalPlaces(4).toFixed(4));
    expect(h.affordability).toBe('above_plan');
    // Affordable price = 358,785 down + 40% × monthly net ÷ (payment per 元 at 3.05%/12 over 360).
    const maxLoan = monthlyNet.times('0.4').div(levelPayment(dec(1), dec('0.0305').div(12), 360));
    expect(dec(h.affordablePrice).minus(dec('358785').plus(maxLoan)).abs().lt('0.01')).toBe(true);
    expect(plan.actions.some((a) => a.code === 'PREPARE_HOME_PURCHASE')).toBe(true);
    const f = plan.findings.find((x) => x.code === 'HOME_NOT_AFFORDABLE')!;
    expect([f.severity, f.data.aboveBank, f.data.bankPracticeMax]).toEqual(['warning', false, '0.4']);
    expect(failedChecks(plan)).toEqual([]);
  });

  it('above 50%: no purchase prepared and no loan advised; the affordable price instead', () => {
    const plan = homeAt(1_600_000);
    const h = plan.planning.housing.purchases[0]!;
    expect(h.equalPaymentMonthly).toBe('4775.98');
    expect(dec(h.paymentToIncome!).gt('0.5')).toBe(true);
    expect(h.affordability).toBe('above_bank');
    expect(plan.actions.some((a) => a.code === 'PREPARE_HOME_PURCHASE')).toBe(false);
    const f = plan.findings.find((x) => x.code === 'HOME_NOT_AFFORDABLE')!;
    expect([f.severity, f.data.aboveBank, f.data.affordablePrice]).toEqual([
      'critical',
      true,
      h.affordablePrice,
    ]);
    expect(dec(h.affordablePrice).lt(h.priceNominal)).toBe(true);
    expect(failedChecks(plan)).toEqual([]);
  });
});
