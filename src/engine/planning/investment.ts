/**
 * 投资规划 / 资产配置: the model allocation for the client's risk level (never above it: the
 * suitability rule of 《证券期货投资者适当性管理办法》), its expected return and volatility as stated
 * assumptions, today's mix of the investable pool (cash and money-market, deposits, bonds, equities)
 * and the moves between them. Cash keeps the emergency fund's upper target first; the model's
 * weights apply to the rest, as in the ledger's year-end rebalance. Assets the funding pass uses to
 * repay 高息负债 are taken out first, so the moves rebalance what is left after the repayment.
 */
import { Dec, ZERO, sum, toMoneyString, toRateString } from '../../domain/money.js';
import type { Assumptions } from '../assumptions.js';
import type { EngineRun } from '../run.js';
import type { AllocationMix, InvestmentPlan } from '../plan-types.js';
import { MODEL_ALLOCATIONS, SUITABILITY_MATRIX } from '../rules/assumptions.js';

/** A rebalancing move smaller than this is not worth an action, nor a verdict on cash. */
export const MEANINGFUL_MOVE = new Dec(1000);

type Weights = { cash: Dec; deposit: Dec; bond: Dec; equity: Dec };

function mix(w: Weights, a: Assumptions): AllocationMix {
  const er = w.cash
    .times(a.returns.cash)
    .plus(w.deposit.times(a.returns.deposit))
    .plus(w.bond.times(a.returns.bond))
    .plus(w.equity.times(a.returns.equity));
  const v = a.volatility;
  const c = a.correlations;
  const variance = w.cash
    .pow(2)
    .times(v.cash.pow(2))
    .plus(w.bond.pow(2).times(v.bond.pow(2)))
    .plus(w.equity.pow(2).times(v.equity.pow(2)))
    .plus(w.cash.times(w.bond).times(v.cash).times(v.bond).times(c.cashBond).times(2))
    .plus(w.cash.times(w.equity).times(v.cash).times(v.equity).times(c.cashEquity).times(2))
    .plus(w.bond.times(w.equity).times(v.bond).times(v.equity).times(c.bondEquity).times(2));
  return {
    cash: toRateString(w.cash, 4),
    deposit: toRateString(w.deposit, 4),
    bond: toRateString(w.bond, 4),
    equity: toRateString(w.equity, 4),
    expectedReturn: toRateString(er, 4),
    volatility: toRateString(variance.sqrt(), 4),
  };
}

export function planInvestment(
  run: EngineRun,
  emergencyReserve: Dec,
  debtRepaid: Dec = ZERO,
): InvestmentPlan {
  const { profile, h, assumptions: a } = run;
  const amount = (types: string[]) =>
    sum(profile.assets.filter((x) => types.includes(x.type)).map((x) => x.value));
  const held = {
    cash: amount(['cash', 'money_market']),
    deposit: amount(['time_deposit']),
    bond: amount(['bond']),
    equity: amount(['equity']),
  };
  // 高息负债 repaid from assets come out of the riskiest holdings first (equity, bonds, deposits,
  // then cash above the emergency reserve): the pool to rebalance is what is left.
  let toRepay = debtRepaid;
  const current = { ...held };
  for (const k of ['equity', 'bond', 'deposit', 'cash'] as const) {
    const take = Dec.min(toRepay, current[k]);
    current[k] = current[k].minus(take);
    toRepay = toRepay.minus(take);
  }
  const total = current.cash.plus(current.deposit).plus(current.bond).plus(current.equity);
  const weightsOf = (x: Weights): Weights =>
    total.gt(0)
      ? {
          cash: x.cash.div(total),
          deposit: x.deposit.div(total),
          bond: x.bond.div(total),
          equity: x.equity.div(total),
        }
      : { cash: ZERO, deposit: ZERO, bond: ZERO, equity: ZERO };
  const model = MODEL_ALLOCATIONS.value[h.riskLevel];
  const reserve = Dec.min(total, emergencyReserve);
  const rest = total.minus(reserve);
  const target: Weights = {
    cash: reserve.plus(rest.times(model.cash)),
    deposit: ZERO,
    bond: rest.times(model.bond),
    equity: rest.times(model.equity),
  };
  const currentWeights = weightsOf(current);
  return {
    riskLevel: h.riskLevel,
    modelName: model.name,
    current: mix(currentWeights, a),
    recommended: mix(
      total.gt(0)
        ? weightsOf(target)
        : {
            cash: new Dec(model.cash),
            deposit: ZERO,
            bond: new Dec(model.bond),
            equity: new Dec(model.equity),
          },
      a,
    ),
    moves: {
      cash: toMoneyString(target.cash.minus(current.cash)),
      deposit: toMoneyString(target.deposit.minus(current.deposit)),
      bond: toMoneyString(target.bond.minus(current.bond)),
      equity: toMoneyString(target.equity.minus(current.equity)),
    },
    investable: toMoneyString(total),
    debtRepaidFromAssets: toMoneyString(debtRepaid),
    suitableProducts: [...SUITABILITY_MATRIX.value[h.riskLevel]],
    currentAboveLevel: total.gt(0) && currentWeights.equity.gt(new Dec(model.equity).plus('0.05')),
    badYear: model.badYear,
  };
}
