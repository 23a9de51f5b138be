import { describe, expect, it } from 'vitest';
import {
  CLIENT_TIERS,
  IIT_ANNUAL_TABLE,
  IIT_BONUS_MONTHLY_TABLE,
  PENSION_PAYOUT_MONTHS,
  RULE_SET,
  RULE_SET_DATE,
  RULE_SET_ID,
  cityCodeOf,
  clientTierOf,
  inForce,
  pensionCreditRateOf,
  riskLevelFromAnswers,
  rulesAt,
  socialInsuranceBase,
  socialInsuranceBaseCarried,
  type Dated,
} from '../../../src/engine/rules/index.js';
import { Dec } from '../../../src/domain/money.js';

/** Every Dated entry anywhere in the rule set. */
function allEntries(node: unknown, out: Dated<unknown>[] = []): Dated<unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => allEntries(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ('effectiveFrom' in o && 'value' in o && 'source' in o) out.push(o as unknown as Dated<unknown>);
    else Object.values(o).forEach((v) => allEntries(v, out));
  }
  return out;
}

describe('rule set', () => {
  it('has its identifier and 口径日期', () => {
    expect(RULE_SET_ID).toBe('cn-2026.11');
    expect(RULE_SET_DATE).toBe('2026-11-01');
  });

  it('dates every entry properly and gives a source and a certainty', () => {
    const entries = allEntries(RULE_SET);
    expect(entries.length).toBeGreaterThan(40);
    for (const e of entries) {
      expect(e.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (e.effectiveTo) expect(e.effectiveTo >= e.effectiveFrom).toBe(true);
      expect(e.source.length).toBeGreaterThan(3);
      expect(['high', 'medium', 'low']).toContain(e.certainty);
    }
  });

  it('the bonus table is the annual table ÷ 12 (china-rules §1.3) and ends 2027-12-31', () => {
    const annual = IIT_ANNUAL_TABLE[0]!.value;
    const monthly = IIT_BONUS_MONTHLY_TABLE[0]!.value;
    monthly.forEach((b, k) => {
      const a = annual[k]!;
      expect(b.rate).toBe(a.rate);
      expect(new Dec(b.quickDeduction).times(12).toString()).toBe(a.quickDeduction);
      expect(b.upTo === null ? null : new Dec(b.upTo).times(12).toString()).toBe(a.upTo);
    });
    expect(IIT_BONUS_MONTHLY_TABLE[0]!.effectiveTo).toBe('2027-12-31');
  });

  it('rulesAt drops the bonus table after 2027-12-31 and keeps it before', () => {
    expect(rulesAt('2027-12-31').bonus).toBeDefined();
    expect(rulesAt('2028-01').bonus).toBeUndefined();
  });

  it('rulesAt picks 2023 and pre-2023 专项附加扣除 standards by date', () => {
    expect(rulesAt('2022-06').iit.specialAdditional.value.childEducationPerChildMonthly).toBe('1000');
    expect(rulesAt('2022-06').iit.specialAdditional.value.infantCarePerChildMonthly).toBe('1000');
    expect(rulesAt('2021-06').iit.specialAdditional.value.infantCarePerChildMonthly).toBeNull();
    const s = rulesAt('2026-11').iit.specialAdditional.value;
    expect([s.infantCarePerChildMonthly, s.childEducationPerChildMonthly, s.elderlyOnlyChildMonthly]).toEqual(
      ['2000', '2000', '3000'],
    );
    expect(s.elderlyShareCapMonthly).toBe('1500');
    expect(s.housingRentMonthly).toEqual({ class1: '1500', class2: '1100', class3: '800' });
  });

  it('rulesAt gives the LPR and 公积金 rates by date', () => {
    expect(rulesAt('2025-05-19').lpr?.value).toEqual({ oneYear: '0.031', fiveYear: '0.036' });
    expect(rulesAt('2025-05-20').lpr?.value).toEqual({ oneYear: '0.03', fiveYear: '0.035' });
    expect(rulesAt('2024-01').lpr).toBeUndefined();
    expect(rulesAt('2025-05-07').housingFundLoanRates?.value.firstHome.over5Years).toBe('0.0285');
    expect(rulesAt('2025-05-08').housingFundLoanRates?.value.firstHome.over5Years).toBe('0.026');
    expect(rulesAt('2026-11').housingFundLoanRates?.value.secondHome).toEqual({
      upTo5Years: '0.02525',
      over5Years: '0.03075',
    });
  });

  it('carries city bases forward past their last period and flags them', () => {
    const r = rulesAt('2026-11');
    expect(r.socialInsurance.bases.beijing?.value.cap).toBe('35811');
    expect(r.socialInsurance.bases.beijing?.carriedForward).toBe(true);
    expect(r.carriedForward).toContain('socialInsurance.bases.beijing');
    expect(r.beyondCompiledOn).toBe(false);
    const mid = rulesAt('2026-01');
    expect(mid.socialInsurance.bases.beijing?.carriedForward).toBe(false);
    expect(mid.carriedForward).not.toContain('socialInsurance.bases.beijing');
    expect(rulesAt('2023-01').socialInsurance.bases.beijing).toBeUndefined();
    expect(rulesAt('2040-01').beyondCompiledOn).toBe(true);
  });

  it('refuses dates before the rule set starts', () => {
    expect(() => rulesAt('2018-12')).toThrow(RangeError);
  });
});

describe('social-insurance bases', () => {
  it('looks up exactly the listed periods', () => {
    expect(socialInsuranceBase('beijing', '2024-07')?.value).toEqual({ floor: '6821', cap: '35283' });
    expect(socialInsuranceBase('beijing', '2025-06-30')?.value.cap).toBe('35283');
    expect(socialInsuranceBase('beijing', '2025-07')?.value).toEqual({
      floor: '7162',
      cap: '35811',
      housingFundCap: '35811',
    });
    expect(socialInsuranceBase('shanghai', '2023-07')?.value).toEqual({ floor: '7310', cap: '36549' });
    expect(socialInsuranceBase('shanghai', '2025-01')?.value).toEqual({ floor: '7384', cap: '36921' });
    expect(socialInsuranceBase('guangdong', '2025-01')?.certainty).toBe('low');
    expect(socialInsuranceBase('shanghai', '2025-07')).toBeUndefined();
    expect(socialInsuranceBase('beijing', '2026-07')).toBeUndefined();
  });

  it('carries forward with a flag', () => {
    expect(socialInsuranceBaseCarried('shanghai', '2026-01')).toMatchObject({
      carriedForward: true,
      entry: { value: { floor: '7384', cap: '36921' } },
    });
    expect(socialInsuranceBaseCarried('beijing', '2025-08')?.carriedForward).toBe(false);
    expect(socialInsuranceBaseCarried('beijing', '2020-01')).toBeUndefined();
  });

  it('maps city names to codes', () => {
    for (const n of ['北京', '北京市', 'beijing', 'Beijing', ' BEIJING '])
      expect(cityCodeOf(n)).toBe('beijing');
    for (const n of ['上海', '上海市', 'shanghai']) expect(cityCodeOf(n)).toBe('shanghai');
    for (const n of ['广州', '深圳', '广东', '广东省', 'shenzhen', 'guangzhou'])
      expect(cityCodeOf(n)).toBe('guangdong');
    expect(cityCodeOf('杭州')).toBeUndefined();
    expect(cityCodeOf('constructor')).toBeUndefined();
  });
});

describe('pension rules', () => {
  it('计发月数 table (china-rules §3.2, the 208 and 93/84/75/65/56 variant)', () => {
    const t = PENSION_PAYOUT_MONTHS[0]!.value;
    expect([t[40], t[45], t[47], t[50], t[55], t[58], t[60], t[63], t[65], t[70]]).toEqual([
      233, 216, 208, 195, 170, 152, 139, 117, 101, 56,
    ]);
    expect([t[66], t[67], t[68], t[69]]).toEqual([93, 84, 75, 65]);
    for (let a = 40; a < 70; a++) expect(t[a]! > t[a + 1]!).toBe(true);
  });

  it('记账利率 series 2016–2025 (2025 Low)', () => {
    expect(pensionCreditRateOf(2016)?.value).toBe('0.0831');
    expect(pensionCreditRateOf(2023)?.value).toBe('0.0397');
    expect(pensionCreditRateOf(2024)?.value).toBe('0.0262');
    expect(pensionCreditRateOf(2025)).toMatchObject({ value: '0.015', certainty: 'low' });
    expect(pensionCreditRateOf(2026)).toBeUndefined();
    expect(rulesAt('2026-03').pension.accountCreditRate).toBeUndefined();
    expect(rulesAt('2024-03').pension.accountCreditRate?.value).toBe('0.0262');
  });
});

describe('assumptions and conventions', () => {
  it('maps questionnaire totals linearly to C1–C5', () => {
    expect(riskLevelFromAnswers([1, 1, 1, 1])).toBe('C1');
    expect(riskLevelFromAnswers([5, 5, 5, 5])).toBe('C5');
    expect(riskLevelFromAnswers([3, 3, 3, 3])).toBe('C3');
    // total 7 of [4, 20]: (7 − 4) × 5 / 16 = 0.94 → C1; total 8: 1.25 → C2
    expect(riskLevelFromAnswers([2, 2, 2, 1])).toBe('C1');
    expect(riskLevelFromAnswers([2, 2, 2, 2])).toBe('C2');
    expect(riskLevelFromAnswers([])).toBeUndefined();
    expect(riskLevelFromAnswers([6])).toBeUndefined();
  });

  it('tiers clients by financial assets at 5万/20万/100万/500万', () => {
    expect(CLIENT_TIERS.value.map((t) => t.minAssets)).toEqual([
      '0',
      '50000',
      '200000',
      '1000000',
      '5000000',
    ]);
    expect(clientTierOf('49999.99').code).toBe('T0');
    expect(clientTierOf(50000).code).toBe('T1');
    expect(clientTierOf('1000000').code).toBe('T3');
    expect(clientTierOf('80000000').code).toBe('T4');
  });

  it('model allocations sum to 1 and match china-rules §7.3', () => {
    const m = RULE_SET.assumptions.modelAllocations.value;
    for (const a of Object.values(m))
      expect(new Dec(a.cash).plus(a.bond).plus(a.equity).toString()).toBe('1');
    // E[r] recomputed: C3 = 0.1×1.3% + 0.5×2.3% + 0.4×7% = 4.08% ≈ 4.1%
    const c3 = m.C3;
    const er = new Dec(c3.cash)
      .times('0.013')
      .plus(new Dec(c3.bond).times('0.023'))
      .plus(new Dec(c3.equity).times('0.07'));
    expect(er.toDecimalPlaces(3).toString()).toBe(c3.expectedReturn);
  });

  it('every assumption explains itself', () => {
    const a = RULE_SET.assumptions;
    for (const key of [
      'inflation',
      'incomeGrowth',
      'housePriceGrowth',
      'pensionGrowth',
      'averageWageGrowth',
      'lifeExpectancy',
    ] as const)
      expect(a[key].note?.length ?? 0).toBeGreaterThan(10);
    expect(a.inflation.value).toBe('0.02');
    expect(a.lifeExpectancy.value).toEqual({ male: 85, female: 88 });
    expect(inForce([a.inflation], '2026-11')).toBeDefined();
  });
});
