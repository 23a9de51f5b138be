/**
 * 高息负债优先 (issue 13, item 1; rule HIGH_INTEREST_DEBT in rules/assumptions.ts, source: the
 * AFP/CFP planner's order "先还高息负债再投资"): consumer credit and credit cards, and any debt whose
 * rate exceeds the recommended mix's expected return, are repaid — highest rate first — before
 * protection extras, goal saving and 个人养老金: from movable assets first, the rest from the surplus
 * within 12 months. The emergency fund's target covers essential outflows including loan payments
 * and premiums, and the ratio table's 流动性比率 is the same figure.
 */
import { describe, expect, it } from 'vitest';
import { planFromInput } from '../../../src/api.js';
import type { ProfileInput } from '../../../src/domain/profile.js';
import { failedChecks } from '../../../src/engine/audit.js';
import { isHighInterestDebt } from '../../../src/engine/planning/housing.js';
import { HIGH_INTEREST_DEBT } from '../../../src/engine/rules/assumptions.js';
import { dec } from '../../../src/domain/money.js';
import { readSample } from '../../helpers/samples.js';

const RISK = { risk: { trials: 100, candidateTrials: 50 } };

/** The young salesman with 10万 of consumer credit at 18% over 24 months (payment 4,992.41). */
function salesmanWithCredit(change: (p: ProfileInput) => void = () => {}) {
  const p = readSample('young-beijing-salesman-startup-and-home') as ProfileInput;
  p.liabilities = [
    {
      type: 'consumer_credit',
      label: '消费贷',
      balance: 100_000,
      annualRate: 0.18,
      monthsLeft: 24,
      method: 'equal_payment',
    },
  ];
  change(p);
  return planFromInput(p, RISK);
}

describe('high-interest debt first', () => {
  it('the rule: consumer credit and cards always; other debt above the mix return (C3 4.1%)', () => {
    expect(HIGH_INTEREST_DEBT.source).toContain('先还高息负债');
    expect(isHighInterestDebt('consumer_credit', dec('0.03'), dec('0.041'))).toBe(true);
    expect(isHighInterestDebt('credit_card', dec('0'), dec('0.041'))).toBe(true);
    expect(isHighInterestDebt('car_loan', dec('0.045'), dec('0.041'))).toBe(true);
    expect(isHighInterestDebt('mortgage', dec('0.031'), dec('0.041'))).toBe(false);
  });

  it('a negative surplus: the 45,000 of equity clears what it can, no premium or 个人养老金 is advised', () => {
    const plan = salesmanWithCredit();
    // 等额本息 100,000 at 1.5% a month over 24 months = 4,992.41; its remaining interest
    // 24 × 4,992.41 − 100,000 ≈ 19,817.84 is what repaying it now saves.
    const loan = plan.planning.housing.existingLoans[0]!;
    expect([loan.highInterest, loan.recommended, loan.monthlyPayment]).toEqual([true, true, '4992.41']);
    expect(loan.shortenTermInterestSaved).toBe('19817.84');
    // Surplus is negative: budget 0. Movable assets: the 45,000 equity fund (cash 85,000 is below the
    // 12-month upper target of 142,708.92 = 12 × 11,892.41). 55,000 left ÷ 12 = 4,583.33 is less
    // than the regular 4,992.41, so no extra monthly repayment is asked for.
    expect(plan.funding.budget).toBe('0.00');
    const debt = plan.funding.items.find((i) => i.code === 'PREPAY_LOAN')!;
    expect([debt.oneOff, debt.requestedMonthly]).toEqual(['45000.00', '0.00']);
    expect(plan.funding.items.indexOf(debt)).toBe(0);
    const codes = plan.actions.map((a) => a.code);
    expect(codes).toContain('PREPAY_LOAN');
    expect(codes).not.toContain('OPEN_PRIVATE_PENSION');
    expect(codes.filter((c) => c.startsWith('INSURE_'))).toEqual([]);
    // The rebalance works on what is left: the equity is used for the debt, not moved into cash.
    expect(plan.planning.investment.debtRepaidFromAssets).toBe('45000.00');
    expect(codes).not.toContain('REBALANCE');
    expect(failedChecks(plan)).toEqual([]);
  });

  it('no movable assets: the surplus repays it within 12 months before anything else', () => {
    const plan = salesmanWithCredit((p) => {
      p.assets = p.assets!.filter((a) => a.type !== 'equity');
      p.incomes![0]!.amount = 25_000;
    });
    // 100,000 ÷ min(12, 24) − 4,992.41 = 8,333.33 − 4,992.41 = 3,340.92 a month on top.
    const debt = plan.funding.items[0]!;
    expect([debt.code, debt.requestedMonthly, debt.fundedMonthly]).toEqual([
      'PREPAY_LOAN',
      '3340.92',
      '3340.92',
    ]);
    // While it is repaid from the surplus, no 个人养老金 is opened (before: 1,000 a month).
    expect(plan.funding.items.some((i) => i.code === 'OPEN_PRIVATE_PENSION')).toBe(false);
    const action = plan.actions.find((a) => a.code === 'PREPAY_LOAN')!;
    expect(action.priority).toBe(1);
    expect(action.data.monthly).toBe('3340.92');
    expect(failedChecks(plan)).toEqual([]);
  });

  it('two debts are repaid highest rate first', () => {
    const plan = salesmanWithCredit((p) => {
      p.liabilities!.push({
        type: 'credit_card',
        label: '信用卡分期',
        balance: 20_000,
        annualRate: 0.2,
        monthsLeft: 12,
        method: 'equal_payment',
      });
    });
    expect(plan.planning.housing.existingLoans.map((l) => l.label)).toEqual(['信用卡分期', '消费贷']);
    expect(plan.funding.items.filter((i) => i.step === 'debt').map((i) => i.loanLabel)).toEqual([
      '信用卡分期',
      '消费贷',
    ]);
    // 45,000 of equity: 20,000 clears the card, 25,000 goes to the consumer credit.
    expect(plan.funding.items.filter((i) => i.step === 'debt').map((i) => i.oneOff)).toEqual([
      '20000.00',
      '25000.00',
    ]);
    expect(failedChecks(plan)).toEqual([]);
  });

  it('the emergency target counts loan payments and premiums, and liquidity is one figure', () => {
    const plan = salesmanWithCredit();
    // Essential: rent 3,500 + food 2,200 + utilities 300 + transport 400 + parents 500 + the
    // loan's 4,992.41 = 11,892.41 a month; 85,000 ÷ 11,892.41 = 7.15 months.
    expect(plan.emergencyFund.monthlyEssential).toBe('11892.41');
    expect(plan.emergencyFund.monthsCovered).toBe('7.15');
    const liquidity = plan.ratios.find((r) => r.code === 'liquidityRatio')!;
    expect(dec(liquidity.value!).toDecimalPlaces(2).toFixed(2)).toBe('7.15');
  });
});
