/**
 * Invariants of the plan, over random valid households (fast-check):
 * - every plan satisfies the Plan schema, and 清偿比率 + 负债比率 = 1 whenever there are assets;
 * - a higher return never lowers ending wealth;
 * - more salary never lowers ending wealth;
 * - a goal that is fully funded is never reported short (a household given ample cash has no short goal).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../../src/domain/money.js';
import type { Profile } from '../../src/domain/profile.js';
import { buildPlan } from '../../src/engine/plan.js';
import { planSchema } from '../../src/engine/plan-types.js';
import { runEngine, type EngineRun } from '../../src/engine/run.js';
import { goalResults } from '../../src/engine/planning/goals.js';
import { profileArb, validProfile } from '../helpers/arbitraries.js';

// The ledger alone (runEngine): these properties are about the projection, and the full plan's
// risk analysis (dozens of reruns and 10,000 trials) would make each case a second long.
const endingWealth = (run: EngineRun) => run.ledger.at(-1)!.netWorth;
const RUNS = { numRuns: 100 };
const FEW = { numRuns: 20 };
// Cases that reached the assertion: fc.pre discards don't count towards numRuns, and this makes
// sure a change to the arbitrary cannot turn a property into one that checks nothing.
const checked = { salary: 0 };

describe('plan invariants', () => {
  it('the household arbitrary builds only valid profiles', () => {
    fc.assert(
      fc.property(profileArb, (input) => void validProfile(input)),
      { numRuns: 500 },
    );
  });

  it('清偿比率 + 负债比率 = 1', () => {
    fc.assert(
      fc.property(profileArb, (input) => {
        const profile = validProfile(input);
        const plan = buildPlan(profile, { risk: { trials: 20, candidateTrials: 20 } });
        // The request path renders its own plans without re-checking them (compose's
        // madeInThisProcess): buildPlan's output must always satisfy the Plan schema.
        const schema = planSchema.safeParse(plan);
        expect(schema.success, JSON.stringify(schema.error?.issues.slice(0, 3))).toBe(true);
        const solvency = plan.ratios.find((r) => r.code === 'solvencyRatio')!;
        const debt = plan.ratios.find((r) => r.code === 'debtRatio')!;
        if (solvency.value === null)
          return expect(dec(plan.balanceSheet.totals.totalAssets).isZero()).toBe(true);
        expect(dec(solvency.value).plus(debt.value!).minus(1).abs().lte('0.0001')).toBe(true);
      }),
      FEW,
    );
  });

  it('a higher return never lowers ending wealth', () => {
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 1, max: 300 }), (input, bp) => {
        const profile = validProfile(input);
        const base = endingWealth(runEngine(profile));
        const better = endingWealth(runEngine(profile, { returnShift: dec(bp).div(10_000) }));
        expect(better.gte(base)).toBe(true);
      }),
      RUNS,
    );
  });

  it('more salary never lowers ending wealth', () => {
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 1, max: 20_000 }), (input, extra) => {
        const profile = validProfile(input);
        const salary = profile.incomes.find((i) => i.memberId === 'self' && i.type === 'salary');
        fc.pre(salary !== undefined); // retired members draw a pension, not a salary
        if (!salary) return; // (narrows the type; fc.pre has already thrown)
        checked.salary++;
        const richer: Profile = {
          ...profile,
          incomes: profile.incomes.map((i) =>
            i === salary ? { ...i, amount: dec(i.amount).plus(extra).toString() } : i,
          ),
        };
        expect(endingWealth(runEngine(richer)).gte(endingWealth(runEngine(profile)))).toBe(true);
      }),
      RUNS,
    );
    expect(checked.salary).toBeGreaterThanOrEqual(RUNS.numRuns);
  });

  it('a fully funded goal is never reported short', () => {
    fc.assert(
      fc.property(profileArb, (input) => {
        const profile = validProfile(input);
        const goals = goalResults(runEngine(profile));
        for (const g of goals)
          expect(g.status === 'short' || g.status === 'unachievable').toBe(dec(g.shortfallNominal).gt(0));
        // Ample cash: every goal is paid in full, and none is short.
        const total = goals.reduce((s, g) => s.plus(g.totalNominalCost), dec(0));
        const rich: Profile = {
          ...profile,
          assets: [...profile.assets, { type: 'cash', value: total.times(3).plus(1e8).toFixed(0) }],
        };
        for (const g of goalResults(runEngine(rich))) expect(g.status, g.goalId).not.toBe('short');
      }),
      RUNS,
    );
  });
});
