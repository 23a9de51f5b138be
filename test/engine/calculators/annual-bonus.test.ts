import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money.js';
import { bonusInvalidIntervals, separateBonusTax } from '../../../src/engine/calculators/annual-bonus.js';
import { rulesAt } from '../../../src/engine/rules/ruleset.js';
import { calc, errorOf } from './helpers.js';

const monthly = rulesAt('2026-01').bonus!.value;
const afterTax = (b: Dec) => b.minus(separateBonusTax(b, monthly).tax);

describe('annual bonus', () => {
  it('computes the 无效区间 from the table and they equal the published list [china-rules §1.3]', () => {
    const list = bonusInvalidIntervals(monthly).map((iv) => [
      iv.from.toFixed(2),
      iv.to.toFixed(2, Dec.ROUND_HALF_UP),
    ]);
    expect(list).toEqual([
      ['36000.00', '38566.67'],
      ['144000.00', '160500.00'],
      ['300000.00', '318333.33'],
      ['420000.00', '447500.00'],
      ['660000.00', '706538.46'],
      ['960000.00', '1120000.00'],
    ]);
  });

  it('separate taxation subtracts the full monthly quick deduction once', () => {
    // 37000 ÷ 12 = 3083.33 → 10%, 210: 37000 × 10% − 210 = 3490
    expect(separateBonusTax(new Dec(37000), monthly).tax.toFixed(2)).toBe('3490.00');
    // 36000 ÷ 12 = 3000 → 3% (upper bound inclusive): 1080
    expect(separateBonusTax(new Dec(36000), monthly).tax.toFixed(2)).toBe('1080.00');
  });

  it('inside a 无效区间 more bonus lowers the after-tax bonus; at its upper end it recovers', () => {
    for (const iv of bonusInvalidIntervals(monthly)) {
      const atB = afterTax(iv.from);
      expect(afterTax(iv.from.plus('0.01')).lt(atB)).toBe(true);
      expect(afterTax(iv.from.plus(iv.to).div(2).toDecimalPlaces(2)).lt(atB)).toBe(true);
      expect(afterTax(iv.to.toDecimalPlaces(2, Dec.ROUND_UP)).gte(atB)).toBe(true);
    }
  });

  it('outside the 无效区间 more bonus never lowers the after-tax bonus', () => {
    const intervals = bonusInvalidIntervals(monthly);
    const inside = (b: Dec) => intervals.some((iv) => b.gt(iv.from) && b.lt(iv.to));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000_000 }),
        fc.integer({ min: 1, max: 200_000_000 }),
        (a, d) => {
          const b1 = new Dec(a).div(100);
          const b2 = new Dec(a + d).div(100);
          if (afterTax(b2).lt(afterTax(b1))) expect(inside(b2)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('compares separate and merged and flags the 无效区间', () => {
    const r = calc('annual-bonus', { bonus: 37000, otherTaxableIncome: 100000, taxYear: 2026 });
    // separate: 3490 + tax(100000) 7480 = 10970; merged: 137000 × 10% − 2520 = 11180
    expect(r.separate).toMatchObject({
      bonusTax: '3490.00',
      otherIncomeTax: '7480.00',
      totalTax: '10970.00',
    });
    expect(r.merged).toMatchObject({ totalTax: '11180.00', bonusTax: '3700.00' });
    expect(r.cheaper).toBe('separate');
    expect(r.saving).toBe('210.00');
    // at 36000: 34920 after tax; at 37000: 33510 → 1410 lost
    expect(r.invalidInterval).toEqual({
      from: '36000.00',
      to: '38566.67',
      afterTaxAtLowerBound: '34920.00',
      afterTaxBonus: '33510.00',
      loss: '1410.00',
    });
    expect(r.warnings).toContain('BONUS_IN_INVALID_INTERVAL');
  });

  it('merging wins when other income leaves deductions unused', () => {
    const r = calc('annual-bonus', { bonus: 20000, otherTaxableIncome: -20000 });
    expect(r.merged.totalTax).toBe('0.00');
    expect(r.separate!.totalTax).toBe('600.00');
    expect(r.cheaper).toBe('merged');
  });

  it('after 2027-12-31 only merged taxation, with the rule id', () => {
    expect(
      calc('annual-bonus', { bonus: 50000, otherTaxableIncome: 50000, taxYear: 2027 }).separateAvailable,
    ).toBe(true);
    const r = calc('annual-bonus', { bonus: 50000, otherTaxableIncome: 50000, taxYear: 2028 });
    expect(r.separateAvailable).toBe(false);
    expect(r.separate).toBeUndefined();
    expect(r.unavailableRule).toBe('iit.bonus.separate-taxation.sunset-2027-12-31');
    expect(r.merged.totalTax).toBe('7480.00'); // 100000 × 10% − 2520
    expect(r.invalidIntervals).toEqual([]);
  });
});

describe('annual bonus from the salary (portal)', () => {
  it('separate 60,000 → 5,790 (60,000 ÷ 12 = 5,000 → 10%, 210; the worked example of the 164号 Q&As)', () => {
    expect(separateBonusTax(new Dec(60000), monthly).tax.toFixed(2)).toBe('5790.00');
  });

  it('derives the taxable income without the bonus from salary, 五险一金 and 专项附加 (monthly × 12)', () => {
    const r = calc('annual-bonus', {
      bonus: 36000,
      monthlySalary: 20000,
      monthlySpecialDeduction: 2000,
      monthlySpecialAdditional: 3000,
    });
    // 240000 − 60000 − 24000 − 36000 = 120000 → 9480; bonus separate 36000 × 3% = 1080
    expect(r.fromSalary).toEqual({
      annualSalary: '240000.00',
      basicDeduction: '60000.00',
      specialDeduction: '24000.00',
      specialAdditional: '36000.00',
      otherDeductions: '0.00',
      otherTaxableIncome: '120000.00',
    });
    expect(r.separate).toMatchObject({
      bonusTax: '1080.00',
      otherIncomeTax: '9480.00',
      totalTax: '10560.00',
    });
    // merged: 156000 × 20% − 16920 = 14280
    expect(r.merged.totalTax).toBe('14280.00');
    expect(r.cheaper).toBe('separate');
    expect(r.saving).toBe('3720.00');
    // take-home: 240000 + 36000 − 24000 − tax
    expect(r.separate!.takeHome).toBe('241440.00');
    expect(r.merged.takeHome).toBe('237720.00');
    expect(r.used.sources.some((s) => s.includes('第六条'))).toBe(true);
  });

  it('the salary inputs give the same answer as the taxable income they imply', () => {
    const a = calc('annual-bonus', {
      bonus: 80000,
      annualSalary: 150000,
      annualSpecialDeduction: 15000,
      annualOtherDeductions: 12000,
      basicDeduction: 60000,
    });
    const b = calc('annual-bonus', { bonus: 80000, otherTaxableIncome: 63000 });
    expect(a.otherTaxableIncome).toBe('63000.00');
    expect({ ...a.separate, takeHome: undefined }).toEqual({ ...b.separate, takeHome: undefined });
    expect({ ...a.merged, takeHome: undefined }).toEqual({ ...b.merged, takeHome: undefined });
  });

  it('rejects both ways at once, an annual and a monthly amount together, and neither', () => {
    expect(
      errorOf(() => calc('annual-bonus', { bonus: 1, otherTaxableIncome: 1, monthlySalary: 1 }))?.issues,
    ).toEqual([
      { path: 'monthlySalary', code: 'mutually_exclusive', message: '不能与 otherTaxableIncome 同时填写' },
    ]);
    expect(
      errorOf(() => calc('annual-bonus', { bonus: 1, annualSalary: 1, monthlySalary: 1 }))?.issues[0]?.path,
    ).toBe('monthlySalary');
    expect(errorOf(() => calc('annual-bonus', { bonus: 1 }))?.issues[0]).toMatchObject({
      path: 'otherTaxableIncome',
      code: 'required',
    });
  });

  it('property: merged and separate are never both cheaper; the choice and saving follow the totals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000_000 }),
        fc.integer({ min: 0, max: 200_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 6_000_000 }),
        (bonus, salary, special, additional) => {
          const r = calc('annual-bonus', {
            bonus: (bonus / 100).toFixed(2),
            annualSalary: (salary / 100).toFixed(2),
            annualSpecialDeduction: (special / 100).toFixed(2),
            annualSpecialAdditional: (additional / 100).toFixed(2),
          });
          const s = new Dec(r.separate!.totalTax);
          const m = new Dec(r.merged.totalTax);
          expect(s.lt(m) && m.lt(s)).toBe(false);
          expect(r.cheaper).toBe(s.lt(m) ? 'separate' : m.lt(s) ? 'merged' : 'equal');
          expect(r.saving).toBe(s.minus(m).abs().toFixed(2));
          // take-home differs by exactly the tax difference
          expect(new Dec(r.separate!.takeHome!).minus(r.merged.takeHome!).toFixed(2)).toBe(
            m.minus(s).toFixed(2),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
