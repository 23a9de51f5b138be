/**
 * The funding pass and the purchase policy, on households built to show each case: one that funds
 * everything, one whose surplus reaches only protection and one goal, one with 18% consumer credit,
 * one with no income, a home that is never affordable, and a mortgage the household cannot pay.
 */
import { describe, expect, it } from 'vitest';
import { planFromInput } from '../../../src/api.js';
import { dec, sum } from '../../../src/domain/money.js';
import type { ProfileInput } from '../../../src/domain/profile.js';
import { failedChecks } from '../../../src/engine/audit.js';
import type { Plan } from '../../../src/engine/plan-types.js';
import { readSample } from '../../helpers/samples.js';

/** A 35-year-old Chengdu employee; the tests change what they need. */
function household(change: (p: ProfileInput) => void): Plan {
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
    assets: [{ type: 'cash', value: 50_000 }],
    liabilities: [],
    insurance: [],
    goals: [],
    risk: { level: 'C3' },
  };
  change(p);
  return planFromInput(p);
}

const total = (plan: Plan, key: 'fundedMonthly' | 'unfundedMonthly' | 'requestedMonthly') =>
  sum(plan.funding.items.map((i) => i[key]));

describe('the funding pass', () => {
  it('funds everything when the surplus allows: the retired couple', () => {
    const plan = planFromInput(readSample('retired-couple-shanghai'));
    // Surplus 53,341.98 a year → 4,445.17 a month; 10% kept free → 4,000.65 to allocate.
    expect(plan.funding.monthlySurplus).toBe('4445.17');
    expect(plan.funding.budget).toBe('4000.65');
    expect(total(plan, 'unfundedMonthly').isZero()).toBe(true);
    // Two accident policies at 60+ (600 元 a year each) = 100 元 a month.
    expect(total(plan, 'fundedMonthly').toFixed(2)).toBe('100.00');
    expect(plan.findings.some((f) => f.code === 'FUNDING_SHORT')).toBe(false);
  });

  it('reaches only protection and the first goal when the surplus is small', () => {
    const plan = household((p) => {
      // Net pay about 8,000 a month against 7,050 of spending: a small surplus.
      (p.spending ??= []).push({ category: 'entertainment', essential: false, amount: 2_950, unit: 'month' });
      (p.goals ??= []).push(
        { id: 'car', type: 'car', year: 2029, amount: 150_000, unit: 'once', priority: 'important' },
        { id: 'trip', type: 'travel', year: 2031, amount: 80_000, unit: 'once', priority: 'desirable' },
      );
    });
    const items = plan.funding.items;
    const budget = dec(plan.funding.budget);
    expect(budget.gt(0)).toBe(true);
    // Order: protection first, then goals by priority (重要 before 期望).
    expect(items.map((i) => i.step)).toEqual([
      ...items.filter((i) => i.step === 'protection').map(() => 'protection'),
      'goals',
      'goals',
    ]);
    expect(items.filter((i) => i.step === 'goals').map((i) => i.goalId)).toEqual(['car', 'trip']);
    // Protection is funded in full; the car partly; the trip not at all — and never beyond the budget.
    for (const i of items.filter((x) => x.step === 'protection')) expect(i.unfundedMonthly).toBe('0.00');
    const [car, trip] = items.filter((i) => i.step === 'goals');
    expect(dec(car!.fundedMonthly).gt(0) && dec(car!.unfundedMonthly).gt(0)).toBe(true);
    expect(trip!.fundedMonthly).toBe('0.00');
    expect(total(plan, 'fundedMonthly').toFixed(2)).toBe(budget.toFixed(2));
    // The actions ask for the funded amounts only, and the unfunded rest is named.
    const carAction = plan.actions.find((a) => a.code === 'GOAL_SAVING' && a.data.goalId === 'car')!;
    expect(carAction.data.monthly).toBe(car!.fundedMonthly);
    expect(plan.actions.some((a) => a.code === 'GOAL_SAVING' && a.data.goalId === 'trip')).toBe(false);
    expect(plan.findings.find((f) => f.code === 'FUNDING_SHORT')!.data.unfunded).toBe(
      total(plan, 'unfundedMonthly').toFixed(2),
    );
    expect(failedChecks(plan)).toEqual([]);
  });

  it('repays 18% consumer credit from spare assets before anything is invested', () => {
    const plan = household((p) => {
      p.assets = [
        { type: 'cash', value: 60_000 },
        { type: 'equity', value: 200_000 },
      ];
      (p.liabilities ??= []).push({
        type: 'consumer_credit',
        label: '消费贷',
        balance: 100_000,
        annualRate: 0.18,
        monthsLeft: 36,
        method: 'equal_payment',
        rateType: 'fixed',
      });
    });
    const debt = plan.funding.items.find((i) => i.step === 'debt')!;
    expect(debt.code).toBe('PREPAY_LOAN');
    expect(dec(debt.oneOff).gt(0)).toBe(true);
    expect(plan.funding.items.indexOf(debt)).toBeLessThan(
      plan.funding.items.findIndex((i) => i.step === 'protection'),
    );
    expect(plan.actions.find((a) => a.code === 'PREPAY_LOAN')!.data.amount).toBe(debt.oneOff);
    expect(failedChecks(plan)).toEqual([]);
  });

  it('funds nothing without income, says so, and asks for no saving', () => {
    const plan = household((p) => {
      p.incomes = [];
      (p.goals ??= []).push({
        id: 'car',
        type: 'car',
        year: 2028,
        amount: 100_000,
        unit: 'once',
        priority: 'important',
      });
    });
    expect(dec(plan.funding.monthlySurplus).lt(0)).toBe(true);
    expect(plan.funding.budget).toBe('0.00');
    expect(total(plan, 'fundedMonthly').isZero()).toBe(true);
    expect(
      plan.actions.filter((a) => typeof a.data.monthly === 'string' && dec(a.data.monthly).gt(0)),
    ).toEqual([]);
    expect(plan.actions.filter((a) => typeof a.data.premium === 'string')).toEqual([]);
    expect(plan.findings.some((f) => f.code === 'FUNDING_SHORT')).toBe(true);
    expect(failedChecks(plan)).toEqual([]);
  });
});

describe('the purchase policy and unpaid bills', () => {
  it('does not buy a home whose down payment never comes, and shows what the household can buy', () => {
    const plan = household((p) => {
      (p.goals ??= []).push({
        id: 'home',
        type: 'home',
        label: '新房',
        year: 2028,
        amount: 8_000_000,
        unit: 'once',
        downPaymentRatio: 0.3,
        priority: 'important',
      });
    });
    const home = plan.goals.find((g) => g.goalId === 'home')!;
    expect([home.status, home.policy, home.plannedYear]).toEqual(['unachievable', 'unachievable', 2028]);
    expect(home.shortfallNominal).toBe(home.shortAtPlannedYear);
    // No loan and no property appear: liabilities stay at zero every year.
    expect(plan.projection.years.every((y) => y.liabilitiesEndNominal === '0.00')).toBe(true);
    expect(plan.findings.find((f) => f.code === 'GOAL_UNACHIEVABLE')!.data.goalId).toBe('home');
    expect(plan.actions.some((a) => a.code === 'PREPARE_HOME_PURCHASE')).toBe(false);
    // The alternatives: no later year within the window, a smaller home paid in full in 2028.
    const alt = plan.alternatives.find((a) => a.goalId === 'home')!;
    expect(alt.current.funded).toBe(false);
    const smaller = alt.options.find((o) => o.code === 'smaller')!;
    expect(smaller.funded).toBe(true);
    expect(dec(smaller.amountToday!).lt(8_000_000)).toBe(true);
    expect(dec(smaller.amountToday!).mod(10_000).isZero()).toBe(true);
    expect(plan.diagnosis.shortGoalIds).toEqual(['home']);
    expect(failedChecks(plan)).toEqual([]);
  });

  it('keeps an unpaid mortgage payment owed: liabilities do not fall with money that is not there', () => {
    const plan = household((p) => {
      p.incomes = [];
      p.assets = [{ type: 'cash', value: 20_000 }];
      (p.liabilities ??= []).push({
        type: 'mortgage',
        balance: 500_000,
        annualRate: 0.035,
        monthsLeft: 240,
        method: 'equal_payment',
        rateType: 'fixed',
      });
    });
    const years = plan.projection.years;
    const broke = years.find((y) => dec(y.unpaidBillsNominal).gt(0))!;
    expect(broke).toBeDefined();
    const later = years.find((y) => y.year === broke.year + 2)!;
    expect(dec(later.arrearsEndNominal).gt(broke.arrearsEndNominal)).toBe(true);
    // Arrears are part of the liabilities, so the debt does not shrink while nothing is paid.
    expect(dec(later.liabilitiesEndNominal).gte(broke.liabilitiesEndNominal)).toBe(true);
    expect(plan.diagnosis.household.moneyRunsOut!.year).toBe(broke.year);
    expect(plan.diagnosis.retirement.status).toBe('money_runs_out');
    expect(failedChecks(plan)).toEqual([]);
  });
});
