/**
 * The risk analysis through the engine: sensitivity and stress reruns, the Monte Carlo adapter,
 * and the choice of the change that helps most.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/api.js';
import { dec, sum } from '../../../src/domain/money.js';
import type { Profile } from '../../../src/domain/profile.js';
import { buildPlan } from '../../../src/engine/plan.js';
import { rerunPool, runEngine, type EngineRun } from '../../../src/engine/run.js';
import { analyseRisk, mainEarner, monteCarloInput } from '../../../src/engine/risk/analysis.js';
import { runMonteCarlo } from '../../../src/engine/risk/monte-carlo.js';
import { readSample } from '../../helpers/samples.js';

function profileOf(name: string): Profile {
  const v = validate(readSample(name));
  if (!v.ok) throw new Error(name);
  return v.profile;
}

const family = profileOf('family-with-children-education-and-retirement');
const base = runEngine(family);
const poolTotal = (run: EngineRun, i: number) => {
  const y = run.ledger[i]!;
  return sum(['cash', 'deposit', 'bond', 'equity'].map((c) => y.pool[c as 'cash']));
};

describe('Monte Carlo against the ledger', () => {
  it('with zero volatility reproduces the decimal ledger’s pool within 1 元 every year', () => {
    const input = monteCarloInput(base, 7, 50);
    for (const c of ['cash', 'bond', 'equity'] as const) input.classes[c].volatility = 0;
    const mc = runMonteCarlo(input);
    expect(mc.successAll).toBe(1);
    mc.percentiles.forEach((p, i) => {
      const ledger = poolTotal(base, i).toNumber();
      expect(Math.abs(p.p50 - ledger), `${p.year}`).toBeLessThanOrEqual(1);
      expect(p.p10).toBe(p.p90);
    });
  });

  it('gives the same result for the same seed, and P10 ≤ P50 ≤ P90 every year', () => {
    const a = runMonteCarlo(monteCarloInput(base, 42, 2000));
    const b = runMonteCarlo(monteCarloInput(base, 42, 2000));
    expect(a).toEqual(b);
    for (const p of a.percentiles) {
      expect(p.p10).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p90);
    }
    expect(runMonteCarlo(monteCarloInput(base, 43, 2000)).percentiles).not.toEqual(a.percentiles);
  });
});

describe('stress tests worsen what they should and leave the rest alone', () => {
  const risk = analyseRisk(family, base, { trials: 500 });
  const stress = (code: string) => risk.stress.find((s) => s.code === code)!;

  it('every stress leaves the household no better off', () => {
    for (const s of risk.stress) {
      expect(dec(s.effect.endingWealthChange).lte(0), s.code).toBe(true);
      expect(dec(s.effect.totalShortfallChange).gte(0), s.code).toBe(true);
    }
  });

  it('a market fall before retirement changes only the pool, from the year of the fall', () => {
    const s = stress('market_crash_before_retirement');
    const year = s.data.year as number;
    expect(year).toBe(2048); // 程建国 retires in 2049-05
    expect(dec(s.effect.retirementGapChange).gt(0)).toBe(true);
    const crash = rerunPool(base, { returnOverrides: new Map([[year, { equity: dec('-0.3') }]]) });
    base.ledger.forEach((y, i) => {
      expect(crash.ledger[i]!.netIncome.eq(y.netIncome)).toBe(true);
      if (y.period.year < year) expect(poolTotal(crash, i).eq(poolTotal(base, i))).toBe(true);
    });
  });

  it('losing the main earner’s income for 12 months touches only the next two calendar years of income', () => {
    const earner = mainEarner(base);
    expect(earner).toBe('self');
    const run = runEngine(family, {
      incomeCuts: [{ memberId: earner, fromIndex: base.h.valuationIndex + 1, months: 12, factor: dec(0) }],
    });
    run.ledger.forEach((y, i) => {
      const b = base.ledger[i]!;
      const spouseSame = y.incomes
        .find((m) => m.memberId === 'spouse')!
        .net.eq(b.incomes.find((m) => m.memberId === 'spouse')!.net);
      expect(spouseSame, `${y.period.year} spouse`).toBe(true);
      if (y.period.year >= base.h.firstYear + 2)
        expect(y.netIncome.eq(b.netIncome), `${y.period.year}`).toBe(true);
      expect(y.livingSpending.eq(b.livingSpending)).toBe(true);
    });
  });

  it('an LPR rise changes nothing for a household without floating-rate loans', () => {
    const single = profileOf('single-parent-chengdu'); // a fixed-rate 公积金 loan
    const r = analyseRisk(single, runEngine(single), { trials: 200 }).stress.find(
      (s) => s.code === 'lpr_up_150bp',
    )!;
    expect(r.data.applies).toBe(false);
    expect(r.effect.endingWealthChange).toBe('0.00');
    expect(r.effect.retirementGapChange).toBe('0.00');
  });

  it('an LPR rise raises the floating mortgage’s payments from the next January', () => {
    const run = runEngine(family, { lprShift: { fromYear: 2027, delta: dec('0.015') } });
    expect(run.ledger[0]!.debtService.eq(base.ledger[0]!.debtService)).toBe(true);
    expect(run.ledger[1]!.debtService.gt(base.ledger[1]!.debtService)).toBe(true);
  });

  it('high inflation leaves salaries alone and raises spending', () => {
    const run = runEngine(family, { inflationOverrides: new Map([[2027, dec('0.05')]]) });
    const y = run.ledger[2]!;
    expect(
      y.incomes
        .find((m) => m.memberId === 'self')!
        .salary.eq(base.ledger[2]!.incomes.find((m) => m.memberId === 'self')!.salary),
    ).toBe(true);
    expect(y.livingSpending.gt(base.ledger[2]!.livingSpending)).toBe(true);
  });

  it('the death of the main earner pays the life cover and says how much more cover the survivors need', () => {
    const s = stress('death_of_earner');
    expect(dec(s.additionalCoverNeeded!).gt(0)).toBe(true);
    // With that much more cover paid out, the survivors' shortfall disappears.
    const cover = dec(s.additionalCoverNeeded!);
    const run = runEngine(family, {
      death: { memberId: 'self', year: 2027 },
      extraIncome: [{ year: 2027, amount: cover }],
    });
    const short = run.ledger.reduce(
      (t, y) => t.plus(y.livingShortfall).plus(sum(y.goalPayments.map((g) => g.short))),
      dec(0),
    );
    expect(short.isZero()).toBe(true);
  });
});

describe('the change that helps most', () => {
  it('is found by rerunning: spending less helps the young salesman whose home is out of reach', () => {
    const p = buildPlan(profileOf('young-beijing-salesman-startup-and-home'), { risk: { trials: 1000 } });
    expect(p.risk.bestChange).not.toBeNull();
    const best = p.risk.candidates.find((c) => c.code === p.risk.bestChange)!;
    for (const c of p.risk.candidates)
      expect(
        dec(best.effect.totalShortfallChange).lte(c.effect.totalShortfallChange) ||
          dec(best.successGain).gt(c.successGain),
      ).toBe(true);
  });

  it('is none when every trial already succeeds', () => {
    const p = buildPlan(profileOf('retired-couple-shanghai'), { risk: { trials: 1000 } });
    expect(p.risk.monteCarlo.successAll).toBe('1');
    expect(p.risk.bestChange).toBeNull();
  });
});
