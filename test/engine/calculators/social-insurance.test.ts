import { describe, expect, it } from 'vitest';
import { calc } from './helpers.js';

describe('social insurance', () => {
  it('clamps to the Beijing 2025-26 cap and rounds each item half-up: 35,811 × 0.5% = 179.055 → 179.06', () => {
    const r = calc('social-insurance', {
      monthlyWage: 50000,
      city: '北京市',
      date: '2025-09',
      housingFundRate: 0.12,
    });
    expect(r.base).toBe('35811.00');
    expect(r.clamp).toMatchObject({
      applied: true,
      bound: 'cap',
      floor: '7162.00',
      cap: '35811.00',
      source: 'rules',
      carriedForward: false,
    });
    // 35811 × 8% = 2864.88; × 2% = 716.22; + 3 元 大额互助; × 0.5% = 179.055 → 179.06; HF 12% = 4297.32
    expect(r.monthly).toEqual({
      pension: '2864.88',
      medical: '716.22',
      medicalSupplement: '3.00',
      unemployment: '179.06',
      socialInsuranceTotal: '3763.16',
      housingFundBase: '35811.00',
      housingFund: '4297.32',
      total: '8060.48',
    });
    expect(r.annual.total).toBe('96725.76');
  });

  it('clamps to the floor (Shanghai 2023-24) and has no Beijing supplement elsewhere', () => {
    const r = calc('social-insurance', {
      monthlyWage: 5000,
      city: 'shanghai',
      date: '2024-01',
      housingFundRate: 0.07,
    });
    expect(r.base).toBe('7310.00');
    expect(r.clamp.bound).toBe('floor');
    expect(r.monthly.medicalSupplement).toBe('0.00');
    expect(r.monthly.pension).toBe('584.80');
    expect(r.monthly.housingFund).toBe('350.00'); // HF base not clamped to the SI floor: 5000 × 7%
  });

  it('carries the base forward past the last listed period and says so', () => {
    const r = calc('social-insurance', {
      monthlyWage: 50000,
      city: '上海',
      date: '2026-11',
      housingFundRate: 0.07,
    });
    expect(r.clamp).toMatchObject({ applied: true, carriedForward: true, cap: '36921.00' });
    expect(r.warnings).toContain('BASE_CARRIED_FORWARD');
    expect(r.used.carriedForward.length).toBe(1);
  });

  it('does not clamp when the city is unknown or has no base for the date', () => {
    const r = calc('social-insurance', { monthlyWage: 100000, city: '杭州', housingFundRate: 0.05 });
    expect(r.clamp).toMatchObject({ applied: false, source: 'none', reason: 'city_unknown' });
    expect(r.base).toBe('100000.00');
    expect(r.warnings).toEqual(['CITY_NOT_IN_RULES', 'BASE_NOT_CLAMPED']);
    const early = calc('social-insurance', {
      monthlyWage: 100000,
      city: '北京',
      date: '2023-01',
      housingFundRate: 0.05,
    });
    expect(early.clamp.reason).toBe('no_base_for_date');
    expect(calc('social-insurance', { monthlyWage: 100000 }).clamp.reason).toBe('no_city');
  });

  it('given floor and cap override the city rules; the default HF rate is the 12% assumption', () => {
    const r = calc('social-insurance', {
      monthlyWage: 3000,
      city: '北京',
      baseFloor: 4000,
      baseCap: 20000,
      date: '2025-09',
    });
    expect(r.clamp).toMatchObject({ source: 'input', floor: '4000.00', bound: 'floor' });
    expect(r.base).toBe('4000.00');
    expect(r.used.housingFundRate).toBe('0.12');
  });
});
