import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money.js';
import { annualIit, cumulativeWithholding } from '../../../src/engine/calculators/iit.js';
import { employeeContributions } from '../../../src/engine/calculators/social-insurance.js';
import { rulesAt } from '../../../src/engine/rules/ruleset.js';
import { calc, errorOf } from './helpers.js';

describe('iit — published values', () => {
  it('SAT 累计预扣法 example: 30,000/月, 三险一金 4,500, 专项附加 2,000 → Jan 555, Feb 625, Mar 1,850 [S3]', () => {
    const r = calc('iit', {
      annualIncome: 360000,
      specialDeduction: 54000,
      specialAdditionalTotal: 24000,
      withholding: {
        monthlyIncome: 30000,
        monthlySpecialDeduction: 4500,
        monthlySpecialAdditionalDeduction: 2000,
        months: 3,
      },
    });
    expect(r.withholding!.months.map((m) => m.withheld)).toEqual(['555.00', '625.00', '1850.00']);
    expect(r.withholding!.months.map((m) => m.cumulativeTaxable)).toEqual([
      '18500.00',
      '37000.00',
      '55500.00',
    ]);
  });

  it('taxable 120,000 → 9,480 (not the 6,960 of one public README) [china-rules §1.1]', () => {
    // 120000 = 180000 − 60000 basic deduction; 120000 × 10% − 2520 = 9480
    const r = calc('iit', { annualIncome: 180000, taxYear: 2026 });
    expect(r.taxableIncome).toBe('120000.00');
    expect(r.tax).toBe('9480.00');
    expect(r.bracket).toEqual({ level: 2, rate: '0.1', quickDeduction: '2520' });
  });

  it('bracket edges are inclusive: 36,000 → 1,080; 36,000.01 → 1,080.00; 960,000 → 250,080', () => {
    const t = rulesAt('2026-01').iit;
    const tax = (x: string) => annualIit({ income: new Dec(x).plus(60000) }, t).tax.toFixed(2);
    expect(tax('36000')).toBe('1080.00');
    // 36000.01 × 10% − 2520 = 1080.001 → 1080.00
    expect(tax('36000.01')).toBe('1080.00');
    expect(tax('960000')).toBe('250080.00'); // 960000 × 35% − 85920
    expect(tax('1000000')).toBe('268080.00'); // 1e6 × 45% − 181920
  });
});

describe('iit — itemised deductions', () => {
  it('2026 amounts: two children, infant, elderly shared, rent class 1, continuing education, illness', () => {
    const r = calc('iit', {
      taxYear: 2026,
      annualIncome: 500000,
      specialDeduction: 60000,
      specialAdditional: {
        children: { count: 2, share: 0.5 },
        infants: { count: 1 },
        elderly: { onlyChild: false, monthlyShare: 2000 },
        housingRent: { cityClass: 'class1' },
        continuingEducation: { degreeMonths: 6, certificate: true },
        seriousIllness: { selfPaid: 120000 },
      },
      otherDeductions: { privatePension: 15000, commercialHealthInsurance: 2400 },
    });
    expect(r.specialAdditional.items.map((i) => [i.code, i.amount])).toEqual([
      ['infantCare', '24000.00'], // 2000 × 1 × 12
      ['childEducation', '24000.00'], // 2000 × 2 × 12 × 0.5
      ['elderlySupport', '18000.00'], // share capped at 1500 × 12
      ['housingRent', '18000.00'], // 1500 × 12
      ['continuingEducationDegree', '2400.00'], // 400 × 6
      ['continuingEducationCertificate', '3600.00'],
      ['seriousIllness', '80000.00'], // min(120000 − 15000, 80000)
    ]);
    expect(r.specialAdditional.total).toBe('170000.00');
    expect(r.otherDeductions.total).toBe('14400.00'); // 12000 cap + 2400
    expect(r.warnings).toEqual(['ELDERLY_SHARE_CAPPED', 'PRIVATE_PENSION_CAPPED']);
    // 500000 − 60000 − 60000 − 170000 − 14400 = 195600 → ×20% − 16920 = 22200
    expect(r.taxableIncome).toBe('195600.00');
    expect(r.tax).toBe('22200.00');
    expect(r.afterTaxIncome).toBe('417800.00');
  });

  it('pre-2023 standards apply to 2022 (子女教育 1,000, 赡养老人独生 2,000)', () => {
    const r = calc('iit', {
      taxYear: 2022,
      annualIncome: 200000,
      specialAdditional: { children: { count: 1 }, elderly: { onlyChild: true } },
    });
    expect(r.specialAdditional.total).toBe('36000.00'); // (1000 + 2000) × 12
    expect(r.used.effectiveDate).toBe('2022-01');
  });

  it('housing loan interest and rent are exclusive: the larger is taken, with a warning', () => {
    const r = calc('iit', {
      annualIncome: 200000,
      specialAdditional: { housingLoanInterest: {}, housingRent: { cityClass: 'class1' } },
    });
    expect(r.specialAdditional.items).toEqual([
      { code: 'housingRent', amount: '18000.00', basis: '1500 × 12 月' },
    ]);
    expect(r.warnings).toContain('HOUSING_LOAN_AND_RENT_EXCLUSIVE');
  });

  it('withholding defaults the monthly 专项附加 to the itemised amount ÷ 12 and settles at year end', () => {
    const r = calc('iit', {
      annualIncome: 240000,
      specialDeduction: 36000,
      specialAdditional: { children: { count: 1 }, seriousIllness: { selfPaid: 25000 } },
      withholding: { monthlyIncome: 20000, monthlySpecialDeduction: 3000 },
    });
    // annual: 240000 − 60000 − 36000 − 24000 − 10000 = 110000 → 8480
    expect(r.tax).toBe('8480.00');
    // withholding without 大病医疗: 120000 × 10% − 2520 = 9480 over the year → refund 1000
    expect(r.withholding!.total).toBe('9480.00');
    expect(r.withholding!.settlement).toBe('-1000.00');
  });
});

describe('iit — properties', () => {
  it('withholding over 12 equal months equals the annual tax (same deductions)', () => {
    const t = rulesAt('2026-01').iit;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        (fen, sdFen) => {
          const income = new Dec(fen).div(100);
          const sd = new Dec(sdFen).div(100);
          const rows = cumulativeWithholding(
            Array.from({ length: 12 }, () => ({ income, specialDeduction: sd })),
            t.annualTable.value,
            new Dec(5000),
          );
          const annual = annualIit({ income: income.times(12), specialDeduction: sd.times(12) }, t);
          expect(rows[11]!.cumulativeTax.eq(annual.tax)).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('more salary never lowers after-tax annual income (salary − tax − SI), Beijing 2025-26 bases', () => {
    const r = rulesAt('2025-09');
    const base = r.socialInsurance.bases.beijing!.value;
    const rates = r.socialInsurance.employeeRates.value;
    const afterTax = (monthly: Dec) => {
      const si = employeeContributions({
        base: monthly,
        floor: new Dec(base.floor),
        cap: new Dec(base.cap),
        rates: {
          pension: new Dec(rates.pension),
          medical: new Dec(rates.medical),
          unemployment: new Dec(rates.unemployment),
        },
        medicalSupplement: new Dec(3),
        housingFundCap: new Dec(base.cap),
        housingFundRate: new Dec('0.12'),
      });
      const annualSi = si.total.times(12);
      const tax = annualIit(
        { income: monthly.times(12), specialDeduction: annualSi, specialAdditionalTotal: new Dec(24000) },
        r.iit,
      ).tax;
      return monthly.times(12).minus(tax).minus(annualSi);
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 100, max: 5_000_000 }),
        (fen, deltaFen) => {
          const s = new Dec(fen).div(100);
          expect(afterTax(s.plus(new Dec(deltaFen).div(100))).gte(afterTax(s))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('iit — taxable-income input and the basic deduction (portal)', () => {
  it('taxable 120,000 → 9,480 looked up directly; income-side fields are null [个税法附表一]', () => {
    const r = calc('iit', { taxableIncome: 120000 });
    expect(r.mode).toBe('taxableIncome');
    expect(r.tax).toBe('9480.00');
    expect(r.bracket).toEqual({ level: 2, rate: '0.1', quickDeduction: '2520' });
    expect(r.taxableIncomeRate).toBe('0.0790');
    expect([r.income, r.basicDeduction, r.effectiveRate, r.afterTaxIncome]).toEqual([null, null, null, null]);
    expect(r.specialAdditional).toEqual({ total: null, items: [] });
  });

  it('bracket tops are inclusive in taxable mode: 36,000 → 1,080; 144,000 → 11,880; 960,000 → 250,080', () => {
    const tax = (x: number) => calc('iit', { taxableIncome: x }).tax;
    expect([tax(36000), tax(144000), tax(960000), tax(0)]).toEqual([
      '1080.00',
      '11880.00',
      '250080.00',
      '0.00',
    ]);
  });

  it('a taxable income cannot come with the income or deductions it already nets', () => {
    const e = errorOf(() => calc('iit', { taxableIncome: 100000, specialDeduction: 1000 }));
    expect(e?.code).toBe('FINPLAN_E_INVALID_CALCULATOR_INPUT');
    expect(e?.issues).toEqual([
      { path: 'specialDeduction', code: 'mutually_exclusive', message: '不能与 taxableIncome 同时填写' },
    ]);
    const none = errorOf(() => calc('iit', {}));
    expect(none?.issues).toEqual([expect.objectContaining({ path: 'annualIncome', code: 'required' })]);
  });

  it('the basic deduction defaults to the dated 60,000/yr and can be overridden (annual and withholding)', () => {
    expect(calc('iit', { annualIncome: 100000 }).basicDeduction).toBe('60000.00');
    expect(calc('iit', { annualIncome: 100000 }).tax).toBe('1480.00'); // 40000 × 10% − 2520
    const r = calc('iit', {
      annualIncome: 120000,
      basicDeduction: 0,
      withholding: { monthlyIncome: 10000, months: 2 },
    });
    expect(r.basicDeduction).toBe('0.00');
    expect(r.tax).toBe('9480.00'); // 120000 × 10% − 2520
    expect(r.withholding!.months.map((m) => m.withheld)).toEqual(['300.00', '300.00']); // 10000 × 3% each
    expect(r.used.sources.some((s) => s.includes('第六条'))).toBe(false);
  });

  it('property: the tax from the income equals the tax on its taxable income', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (income, special, basic) => {
          const a = calc('iit', {
            annualIncome: (income / 100).toFixed(2),
            specialDeduction: (special / 100).toFixed(2),
            basicDeduction: basic,
          });
          const b = calc('iit', { taxableIncome: a.taxableIncome });
          expect(b.tax).toBe(a.tax);
          expect(b.bracket).toEqual(a.bracket);
        },
      ),
      { numRuns: 200 },
    );
  });
});
