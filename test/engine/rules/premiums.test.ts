import { describe, expect, it } from 'vitest';
import { dec } from '../../../src/domain/money.js';
import { estimatePremium } from '../../../src/engine/rules/premiums.js';

describe('indicative premiums (PREMIUM_TABLE)', () => {
  it('prices critical illness and life per 10,000 元 of cover by age band, a woman at her share', () => {
    // 40-year-old man, 390,000 of critical illness: 39 × 170 = 6,630.
    expect(estimatePremium('criticalIllness', 40, 'male', dec(390_000))!.toFixed(2)).toBe('6630.00');
    // 38-year-old woman, 342,000: 34.2 × 95 × 0.85 = 2,761.65.
    expect(estimatePremium('criticalIllness', 38, 'female', dec(342_000))!.toFixed(2)).toBe('2761.65');
    // 38-year-old woman, 1,000,000 of term life: 100 × 18 × 0.6 = 1,080.
    expect(estimatePremium('life', 38, 'female', dec(1_000_000))!.toFixed(2)).toBe('1080.00');
  });

  it('prices medical and accident cover per person by age; none where new cover is not sold', () => {
    expect(estimatePremium('medical', 40, 'male', dec(0))!.toFixed(0)).toBe('400');
    expect(estimatePremium('medical', 5, 'female', dec(0))!.toFixed(0)).toBe('600');
    expect(estimatePremium('accident', 65, 'male', dec(0))!.toFixed(0)).toBe('600');
    expect(estimatePremium('life', 62, 'male', dec(500_000))).toBeNull();
    expect(estimatePremium('criticalIllness', 17, 'male', dec(0))!.toFixed(2)).toBe('0.00');
  });
});
