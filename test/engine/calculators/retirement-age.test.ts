import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  minimumContributionYears,
  statutoryRetirement,
} from '../../../src/engine/calculators/retirement-age.js';
import { addMonths } from '../../../src/domain/month.js';
import { calc, errorOf } from './helpers.js';

describe('retirement age — official anchors [china-rules §3.3] and test vectors [S22]', () => {
  const cases: [string, 'male60' | 'female55' | 'female50', string, number, number][] = [
    ['1971-04', 'female55', '2026-08', 55, 4], // [S22]
    ['1965-12', 'male60', '2026-03', 60, 3], // [S22] and anchor
    ['1995-12', 'female50', '2050-12', 55, 0], // [S22]
    ['1963-12', 'male60', '2023-12', 60, 0], // [S22]: before the reform
    ['1965-01', 'male60', '2025-02', 60, 1], // [S22] and anchor
    ['1970-01', 'female55', '2025-02', 55, 1], // anchor
    ['1975-01', 'female50', '2025-02', 50, 1], // anchor
  ];
  for (const [birth, cat, month, y, m] of cases)
    it(`${birth} ${cat} → ${month}`, () => {
      const r = calc('retirement-age', { birthMonth: birth, category: cat });
      expect(r.statutoryRetirementMonth).toBe(month);
      expect(r.statutoryAge).toEqual({ years: y, months: m });
    });

  it('1976-09 men are the first cohort at the full 63; 1976-08 are one month short', () => {
    expect(statutoryRetirement('1976-09', 'male60').delayMonths).toBe(36);
    expect(statutoryRetirement('1976-08', 'male60').delayMonths).toBe(35);
    expect(statutoryRetirement('1976-09', 'male60').age).toEqual({ years: 63, months: 0 });
  });

  it('1984-11 原50岁 women are the first cohort at the full 55', () => {
    expect(statutoryRetirement('1984-11', 'female50').delayMonths).toBe(60);
    expect(statutoryRetirement('1984-10', 'female50').delayMonths).toBe(59);
  });
});

describe('minimum contribution years', () => {
  it('15 until 2029, +0.5 a year from 2030, 20 from 2039', () => {
    expect(
      [2025, 2029, 2030, 2031, 2035, 2038, 2039, 2050].map((y) => minimumContributionYears(y).toString()),
    ).toEqual(['15', '15', '15.5', '16', '18', '19.5', '20', '20']);
    expect(
      calc('retirement-age', { birthMonth: '1990-01', category: 'male60' }).minimumContributionYears,
    ).toBe('20');
  });
});

describe('flexible retirement', () => {
  it('early by up to 36 months but never before the original age; late by up to 36', () => {
    const r = calc('retirement-age', { birthMonth: '1980-01', category: 'male60', flexibleMonths: -36 });
    expect(r.statutoryRetirementMonth).toBe('2043-01');
    expect(r.flexible).toEqual({
      earliestMonth: '2040-01',
      latestMonth: '2046-01',
      earliestMinimumContributionYears: '20',
    });
    expect(r.chosen).toEqual({
      month: '2040-01',
      age: { years: 60, months: 0 },
      minimumContributionYears: '20',
    });
    const early = errorOf(() =>
      calc('retirement-age', { birthMonth: '1966-01', category: 'male60', flexibleMonths: -12 }),
    );
    expect(early?.code).toBe('FINPLAN_E_INVALID_CALCULATOR_INPUT');
  });

  it('property: the delay is monotone in the birth month and within its maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 * 60 }),
        fc.constantFrom('male60', 'female55', 'female50' as const),
        (k, cat) => {
          const birth = addMonths('1950-01', k);
          const a = statutoryRetirement(birth, cat);
          const b = statutoryRetirement(addMonths(birth, 1), cat);
          expect(b.delayMonths).toBeGreaterThanOrEqual(a.delayMonths);
          expect(a.delayMonths).toBeLessThanOrEqual(cat === 'female50' ? 60 : 36);
        },
      ),
      { numRuns: 100 },
    );
  });
});
