/**
 * The marginal rate from the year's real taxable income under the chosen bonus method (issue 13,
 * item 6). 程建国 (family sample) has his bonus merged into 综合所得: salary and bonus less the
 * deductions give 62,480 of taxable income, in the 10% bracket of the annual table (36,000–144,000,
 * 《个人所得税法》综合所得税率表) — not the 3% of his salary alone. 个人养老金 (12,000 a year,
 * 财税〔2022〕34号; 3% tax on withdrawal) then saves 12,000 × (10% − 3%) = 840 a year net.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/api.js';
import { buildPlan } from '../../../src/engine/plan.js';
import { readSample } from '../../helpers/samples.js';

describe('marginal rate under the chosen bonus method', () => {
  it('程建国: bonus merged, 10% bracket, 个人养老金 net saving 840', () => {
    const r = validate(readSample('family-with-children-education-and-retirement'));
    if (!r.ok) throw new Error('sample');
    const tax = buildPlan(r.profile, { risk: { trials: 100 } }).planning.tax;
    const self = tax.members.find((m) => m.memberId === 'self')!;
    expect(self.bonusMethod).toBe('merged');
    expect(self.marginalRate).toBe('0.1');
    expect(self.privatePensionTaxSaving).toBe('840.00');
  });
});
