import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money.js';
import { levelPayment } from '../../../src/engine/calculators/mortgage.js';
import { loanForPayment } from '../../../src/engine/calculators/mortgage-affordability.js';
import { calc, errorOf } from './helpers.js';

describe('mortgage-affordability — published bank examples in reverse [china-rules §4.1, S23]', () => {
  it('5,307.27/月, 4.9%, 30年 等额本息 carries 100万 (to within the payment’s rounding)', () => {
    const r = calc('mortgage-affordability', { monthlyPayment: 5307.27, months: 360, annualRate: 0.049 });
    expect(r.maxLoan).toBe('1000000.52');
    expect(r.paymentOfMaxLoan).toBe('5307.27');
    // the payment was rounded by at most half a fen; × the annuity factor (≈ 188.4) ≤ 0.95 元
    expect(new Dec(r.maxLoan).minus(1000000).abs().lte('0.95')).toBe(true);
  });

  it('4,490.45/月, 3.5%, 30年 → about 100万', () => {
    const r = calc('mortgage-affordability', { monthlyPayment: 4490.45, months: 360, annualRate: 0.035 });
    expect(new Dec(r.maxLoan).minus(1000000).abs().lte('0.95')).toBe(true);
    expect(r.paymentOfMaxLoan).toBe('4490.45');
  });

  it('等额本金: a first payment of 6,861.11 at 4.9%, 30年 carries 100万', () => {
    const r = calc('mortgage-affordability', {
      monthlyPayment: 6861.11,
      months: 360,
      annualRate: 0.049,
      method: 'equal_principal',
    });
    expect(new Dec(r.maxLoan).minus(1000000).abs().lte('1')).toBe(true);
    expect(r.paymentOfMaxLoan).toBe('6861.11');
    expect(r.maxLoan).toBe('999999.83');
    expect(r.totalInterest).toBe('737041.54'); // (n+1)·P·i/2 on 999,999.83
  });

  it('house price and down payment at the rule minimum (商贷 15%) or a given ratio; savings may bind', () => {
    const a = calc('mortgage-affordability', { monthlyPayment: 5307.27, months: 360, annualRate: 0.049 });
    expect(a.downPaymentRatio).toBe('0.15');
    expect(a.downPaymentRatioSource).toBe('rule_minimum');
    expect(a.maxHousePrice).toBe('1176471.20'); // 1,000,000.52 / 0.85, down to the fen
    expect(a.downPayment).toBe('176470.68');
    const b = calc('mortgage-affordability', {
      monthlyPayment: 5307.27,
      months: 360,
      annualRate: 0.049,
      downPaymentRatio: 0.3,
      savingsForDownPayment: 200000,
    });
    // 200,000 can put 30% down on at most 666,666.66
    expect(b.withSavings).toEqual({
      savings: '200000.00',
      maxHousePrice: '666666.66',
      loan: '466666.66',
      downPayment: '200000.00',
      limitedBy: 'down_payment',
    });
    const hf = calc('mortgage-affordability', { monthlyPayment: 3000, months: 360, source: 'housing_fund' });
    expect([hf.annualRate, hf.downPaymentRatio]).toEqual(['0.026', '0.2']);
  });

  it('rejects a zero payment with the field named', () => {
    expect(
      errorOf(() => calc('mortgage-affordability', { monthlyPayment: 0, months: 360 }))?.issues[0]?.path,
    ).toBe('monthlyPayment');
  });

  it('property: the payment of the max loan is within a fen of the given payment, never above it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_00, max: 100_000_00 }),
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 12, max: 360 }),
        fc.constantFrom('equal_payment' as const, 'equal_principal' as const),
        (fen, bp, months, method) => {
          const payment = new Dec(fen).div(100);
          const rate = new Dec(bp).div(10000);
          const r = calc('mortgage-affordability', {
            monthlyPayment: payment.toFixed(2),
            months,
            annualRate: rate.toString(),
            method,
          });
          const loan = new Dec(r.maxLoan);
          const i = rate.div(12);
          const exact =
            method === 'equal_payment' ? levelPayment(loan, i, months) : loan.div(months).plus(loan.times(i));
          expect(exact.lte(payment)).toBe(true);
          expect(payment.minus(exact).lt('0.01')).toBe(true);
          expect(payment.minus(r.paymentOfMaxLoan).abs().lte('0.01')).toBe(true);
          // one more fen of loan would need more than the payment
          expect(loanForPayment(payment, i, months, method).lt(loan.plus('0.01'))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('mortgage — last payment by formula beside the schedule’s', () => {
  it('100万, 4.9%, 30年 等额本金: formula (P/n)(1+i) = 2,789.12, schedule 2,788.32, −0.80 of rounding', () => {
    const r = calc('mortgage', {
      tranches: [{ source: 'commercial', principal: 1000000, annualRate: 0.049 }],
      months: 360,
      method: 'equal_principal',
      includeSchedule: false,
    });
    const t = r.tranches[0]!;
    expect([t.firstPayment, t.monthlyDecrease, t.totalInterest]).toEqual(['6861.11', '11.34', '737041.67']);
    expect(t.lastPaymentFormula).toBe('2789.12');
    expect(t.lastPayment).toBe('2788.32');
    // 359 months repaid 2,777.78 instead of 2,777.777…: 359 × 0.00222… = 0.80 too much, the last month less
    expect(t.lastPaymentDifference).toBe('-0.80');
  });

  it('等额本息: the formula’s last payment is M* (5,307.27); the schedule’s absorbs the residue', () => {
    const r = calc('mortgage', {
      tranches: [{ source: 'commercial', principal: 1000000, annualRate: 0.049 }],
      months: 360,
      method: 'equal_payment',
      includeSchedule: false,
    });
    const t = r.tranches[0]!;
    expect(t.lastPaymentFormula).toBe('5307.27');
    expect(new Dec(t.lastPayment).minus(t.lastPaymentFormula).toFixed(2)).toBe(t.lastPaymentDifference);
  });
});
