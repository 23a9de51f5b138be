/**
 * Protection per member and per death scenario (issue 13, item 3). Sources: china-rules §6
 * (遗属需要法; 重疾 ≈ treatment + 3–5 years of income; 双十 as the premium budget), the
 * premium table (PREMIUM_TABLE, dated, low certainty) and 保监发〔2015〕90号 (a minor's
 * accidental-death benefit: under 10, 20万). Each figure below is worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/api.js';
import { dec, sum } from '../../../src/domain/money.js';
import { failedChecks } from '../../../src/engine/audit.js';
import { buildPlan } from '../../../src/engine/plan.js';
import type { Plan } from '../../../src/engine/plan-types.js';
import { readSample } from '../../helpers/samples.js';

const plans = new Map<string, Plan>();
function planOf(name: string): Plan {
  let p = plans.get(name);
  if (!p) {
    const r = validate(readSample(name));
    if (!r.ok) throw new Error(name);
    plans.set(name, (p = buildPlan(r.profile, { risk: { trials: 200 } })));
  }
  return p;
}
const member = (p: Plan, id: string) => p.planning.insurance.members.find((m) => m.memberId === id)!;
const line = (p: Plan, id: string, kind: string) => member(p, id).lines.find((l) => l.kind === kind);

describe('life cover only where someone depends on the income', () => {
  it('the single salesman with no dependants and no debt gets no life cover', () => {
    const p = planOf('young-beijing-salesman-startup-and-home');
    const m = member(p, 'self');
    expect(m.life?.method).toBe('none');
    expect(m.life?.dependants).toEqual([]);
    expect(m.life?.recommended).toBe('0.00');
    expect(line(p, 'self', 'life')).toBeUndefined();
    expect(p.actions.some((a) => a.code === 'INSURE_LIFE')).toBe(false);
    expect(failedChecks(p)).toEqual([]);
  });

  it('程建国 (family): the needs of his death, net of 刘芳’s own income and the assets', () => {
    const p = planOf('family-with-children-education-and-retirement');
    const life = member(p, 'self').life!;
    expect(life.dependants).toEqual(['spouse', 'son', 'daughter']);
    // 50,000 + 580,000 + 767,112.86 + 2,227,753.71 + 42,221.12 − 1,753,029.94 − 490,000 = 1,424,057.75
    const gross = sum(life.needsComponents.map((c) => dec(c.amount)));
    expect(gross.toFixed(2)).toBe('3667087.69');
    expect(gross.minus(life.lessSurvivorsIncome).minus(life.lessLiquidAssets).toFixed(2)).toBe(
      life.recommended,
    );
    expect(life.recommended).toBe('1424057.75');
    expect(line(p, 'self', 'life')!.gap).toBe('1424057.75');
  });

  it('刘芳 (family): her husband’s income is netted off, so her death leaves no life-cover gap', () => {
    const p = planOf('family-with-children-education-and-retirement');
    const life = member(p, 'spouse').life!;
    expect(dec(life.lessSurvivorsIncome).gt(0)).toBe(true);
    expect(life.recommended).toBe('0.00');
    // Nothing to buy and none held: no life line, and no INSURE_LIFE action for her.
    expect(line(p, 'spouse', 'life')).toBeUndefined();
    expect(p.actions.some((a) => a.code === 'INSURE_LIFE' && a.data.memberId === 'spouse')).toBe(false);
  });

  it('single parent: survivors’ living costs = her daughter’s share of the spending until she is 22', () => {
    const p = planOf('single-parent-chengdu');
    const life = member(p, 'self').life!;
    expect(life.survivorsYears).toBe(14); // born 2018-02, 22 in 2040-02; valued 2026-11 → 13.25 → 14 years
    const share = dec(p.cashFlow.totals.livingSpending).div(2);
    // Annuity due at the real rate (1.023 / 1.02) − 1: Σ_{t=0}^{13} share ÷ (1 + r)^t.
    const r = dec('1.023').div('1.02').minus(1);
    let pv = dec(0);
    for (let t = 0; t < 14; t++) pv = pv.plus(share.div(r.plus(1).pow(t)));
    const living = life.needsComponents.find((c) => c.code === 'survivorsLiving')!;
    expect(dec(living.amount).minus(pv).abs().lte('0.01')).toBe(true);
    expect(life.lessSurvivorsIncome).toBe('0.00');
  });
});

describe('critical illness follows income: 3 years of labour income + 30万 treatment', () => {
  it('the business owner (132万) is not covered for less than his wife (72万)', () => {
    const p = planOf('business-owner-shenzhen-high-net-worth');
    expect(line(p, 'self', 'criticalIllness')!.need).toBe('4260000.00'); // 3 × 1,320,000 + 300,000
    expect(line(p, 'spouse', 'criticalIllness')!.need).toBe('2460000.00'); // 3 × 720,000 + 300,000
  });

  it('程建国: need 3 × 230,000 + 300,000 = 990,000; gap 690,000 after 30万 held; premium 69 × 170 = 11,730', () => {
    const p = planOf('family-with-children-education-and-retirement');
    const ci = line(p, 'self', 'criticalIllness')!;
    expect([ci.need, ci.gap, ci.estimatedPremium]).toEqual(['990000.00', '690000.00', '11730.00']);
    // The premium enters the funding pass.
    const item = p.funding.items.find((i) => i.code === 'INSURE_CRITICAL_ILLNESS' && i.memberId === 'self');
    expect(item?.requestedMonthly).toBe('977.50');
  });
});

describe('medical and accident cover with amounts; 如实告知; 双十 as a budget check', () => {
  it('百万医疗 200万 and accident 50万 for adults, 20万 for a child under 10', () => {
    const p = planOf('single-parent-chengdu');
    expect(line(p, 'self', 'medical')!.need).toBe('2000000.00');
    expect(line(p, 'self', 'accident')!.need).toBe('500000.00');
    expect(line(p, 'daughter', 'accident')!.need).toBe('200000.00');
  });

  it('a health note naming a condition asks for 如实告知; "身体健康" does not', () => {
    const p = planOf('family-with-children-education-and-retirement');
    expect(member(p, 'self').healthDisclosure).toBe(true); // 轻度脂肪肝
    expect(member(p, 'spouse').healthDisclosure).toBe(false); // 身体健康
  });

  it('the premiums after the new cover are set against 10% of the household income', () => {
    const ins = planOf('family-with-children-education-and-retirement').planning.insurance;
    const expected = dec(ins.currentPremiums).plus(ins.newPremiums).div(ins.householdIncome);
    expect(ins.premiumShareAfter).toBe(expected.toFixed(4));
  });
});

describe('the death stress test and the protection section give one figure', () => {
  it.each([
    'family-with-children-education-and-retirement',
    'single-parent-chengdu',
    'business-owner-shenzhen-high-net-worth',
  ])('%s', (name) => {
    const p = planOf(name);
    for (const s of p.risk.stress.filter((x) => x.additionalCoverNeeded !== null))
      expect(s.additionalCoverNeeded).toBe(line(p, String(s.data.memberId), 'life')?.gap ?? '0.00');
    expect(failedChecks(p)).toEqual([]);
  });
});
