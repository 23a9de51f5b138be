import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, sum } from '../../../src/domain/money.js';
import { amortizeLoan } from '../../../src/engine/calculators/mortgage.js';
import { calc, errorOf } from './helpers.js';

const bank = (rate: number | string, method: 'equal_payment' | 'equal_principal') =>
  calc('mortgage', {
    tranches: [{ source: 'commercial', principal: 1000000, annualRate: rate }],
    months: 360,
    method,
  });

describe('mortgage — published bank-calculator values [S23]', () => {
  it('100万/4.9%/30年 等额本息: 5,307.27/月, total interest 910,616.19', () => {
    const r = bank(0.049, 'equal_payment');
    const t = r.tranches[0]!;
    expect(t.monthlyPayment).toBe('5307.27');
    expect(t.totalInterest).toBe('910616.19');
    // The other two conventions of china-rules §4.1, computed independently with python decimal
    // (prec 40): rounded payment × 360 − P = 910,617.20; the schedule (interest rounded to the fen
    // each month on the rounded balance, last payment absorbing the residue) sums to 910,615.12.
    expect(t.roundedPaymentTotalInterest).toBe('910617.20');
    expect(t.scheduleTotalInterest).toBe('910615.12');
    expect(r.schedule![0]).toEqual({
      month: 1,
      payment: '5307.27',
      principal: '1223.94',
      interest: '4083.33',
      balance: '998776.06',
    });
    expect(r.schedule![359]).toMatchObject({ month: 360, payment: '5305.19', balance: '0.00' });
  });

  it('100万/4.9%/30年 等额本金: first 6,861.11, −11.34/月, total interest 737,041.67', () => {
    const r = bank(0.049, 'equal_principal');
    const t = r.tranches[0]!;
    expect(t.firstPayment).toBe('6861.11');
    expect(t.monthlyDecrease).toBe('11.34');
    expect(t.totalInterest).toBe('737041.67');
    expect(t.scheduleTotalInterest).toBe('737041.08'); // python, same convention
    const s = r.schedule!;
    expect(new Dec(s[0]!.payment).minus(s[1]!.payment).toFixed(2)).toBe('11.34');
    // last = (P/n)(1+i) = 2777.78 + 11.34: the final principal absorbs the fen residue (2777.98 here)
    expect(s[359]!.balance).toBe('0.00');
  });

  it('100万/3.5%/30年 → 4,490.45', () => {
    expect(bank('0.035', 'equal_payment').tranches[0]!.monthlyPayment).toBe('4490.45');
  });
});

describe('mortgage — conventions', () => {
  it('defaults the rates from the rule set: LPR 5年期 3.5% and 公积金 首套 2.6% in 2026', () => {
    const r = calc('mortgage', {
      tranches: [
        { source: 'housing_fund', principal: 600000 },
        { source: 'commercial', principal: 400000, lprSpread: -0.0045 },
      ],
      months: 360,
      method: 'equal_payment',
      date: '2026-11',
    });
    expect(r.tranches.map((t) => t.annualRate)).toEqual(['0.026', '0.0305']);
    // Each tranche alone (python decimal: P·i·q/(q−1), i = annual/12): 600000 @2.6% → 2402.04;
    // 400000 @3.05% → 1697.22; the combined month is their sum.
    expect(r.tranches.map((t) => t.monthlyPayment)).toEqual(['2402.04', '1697.22']);
    expect(r.total.firstPayment).toBe('4099.26');
    expect(r.schedule![0]!.payment).toBe('4099.26');
    // 组合贷 is never blended: the sum differs from one loan at the weighted rate.
    const blended = amortizeLoan(new Dec(1000000), new Dec('0.0278'), 360, 'equal_payment');
    expect(blended.roundedPayment!.toString()).not.toBe('4099.26');
    expect(r.used.sources.some((s) => s.includes('LPR'))).toBe(true);
  });

  it('uses 1-year LPR and 公积金 ≤5年 rates for short loans and second homes', () => {
    const r = calc('mortgage', {
      tranches: [
        { source: 'commercial', principal: 100000 },
        { source: 'housing_fund', principal: 100000 },
      ],
      months: 60,
      method: 'equal_principal',
      home: 'second',
      date: '2025-06',
    });
    expect(r.tranches.map((t) => t.annualRate)).toEqual(['0.03', '0.02525']);
  });

  it('prepayment: shorten term vs lower payment, with interest saved each way', () => {
    const r = calc('mortgage', {
      tranches: [{ source: 'commercial', principal: 1000000, annualRate: 0.049 }],
      months: 360,
      method: 'equal_payment',
      includeSchedule: false,
      prepayment: { afterMonth: 12, amount: 100000 },
    });
    expect(r.schedule).toBeUndefined();
    // Independent python re-implementation of the schedule convention (see the module comment):
    // balance after 12 payments 984,978.39; keep 5,307.27 → 281 months, saves 259,312.79;
    // keep 348 months → new payment 4,768.45, saves 87,510.08.
    const p = r.prepayment!;
    expect(p.balanceBefore).toBe('984978.39');
    expect(p.balanceAfter).toBe('884978.39');
    expect(p.shortenTerm.monthlyPayment).toBe('5307.27');
    expect(p.shortenTerm.remainingMonths).toBe(281);
    expect(p.shortenTerm.interestSaved).toBe('259312.79');
    expect(p.lowerPayment.remainingMonths).toBe(348);
    expect(p.lowerPayment.monthlyPayment).toBe('4768.45');
    expect(p.lowerPayment.interestSaved).toBe('87510.08');
    // Shortening the term always saves more interest than lowering the payment.
    expect(new Dec(p.shortenTerm.interestSaved).gt(p.lowerPayment.interestSaved)).toBe(true);
  });

  it('affordability lines and minimum down payment', () => {
    const r = calc('mortgage', {
      tranches: [{ source: 'commercial', principal: 1000000, annualRate: 0.049 }],
      months: 360,
      method: 'equal_payment',
      includeSchedule: false,
      date: '2026-11',
      affordability: {
        monthlyGrossIncome: 12000,
        monthlyNetIncome: 10000,
        otherMonthlyDebtPayments: 2000,
        housePrice: 1250000,
      },
    });
    const a = r.affordability!;
    expect(a.lines).toEqual([
      { code: 'bank_housing', ratio: '0.4423', limit: '0.5', pass: true },
      { code: 'bank_all_debt', ratio: '0.6089', limit: '0.55', pass: false },
      { code: 'planner_mortgage', ratio: '0.5307', limit: '0.4', pass: false, verdict: 'poor' },
      { code: 'planner_all_debt', ratio: '0.7307', limit: '0.4', pass: false },
    ]);
    expect(a.downPayment).toEqual({
      housePrice: '1250000.00',
      downPayment: '250000.00',
      ratio: '0.2000',
      minimumRatio: '0.15',
      pass: true,
    });
  });

  it('rejects a prepayment at or after the last month with a coded error', () => {
    const e = errorOf(() =>
      calc('mortgage', {
        tranches: [{ source: 'commercial', principal: 1000, annualRate: 0.05 }],
        months: 12,
        method: 'equal_payment',
        prepayment: { afterMonth: 12, amount: 100 },
      }),
    );
    expect(e?.code).toBe('FINPLAN_E_INVALID_CALCULATOR_INPUT');
  });

  it('zero rate and one month work', () => {
    const r = calc('mortgage', {
      tranches: [{ source: 'commercial', principal: 1000, annualRate: 0 }],
      months: 3,
      method: 'equal_payment',
    });
    expect(r.schedule!.map((x) => x.payment)).toEqual(['333.33', '333.33', '333.34']);
    const one = calc('mortgage', {
      tranches: [{ source: 'commercial', principal: 1000, annualRate: 0.12 }],
      months: 1,
      method: 'equal_principal',
    });
    expect(one.schedule).toEqual([
      { month: 1, payment: '1010.00', principal: '1000.00', interest: '10.00', balance: '0.00' },
    ]);
  });
});

describe('mortgage — properties', () => {
  it('a schedule’s principal parts sum exactly to the loan, balances never go negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 1, max: 360 }),
        fc.constantFrom('equal_payment', 'equal_principal' as const),
        (fen, bp, months, method) => {
          const principal = new Dec(fen).div(100);
          const loan = amortizeLoan(principal, new Dec(bp).div(100000), months, method);
          expect(sum(loan.schedule.map((r) => r.principal)).eq(principal)).toBe(true);
          // Tiny loans may be repaid early (a fen-rounded payment can exceed P/n), never late.
          expect(loan.schedule.length).toBeLessThanOrEqual(months);
          expect(loan.schedule.every((r) => !r.balance.isNegative() && !r.principal.isNegative())).toBe(true);
          expect(loan.schedule[loan.schedule.length - 1]!.balance.isZero()).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
