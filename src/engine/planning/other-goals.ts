/**
 * Other goals (创业, 购车, 婚嫁, 赡养父母, 旅行, custom): the ledger pays them by priority; for each
 * goal it cannot pay in full, the level monthly saving from now that would fund its shortfalls — the
 * shortfalls' present value at the recommended return, grown to the first short year and saved for
 * monthly (end of month, rate ÷ 12) until then.
 */
import { Dec, ONE, ZERO, toMoneyString } from '../../domain/money.js';
import { monthlySavingFor } from '../calculators/education.js';
import type { EngineRun } from '../run.js';
import type { OtherGoalsPlan } from '../plan-types.js';
import { MODEL_ALLOCATIONS } from '../rules/assumptions.js';

export function planOtherGoals(run: EngineRun): OtherGoalsPlan {
  const { h } = run;
  const r = new Dec(MODEL_ALLOCATIONS.value[h.riskLevel].expectedReturn);
  const goals = run.goals
    .filter((g) => g.type !== 'education')
    .map((g) => {
      const shorts = run.ledger.flatMap((y) =>
        y.goalPayments
          .filter((p) => p.goalId === g.id && p.short.gt(0))
          .map((p) => ({ year: y.period.year, short: p.short })),
      );
      if (shorts.length === 0) return { goalId: g.id, monthlySaving: null };
      const first = shorts[0]!.year;
      const pv = shorts.reduce((s, x) => s.plus(x.short.div(ONE.plus(r).pow(x.year - h.firstYear))), ZERO);
      const months = (first - h.firstYear) * 12 - (h.valuationIndex % 12);
      const target = pv.times(ONE.plus(r).pow(first - h.firstYear));
      const saving = months > 0 ? monthlySavingFor(target, r, months) : undefined;
      return { goalId: g.id, monthlySaving: saving ? toMoneyString(saving) : null };
    });
  return { goals };
}
