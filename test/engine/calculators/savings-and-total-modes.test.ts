import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money.js';
import { calc, errorOf } from './helpers.js';

// Factor tables of the CFP / 中级会计 textbooks (4 places): (F/A, 3%, 10) = 11.4639, (P/F, 3%, 10) = 0.7441,
// (F/A, 5%, 20) = 33.0660.
describe('savings — monthly, year-end and lump sum', () => {
  it('year-end saving for 114,639 over 10 years at 3% is 10,000 (F/A 3%,10 = 11.4639)', () => {
    const r = calc('savings', { targetAmount: 114639, years: 10, annualReturn: 0.03 });
    // the table's 4 places: 114,639 / 11.4638793… = 10,000.02
    expect(new Dec(r.annual.amount).minus(10000).abs().lte('0.05')).toBe(true);
    expect(r.annual.amount).toBe('10000.02');
  });

  it('lump sum today for 100,000 in 10 years at 3% is 74,409.39 (P/F 3%,10 = 0.7441)', () => {
    const r = calc('savings', { targetAmount: 100000, years: 10, annualReturn: 0.03 });
    expect(r.lumpSum.amount).toBe('74409.39');
    expect(r.lumpSum.interestEarned).toBe('25590.61');
  });

  it('monthly saving compounds monthly at r/12: 1,000 a month for 10 years at 3% reaches 139,741.42', () => {
    // FV of 120 end-of-month deposits of 1,000 at 0.25%: 1000 × (1.0025^120 − 1) / 0.0025
    const r = calc('savings', { targetAmount: '139741.42', years: 10, annualReturn: 0.03 });
    expect(r.monthly.amount).toBe('1000.00');
    expect(r.monthly).toMatchObject({ months: 120, totalDeposited: '120000.00' });
  });

  it('existing savings grow at r; a target in today’s money grows with inflation (defaults from the rule set)', () => {
    const r = calc('savings', { targetAmountToday: 200000, years: 5 });
    expect(r.targetAtGoal).toBe('220816.16'); // 200000 × 1.02^5
    expect(r.used.annualReturn).toBe('0.01');
    expect(r.used.inflation).toBe('0.02');
    const covered = calc('savings', {
      targetAmount: 100000,
      years: 10,
      annualReturn: 0.03,
      existingSavings: 80000,
    });
    expect(covered.gapAtGoal).toBe('0.00'); // 80000 × 1.03^10 = 107,513.31
    expect(covered.monthly.amount).toBe('0.00');
    expect(covered.warnings).toEqual(['TARGET_ALREADY_COVERED']);
  });

  it('zero return: the saving is the gap divided evenly', () => {
    const r = calc('savings', { targetAmount: 120000, years: 10, annualReturn: 0 });
    expect([r.monthly.amount, r.annual.amount, r.lumpSum.amount]).toEqual([
      '1000.00',
      '12000.00',
      '120000.00',
    ]);
  });

  it('asks for one target, not two', () => {
    expect(errorOf(() => calc('savings', { years: 3 }))?.issues[0]).toMatchObject({
      path: 'targetAmount',
      code: 'required',
    });
    expect(
      errorOf(() => calc('savings', { years: 3, targetAmount: 1, targetAmountToday: 1 }))?.issues[0]?.code,
    ).toBe('mutually_exclusive');
  });

  it('property: each way reaches the gap at the goal date within a fen per deposit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_00, max: 10_000_000_00 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 800 }),
        (fen, years, bp) => {
          const target = new Dec(fen).div(100);
          const r = new Dec(bp).div(10000);
          const out = calc('savings', { targetAmount: target.toFixed(2), years, annualReturn: r.toString() });
          const i = r.div(12);
          const n = years * 12;
          const fvMonthly = i.isZero()
            ? new Dec(out.monthly.amount).times(n)
            : new Dec(out.monthly.amount).times(i.plus(1).pow(n).minus(1)).div(i);
          const fvAnnual = r.isZero()
            ? new Dec(out.annual.amount).times(years)
            : new Dec(out.annual.amount).times(r.plus(1).pow(years).minus(1)).div(r);
          const fvLump = new Dec(out.lumpSum.amount).times(r.plus(1).pow(years));
          // rounding the deposit by ≤ 0.005 moves its future value by ≤ 0.005 × (FV of 1 per deposit),
          // which is at most count × (1 + rate)^count
          const tol = (fvFactorBound: Dec) => fvFactorBound.times('0.005').plus('0.01');
          expect(
            fvMonthly
              .minus(target)
              .abs()
              .lte(tol(i.plus(1).pow(n).times(n))),
          ).toBe(true);
          expect(
            fvAnnual
              .minus(target)
              .abs()
              .lte(tol(r.plus(1).pow(years).times(years))),
          ).toBe(true);
          expect(
            fvLump
              .minus(target)
              .abs()
              .lte(tol(r.plus(1).pow(years))),
          ).toBe(true);
          // saving more often (monthly, earlier within the year) never needs more in total than year-end
          expect(
            new Dec(out.monthly.totalDeposited).lte(new Dec(out.annual.totalDeposited).plus('0.01')),
          ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('education — plain total-cost mode and the year-end saving', () => {
  it('no stage or location when the cost is given; growth defaults to the domestic assumption', () => {
    const r = calc('education', {
      stages: [{ startInYears: 5, annualCost: 10000, years: 2, growth: 0 }],
      investmentReturn: 0,
    });
    const s = r.stages[0]!;
    expect([s.stage, s.location, s.costSource]).toEqual([null, null, 'input']);
    expect(s.totalNominal).toBe('20000.00');
    expect(s.monthlySaving).toBe('333.33'); // 20000 / 60
    expect(s.annualSaving).toBe('4000.00'); // 20000 / 5
    const g = calc('education', { stages: [{ startInYears: 1, annualCost: 10000, years: 1 }] });
    expect(g.stages[0]!.growth).toBe('0.035');
  });

  it('totalCost is one payment at the stage start: 100,000 today, 10 years, 3% growth, 3% return', () => {
    const r = calc('education', {
      stages: [{ startInYears: 10, totalCost: 100000, growth: 0.03 }],
      investmentReturn: 0.03,
    });
    const s = r.stages[0]!;
    expect(s.years).toBe(1);
    expect(s.totalNominal).toBe('134391.64'); // 100000 × 1.03^10
    expect(s.lumpSumToday).toBe('100000.00'); // growth = return
    // year-end saving: 134,391.64 / (F/A 3%,10 = 11.4638793…, table 11.4639)
    expect(s.annualSaving).toBe('11723.05');
  });

  it('without a cost, stage and location are still required; totalCost excludes annualCost and years', () => {
    const e = errorOf(() => calc('education', { stages: [{ startInYears: 3, annualCost: 1000 }] }));
    expect(e?.issues.map((i) => [i.path, i.code])).toEqual([
      ['stages[0].stage', 'required'],
      ['stages[0].location', 'required'],
    ]);
    expect(
      errorOf(() => calc('education', { stages: [{ startInYears: 3, totalCost: 1, years: 2 }] }))?.issues[0]
        ?.code,
    ).toBe('mutually_exclusive');
  });
});

describe('retirement — plain total mode, year-end saving and lump sum', () => {
  it('need given: gap = need − assets grown; saving three ways (F/A 5%,20 = 33.0660)', () => {
    const r = calc('retirement', {
      needAtRetirement: 1000000,
      yearsToRetirement: 20,
      currentAssets: 0,
      returnBeforeRetirement: 0.05,
    });
    expect(r.mode).toBe('total');
    expect(r.gap).toBe('1000000.00');
    expect(r.annualSaving).toBe('30242.59'); // 1,000,000 / 33.0660
    expect(r.lumpSumToday).toBe('376889.48'); // 1,000,000 / 1.05^20
    expect([r.pensionPresentValue, r.lifeExpectancy, r.used.inflation]).toEqual([null, null, null]);
  });

  it('ages work instead of yearsToRetirement; spending-side inputs are rejected in total mode', () => {
    const a = calc('retirement', { needAtRetirement: 500000, currentAge: 45, retirementAge: 60 });
    expect(a.yearsToRetirement).toBe(15);
    expect(
      errorOf(() => calc('retirement', { needAtRetirement: 1, yearsToRetirement: 5, inflation: 0.02 }))
        ?.issues[0],
    ).toMatchObject({ path: 'inflation', code: 'mutually_exclusive' });
    expect(errorOf(() => calc('retirement', { annualSpendingToday: 1 }))?.issues.map((i) => i.path)).toEqual([
      'currentAge',
      'retirementAge',
    ]);
  });

  it('the spending method gains the same year-end and lump-sum figures for its gap', () => {
    const r = calc('retirement', {
      currentAge: 40,
      retirementAge: 60,
      annualSpendingToday: 100000,
      returnBeforeRetirement: 0.05,
    });
    const t = calc('retirement', {
      needAtRetirement: r.gap,
      yearsToRetirement: 20,
      returnBeforeRetirement: 0.05,
    });
    expect(r.mode).toBe('spending');
    expect([t.monthlySaving, t.annualSaving, t.lumpSumToday]).toEqual([
      r.monthlySaving,
      r.annualSaving,
      r.lumpSumToday,
    ]);
  });
});

describe('insurance — needs analysis without an income', () => {
  it('omits 双十 and answers the needs analysis', () => {
    const r = calc('insurance', {
      needs: { funeral: 50000, debts: 800000, liquidAssets: 100000 },
      existingCover: 200000,
    });
    expect(r.doubleTen).toBeUndefined();
    expect(r.humanLifeValue).toBeUndefined();
    expect(r.needsAnalysis!.netNeed).toBe('550000.00');
  });

  it('still needs an income for 双十 alone or for HLV', () => {
    expect(errorOf(() => calc('insurance', {}))?.issues[0]).toMatchObject({
      path: 'annualIncome',
      code: 'required',
    });
    expect(
      errorOf(() => calc('insurance', { needs: {}, hlv: { yearsToRetirement: 10, consumptionShare: 0.3 } }))
        ?.issues[0]?.path,
    ).toBe('annualIncome');
  });
});
