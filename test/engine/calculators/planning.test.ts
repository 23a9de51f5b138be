import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money.js';
import { householdRatios } from '../../../src/engine/calculators/ratios.js';
import { calc } from './helpers.js';

describe('education', () => {
  it('domestic 本科 preset, 10 years ahead (independent python values)', () => {
    // python: K=30000, g=3.5%, r=2.9%, t=10: costs K(1+g)^(10+j) = 42317.96, 43799.09, 45332.06, 46918.68;
    // PV today Σ cost/(1+r)^(10+j) = 128,300.29; at start Σ cost/(1+r)^j = 170,758.13;
    // monthly saving i = r/12, 120 months: 170758.13 × i / ((1+i)^120 − 1) = 1,228.32
    const r = calc('education', {
      stages: [{ stage: 'undergraduate', location: 'domestic', startInYears: 10 }],
    });
    const s = r.stages[0]!;
    expect(s.costsByYear.map((c) => c.cost)).toEqual(['42317.96', '43799.09', '45332.06', '46918.68']);
    expect([s.totalNominal, s.lumpSumToday, s.needAtStart, s.monthlySaving]).toEqual([
      '178367.80',
      '128300.29',
      '170758.13',
      '1228.32',
    ]);
    expect(s.costSource).toBe('preset');
    expect(r.used.investmentReturn).toBe('0.029');
  });

  it('abroad presets, existing fund, and a stage starting now', () => {
    const r = calc('education', {
      stages: [
        { stage: 'undergraduate', location: 'abroad_us', startInYears: 0, growth: 0 },
        {
          stage: 'graduate',
          location: 'abroad_uk',
          startInYears: 4,
          annualCost: 400000,
          years: 1,
          growth: 0,
        },
      ],
      investmentReturn: 0,
      existingFund: 1000000,
    });
    expect(r.stages[0]).toMatchObject({
      annualCostToday: '600000.00',
      years: 4,
      lumpSumToday: '2400000.00',
      netNeedAtStart: '1400000.00',
      monthlySaving: null,
    });
    expect(r.stages[1]).toMatchObject({ netNeedAtStart: '400000.00', monthlySaving: '8333.33' }); // 400000 / 48
    expect(r.total.lumpSumTodayNet).toBe('1800000.00');
  });
});

describe('retirement', () => {
  it('need, pension PV, assets, gap and saving (independent python values)', () => {
    // python: S_R = 120000 × 1.02^23 = 189,227.91; ρ = 1.029/1.02 − 1; need = Σ_{k<22} S_R/(1+ρ)^k = 3,802,091.32;
    // nominal level = Σ S_R/1.029^k = 3,134,482.44; pension PV Σ 96000 × 1.02^k/1.029^k = 1,928,894.97;
    // assets 500000 × 1.041^23 = 1,259,902.05; gap 613,294.30; saving i = 4.1%/12, 276 months = 1,340.17
    const r = calc('retirement', {
      currentAge: 40,
      retirementAge: 63,
      annualSpendingToday: 120000,
      monthlyPensionAtRetirement: 8000,
      currentAssets: 500000,
    });
    expect(r).toMatchObject({
      yearsToRetirement: 23,
      yearsInRetirement: 22,
      spendingAtRetirement: '189227.91',
      needAtRetirement: '3802091.32',
      needAtRetirementNominalMethod: '3134482.44',
      pensionPresentValue: '1928894.97',
      assetsAtRetirement: '1259902.05',
      gap: '613294.30',
      monthlySaving: '1340.17',
    });
  });

  it('r = inflation after retirement makes the need T × S_R', () => {
    const r = calc('retirement', {
      currentAge: 60,
      retirementAge: 60,
      lifeExpectancy: 80,
      annualSpendingToday: 100000,
      inflation: 0.03,
      returnAfterRetirement: 0.03,
    });
    expect(r.needAtRetirement).toBe('2000000.00');
    expect(r.monthlySaving).toBeNull();
  });
});

describe('insurance', () => {
  it('双十原则, HLV and needs analysis with every component (python values)', () => {
    const r = calc('insurance', {
      annualIncome: 300000,
      existingCover: 500000,
      existingAnnualPremium: 20000,
      hlv: { yearsToRetirement: 25, consumptionShare: 0.3 },
      needs: {
        funeral: 50000,
        debts: 1000000,
        survivorsAnnualSpending: 100000,
        survivorsYears: 20,
        liquidAssets: 200000,
      },
    });
    expect(r.doubleTen).toMatchObject({
      recommendedCover: '3000000.00',
      maxAnnualPremium: '30000.00',
      coverGap: '2500000.00',
      premiumShare: '0.0667',
    });
    // python: Σ_{t=1..25} 210000 × 1.03^(t−1)/1.023^t = 5,576,320.55
    expect(r.humanLifeValue?.value).toBe('5576320.55');
    // python: Σ_{k<20} 100000/(1.023/1.02)^k = 1,945,249.80
    expect(r.needsAnalysis?.components.find((c) => c.code === 'survivorsLiving')?.amount).toBe('1945249.80');
    expect(r.needsAnalysis?.grossNeed).toBe('2995249.80');
    expect(r.needsAnalysis?.netNeed).toBe('2295249.80');
  });

  it('HLV at r = g is N·I(1−c)/(1+r)', () => {
    // python: 25 × 210000 / 1.03 = 5,097,087.38 (and the sum gives the same)
    const r = calc('insurance', {
      annualIncome: 300000,
      hlv: { yearsToRetirement: 25, consumptionShare: 0.3, incomeGrowth: 0.03, discountRate: 0.03 },
    });
    expect(r.humanLifeValue).toMatchObject({ value: '5097087.38', rEqualsG: true });
  });
});

describe('emergency fund', () => {
  it('3–6 months for a stable income, time deposits excluded by default', () => {
    const r = calc('emergency-fund', {
      monthlyEssentialSpending: 10000,
      cash: 20000,
      moneyMarket: 30000,
      timeDeposits: 100000,
    });
    expect(r).toMatchObject({
      targetMin: '30000.00',
      targetMax: '60000.00',
      liquidAssets: '50000.00',
      status: 'adequate',
      coverageMonths: '5',
      gapToMin: '0.00',
    });
  });

  it('6–12 months for an unstable income; zero spending gives no coverage figure', () => {
    const r = calc('emergency-fund', {
      monthlyEssentialSpending: 10000,
      incomeStable: false,
      cash: 20000,
      timeDeposits: 10000,
      includeTimeDeposits: true,
    });
    expect(r).toMatchObject({
      monthsRange: { min: '6', max: '12' },
      liquidAssets: '30000.00',
      gapToMin: '30000.00',
      status: 'short',
    });
    expect(calc('emergency-fund', { monthlyEssentialSpending: 0, cash: 1 }).coverageMonths).toBeNull();
  });
});

describe('ratios', () => {
  it('values, verdicts and zero denominators', () => {
    const r = calc('ratios', {
      annualAfterTaxIncome: 400000,
      annualSpending: 250000,
      totalAssets: 5000000,
      totalLiabilities: 0,
      liquidAssets: 100000,
      investmentAssets: 1000000,
    });
    const by = Object.fromEntries(r.ratios.map((x) => [x.code, x]));
    expect(by.savingsRatio).toMatchObject({ value: '0.3750', verdict: 'good' });
    expect(by.investmentToNetWorth).toMatchObject({ value: '0.2000', verdict: 'watch' });
    expect(by.solvencyRatio).toMatchObject({ value: '1.0000', verdict: 'good' });
    expect(by.currentRatio).toMatchObject({ value: null, reason: 'no_liabilities', verdict: 'n/a' });
    expect(by.liquidityRatio).toMatchObject({ value: '4.8000', verdict: 'good' });
    const empty = calc('ratios', {
      annualAfterTaxIncome: 0,
      annualSpending: 0,
      totalAssets: 0,
      totalLiabilities: 0,
    });
    expect(empty.ratios.every((x) => x.value === null && x.verdict === 'n/a')).toBe(true);
  });

  it('清偿比率 + 负债比率 = 1 when total assets > 0 (exactly, and as displayed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 2_000_000_000 }),
        (a, l) => {
          const r = calc('ratios', {
            annualAfterTaxIncome: 1,
            annualSpending: 1,
            totalAssets: a,
            totalLiabilities: l,
          });
          const s = r.ratios.find((x) => x.code === 'solvencyRatio')!.value!;
          const d = r.ratios.find((x) => x.code === 'debtRatio')!.value!;
          expect(new Dec(s).plus(d).toFixed(4)).toBe('1.0000');
          const exact = householdRatios({
            annualAfterTaxIncome: new Dec(1),
            annualSpending: new Dec(1),
            totalAssets: new Dec(a),
            totalLiabilities: new Dec(l),
            investmentAssets: new Dec(0),
            liquidAssets: new Dec(0),
            annualDebtService: new Dec(0),
            annualPassiveIncome: new Dec(0),
            annualProtectionPremium: new Dec(0),
          });
          const sv = exact.find((x) => x.code === 'solvencyRatio')!.value!;
          const dv = exact.find((x) => x.code === 'debtRatio')!.value!;
          expect(sv.plus(dv).minus(1).abs().lt('1e-35')).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
