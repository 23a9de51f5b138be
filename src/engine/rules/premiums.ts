/**
 * Indicative premiums for the protection a plan recommends, so that new cover enters the funding
 * pass as money, not as a wish. Quotes differ between insurers, products and health: these are
 * typical 2025–26 published rates for standard-risk non-smokers, and the report says so. A bank
 * replaces them with its own products' rates.
 *
 * - 百万医疗 (renewable medical) and 综合意外 (accident, 50万 cover): a yearly premium by age;
 * - 定期重疾 (critical illness to 70) and 定期寿险 (term life to 70): a yearly premium per 10,000 元
 *   of cover by age band, for a man; a woman pays the stated share of it.
 */
import { Dec, ZERO, roundFen } from '../../domain/money.js';
import type { Dated } from './dated.js';

export type CoverKind = 'life' | 'criticalIllness' | 'medical' | 'accident';

interface AgeBand<T> {
  /** Inclusive lower age of the band; the band runs to the next one's lower age. */
  fromAge: number;
  value: T;
}

export interface PremiumTable {
  /** 元 a year per person. */
  medical: readonly AgeBand<string>[];
  accident: readonly AgeBand<string>[];
  /** 元 a year per 10,000 元 of cover, male; null where new cover is not usually sold. */
  criticalIllnessPer10k: readonly AgeBand<string | null>[];
  lifePer10k: readonly AgeBand<string | null>[];
  /** A woman's premium as a share of a man's. */
  femaleFactor: { criticalIllness: string; life: string };
}

export const PREMIUM_TABLE: Dated<PremiumTable> = {
  value: {
    medical: [
      { fromAge: 0, value: '600' },
      { fromAge: 18, value: '260' },
      { fromAge: 31, value: '400' },
      { fromAge: 41, value: '750' },
      { fromAge: 51, value: '1400' },
      { fromAge: 61, value: '2500' },
      { fromAge: 71, value: '3600' },
    ],
    accident: [
      { fromAge: 0, value: '100' },
      { fromAge: 18, value: '250' },
      { fromAge: 60, value: '600' },
    ],
    criticalIllnessPer10k: [
      { fromAge: 0, value: '30' },
      { fromAge: 18, value: '65' },
      { fromAge: 30, value: '95' },
      { fromAge: 40, value: '170' },
      { fromAge: 50, value: '320' },
      { fromAge: 60, value: null },
    ],
    lifePer10k: [
      { fromAge: 18, value: '12' },
      { fromAge: 30, value: '18' },
      { fromAge: 40, value: '35' },
      { fromAge: 50, value: '80' },
      { fromAge: 60, value: null },
    ],
    femaleFactor: { criticalIllness: '0.85', life: '0.6' },
  },
  effectiveFrom: '2026-01-01',
  source: '2025–26 年公开销售的百万医疗、综合意外、定期重疾与定期寿险的典型费率（标准体、非吸烟）',
  certainty: 'low',
  note: '保费估算仅用于安排预算：实际保费因保险公司、产品责任、缴费期与健康告知而不同，以投保时报价为准。',
};

function band<T>(bands: readonly AgeBand<T>[], age: number): T | undefined {
  let found: T | undefined;
  for (const b of bands) if (age >= b.fromAge) found = b.value;
  return found;
}

/**
 * The indicative yearly premium of new cover for a person of an age and sex (元, to the fen);
 * null when such cover is not usually sold at that age. Medical and accident cover are priced per
 * person; critical illness and life per 10,000 元 of `cover`.
 */
export function estimatePremium(
  kind: CoverKind,
  age: number,
  gender: 'male' | 'female',
  cover: Dec,
  table: PremiumTable = PREMIUM_TABLE.value,
): Dec | null {
  if (kind === 'medical' || kind === 'accident') {
    const v = band(table[kind], age);
    return v === undefined ? null : new Dec(v);
  }
  if (cover.lte(0)) return ZERO;
  const rate = band(kind === 'life' ? table.lifePer10k : table.criticalIllnessPer10k, age);
  if (rate === undefined || rate === null) return null;
  const factor = gender === 'female' ? new Dec(table.femaleFactor[kind]) : new Dec(1);
  return roundFen(cover.div(10_000).times(rate).times(factor));
}
