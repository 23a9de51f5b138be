/**
 * Stress tests that fit the household (issue 13, item 4): the death and the disability of each
 * earner someone depends on; for a single person without dependants, disability and long-term
 * care instead of a death that leaves no survivors (no "遗属"); no job loss where nobody earns,
 * a medical-cost shock instead; for a retired household, the market fall in the first years of
 * drawing (sequence of returns) and living to 95 (STRESS_ASSUMPTIONS, dated scenario choices).
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/api.js';
import { buildPlan } from '../../../src/engine/plan.js';
import type { Plan } from '../../../src/engine/plan-types.js';
import { renderFindingTexts } from '../../helpers/stress-text.js';
import { readSample } from '../../helpers/samples.js';

function planOf(name: string, edit?: (p: Record<string, unknown>) => void): Plan {
  const raw = readSample(name) as Record<string, unknown>;
  edit?.(raw);
  const r = validate(raw);
  if (!r.ok) throw new Error(name);
  return buildPlan(r.profile, { risk: { trials: 200 } });
}
const codes = (p: Plan) =>
  p.risk.stress.map((s) => `${s.code}${s.data.memberId ? `:${String(s.data.memberId)}` : ''}`);

describe('stress tests by household', () => {
  it('the single salesman: disability and long-term care, no death test and no 遗属', () => {
    const p = planOf('young-beijing-salesman-startup-and-home');
    expect(codes(p)).toContain('disability_long_term_care:self');
    expect(codes(p).some((c) => c.startsWith('death_of_earner'))).toBe(false);
    expect(renderFindingTexts(p).join('')).not.toContain('遗属');
  });

  it('the family: death and disability of each earner, naming whose age', () => {
    const p = planOf('family-with-children-education-and-retirement');
    for (const c of [
      'death_of_earner:self',
      'death_of_earner:spouse',
      'disability_long_term_care:self',
      'disability_long_term_care:spouse',
    ])
      expect(codes(p)).toContain(c);
    // 程建国, born 1986-05, in 2027: 41; 刘芳, born 1988-09: 39.
    const death = p.risk.stress.filter((s) => s.code === 'death_of_earner').map((s) => s.data.age);
    expect(death).toEqual([41, 39]);
  });

  it('the retired couple: no job loss or income-cut illness; a medical-cost shock, the fall in the first years of drawing and living to 95', () => {
    const p = planOf('retired-couple-shanghai');
    expect(codes(p)).toEqual([
      'market_crash_before_retirement',
      'medical_cost_shock:self',
      'longevity_95',
      'lpr_up_150bp',
      'inflation_5pct_5y',
    ]);
    expect(p.risk.stress[0]!.data.timing).toBe('retired');
    expect(p.risk.sensitivity.some((s) => s.parameter === 'retirementAge')).toBe(false);
    const text = renderFindingTexts(p).join('');
    expect(text).not.toContain('退休前一年');
    expect(text).not.toContain('失去工资');
  });

  it('a man two months before retirement: no "提前 2 年退休", no "退休前一年" already past', () => {
    const p = planOf('young-beijing-salesman-startup-and-home', (raw) => {
      const m = (raw.members as Record<string, unknown>[])[0]!;
      m.birthMonth = '1966-09'; // 60 in 2026-09, + 6 months (2025 reform): retires 2027-03
    });
    expect(p.risk.sensitivity.some((s) => s.code === 'retire_earlier_2y')).toBe(false);
    expect(p.risk.stress[0]!.data.timing).toBe('near_retirement');
    expect(p.risk.sensitivity.some((s) => s.code === 'retire_later_2y')).toBe(true);
    expect(renderFindingTexts(p).join('')).not.toContain('退休前一年');
  });
});
