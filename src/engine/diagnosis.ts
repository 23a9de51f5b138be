/**
 * 诊断 — one diagnosis for the whole plan. Every status the report shows (the headline, the traffic
 * lights, the goal table, the summary sentences, the action list's framing) is read from here, so
 * two pages cannot disagree. Each status comes with its reason; the facts come from the ledger (what
 * happens year by year), the funding pass (what the surplus can pay for) and the Monte Carlo run
 * (the one success rate).
 */
import { Dec, sum, toMoneyString, toRateString } from '../domain/money.js';
import type {
  CashFlowStatement,
  Diagnosis,
  FundingPlan,
  GoalResult,
  GoalStatus,
  PlanningModules,
  RiskResults,
} from './plan-types.js';
import { essentialOutflowMonthly } from './planning/emergency.js';
import { MEANINGFUL_MOVE } from './planning/investment.js';
import type { EngineRun } from './run.js';

/** Why a goal has its status: the ledger's outcome, or the purchase policy's decision. */
const REASON_OF: Record<GoalStatus, Diagnosis['goals'][number]['reason']> = {
  on_track: 'funded',
  at_risk: 'tight',
  short: 'ledger_short',
  postponed: 'postponed',
  unachievable: 'not_bought',
};

export function diagnose(
  run: EngineRun,
  parts: {
    goals: GoalResult[];
    modules: PlanningModules;
    funding: FundingPlan;
    cashFlow: CashFlowStatement;
    monteCarlo: RiskResults['monteCarlo'];
  },
): Diagnosis {
  const { goals, modules: m, funding, cashFlow } = parts;
  const self = run.h.self.member.id;

  const out = run.ledger.find((y) => y.livingShortfall.gt(0));
  const moneyRunsOut = out ? { year: out.period.year, age: out.ages[self] ?? null, memberId: self } : null;

  const unfundedOf = (goalId: string) =>
    sum(funding.items.filter((i) => i.goalId === goalId).map((i) => i.unfundedMonthly));
  const goalDiagnoses: Diagnosis['goals'] = goals.map((g) => ({
    goalId: g.goalId,
    status: g.status,
    reason: REASON_OF[g.status],
    shortfall: g.shortfallNominal,
    unfundedMonthly: toMoneyString(unfundedOf(g.goalId)),
    plannedYear: g.plannedYear,
    scheduledYear: g.status === 'unachievable' ? null : g.startYear,
  }));
  const shortGoalIds = goals
    .filter((g) => g.status === 'short' || g.status === 'unachievable')
    .map((g) => g.goalId);

  const liquid = new Dec(m.emergency.liquid);
  const outflow = essentialOutflowMonthly(cashFlow);
  const cashMove = new Dec(m.investment.moves.cash);
  const uncovered = m.insurance.members.flatMap((x) => x.lines.filter((l) => !l.covered));
  const retirementGap = new Dec(m.retirement.gap);

  return {
    household: {
      status: moneyRunsOut ? 'money_runs_out' : shortGoalIds.length ? 'goals_short' : 'on_track',
      moneyRunsOut,
    },
    success: { rate: parts.monteCarlo.successAll, trials: parts.monteCarlo.trials },
    liquidity: {
      liquid: toMoneyString(liquid),
      monthlyEssentialOutflow: toMoneyString(outflow),
      months: outflow.gt(0) ? toRateString(liquid.div(outflow), 2) : null,
    },
    cash: {
      // Short below the emergency fund's minimum; excess only when the recommended mix itself
      // takes cash away, so "偏多" never stands beside an advice to hold more cash.
      status:
        m.emergency.status === 'short'
          ? 'short'
          : cashMove.lte(MEANINGFUL_MOVE.neg())
            ? 'excess'
            : 'adequate',
      change: m.investment.moves.cash,
    },
    protection: {
      status: uncovered.some((l) => l.kind === 'life' || l.kind === 'criticalIllness')
        ? 'major_gap'
        : uncovered.length
          ? 'basic_missing'
          : 'adequate',
      unfundedPremiums: toMoneyString(
        sum(funding.items.filter((i) => i.step === 'protection').map((i) => i.unfundedMonthly)),
      ),
    },
    retirement: {
      status: moneyRunsOut ? 'money_runs_out' : retirementGap.gt(0) ? 'gap' : 'on_track',
      gap: m.retirement.gap,
    },
    goals: goalDiagnoses,
    shortGoalIds,
    unfundedMonthly: toMoneyString(sum(funding.items.map((i) => i.unfundedMonthly))),
  };
}
