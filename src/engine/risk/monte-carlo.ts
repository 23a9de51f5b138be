/**
 * Monte Carlo over the plan's cash flows: how often does the plan pay for everything when the
 * investment pool earns random instead of expected returns?
 *
 * The deterministic decimal ledger (src/engine/projection/ledger.ts) computes each year's flows
 * once; an adapter turns them into a `MonteCarloInput` of plain numbers, and each trial replays
 * the ledger's order of events in float64 (decimal.js would be ~300× too slow for 10,000 trials ×
 * 60 years; see ARCHITECTURE.md). Per trial and year:
 *  1. returns on the opening balances: balance × r × months ÷ 12 for each class (r drawn once per
 *     year per class; deposits earn their fixed rate);
 *  2. available = pool + returns + inflow;
 *  3. mandatory outflows are paid; if available falls short, the unpaid part is a mandatory
 *     shortfall, the pool is emptied and every goal of that year goes unpaid;
 *  4. goals in the given order, each paid up to what is available (the rest is its shortfall);
 *  5. year-end rebalance: cash = min(total, reserve) + w_cash × rest, bond = w_bond × rest,
 *     equity = w_equity × rest, deposit = 0, where rest = total − reserve (cash takes the
 *     residual, as in the ledger, so the pool total is exact).
 * Nothing is rounded inside a trial; unpaid amounts under 1 fen (`SHORTFALL_TOLERANCE`) are float
 * noise against a ledger that books to the fen, and count as paid. Money is rounded to whole 元
 * in the result only.
 *
 * Return model. Each class's yearly gross return 1 + R is lognormal with the class's arithmetic
 * mean μ and standard deviation σ: σ_ln² = ln(1 + σ²/(1 + μ)²), μ_ln = ln(1 + μ) − σ_ln²/2, so
 * E[R] = μ and SD[R] = σ exactly. Why lognormal: a return can never be below −100% (a normal
 * with μ 7%, σ 22% puts about 6 draws in 10 million there, and makes deep losses as likely as
 * equal gains), and compounding lognormal years keeps wealth lognormal: the textbook model
 * (geometric Brownian motion sampled yearly). The three risky classes' log-returns are drawn as
 * correlated normals through the Cholesky factor of the correlation matrix; the stated
 * correlations therefore hold for the log-returns and approximate those of the arithmetic returns
 * (with σ ≤ 22% the two differ by at most about 0.01). Deposits are riskless. Years are
 * independent: no mean reversion, no fat tails, no volatility clustering — a limitation worth
 * stating next to the results.
 *
 * Randomness: one xoshiro128** stream per trial, seeded from (seed, trial number) (random.ts),
 * four normals per trial-year from two Marsaglia polar pairs: cash, bond, equity and inflation.
 * The inflation normal is drawn even when inflation is deterministic and every return is drawn
 * even in an overridden year, so runs with the same seed use common random numbers: turning on
 * a stress override or stochastic inflation changes only what it should.
 *
 * Memory: the simulation runs year by year over all trials, keeping O(trials) state (balances,
 * generator state, inflation index, shortfalls, one per goal) and one scratch array of year-end
 * pools, from which the year's P10/P50/P90 are selected in O(trials) (quantile.ts) before the next
 * year overwrites it. No trial path is stored: 10,000 trials take ≈ 1 MB regardless of the number
 * of years.
 */
import type { Assumptions } from '../assumptions.js';
import { p10p50p90InPlace } from './quantile.js';
import { normalQuad, seedStream } from './random.js';

export interface ClassParams {
  /** Expected arithmetic annual return (fraction, 0.07 = 7%). */
  expectedReturn: number;
  /** Standard deviation of the annual return (fraction). */
  volatility: number;
}

export type MonteCarloClass = 'cash' | 'deposit' | 'bond' | 'equity';

export interface MonteCarloYear {
  year: number;
  /** Months covered (the first year may be < 12). */
  months: number;
  /** Net external inflow to the pool before any outflow: income after tax + transfers − contributions (元, may be 0). */
  inflow: number;
  /** Mandatory outflows: living spending, loan payments, premiums, one-off costs (元). */
  mandatory: number;
  /** Goals due this year, in payment order (priority then year), nominal 元 (the part the pool pays). */
  goals: { goalId: string; amount: number }[];
  /** Emergency reserve kept in cash at the year-end rebalance (元, nominal). */
  cashReserve: number;
  /** Deterministic cumulative inflation index (1 in the first year). */
  priceIndex: number;
  /** Return override for this year by class (a stress scenario): used instead of the draw. */
  returnOverride?: Partial<Record<MonteCarloClass, number>>;
  /** Age of the self in this year (year − birth year, as the ledger's `ages`), for "money lasts to age N". */
  selfAge: number;
}

export interface MonteCarloInput {
  /** Integer seed; same seed → identical result. */
  seed: number;
  /** Number of trials, 1..100,000 (the plan uses `DEFAULT_TRIALS`). */
  trials: number;
  firstYear: number;
  /** One per calendar year, in order, starting at `firstYear`. */
  years: MonteCarloYear[];
  /** Opening pool balances (元) in the first year, by class. */
  opening: { cash: number; deposit: number; bond: number; equity: number };
  /**
   * Return model: expected arithmetic annual return and volatility per class; deposit is riskless
   * (its return is deterministic).
   */
  classes: { cash: ClassParams; deposit: { expectedReturn: number }; bond: ClassParams; equity: ClassParams };
  /** Correlations among cash, bond and equity (applied to log-returns). */
  correlations: { cashBond: number; cashEquity: number; bondEquity: number };
  /** Target weights after each year-end rebalance (beyond the cash emergency reserve); sum to 1. */
  targetWeights: { cash: number; bond: number; equity: number };
  /**
   * Optional stochastic inflation: each trial draws yearly inflation ~ N(mean, sd), floored at
   * −5%, compounding each January from index 1 in the first year (as the ledger's index). It only
   * affects the real-terms results: the nominal flows are the ledger's. Without it the real
   * figures divide by each year's deterministic `priceIndex`.
   */
  inflation?: { mean: number; sd: number };
  /** false: skip the yearly percentiles (`percentiles` is then empty); for runs read only for success rates. */
  percentiles?: boolean;
  /**
   * Also report the success rate of the first `successOfFirst` trials. A trial's path depends only
   * on (seed, trial number), so this is exactly what a run of that many trials would give.
   */
  successOfFirst?: number;
}

export interface MonteCarloGoalResult {
  goalId: string;
  /** Share of trials in which every payment of this goal was made in full (0..1). */
  successRate: number;
  successCount: number;
  /** Mean unpaid amount (summed over its years) among trials where this goal was short, nominal 元. */
  averageShortfall: number;
}

export interface MonteCarloPercentiles {
  year: number;
  p10: number;
  p50: number;
  p90: number;
  p10Real: number;
  p50Real: number;
  p90Real: number;
}

export interface MonteCarloResult {
  trials: number;
  seed: number;
  /** Short description of the return model. */
  model: string;
  /** Chinese sentence: what counts as failure. */
  failureDefinition: string;
  /** Share of trials where every goal and every mandatory outflow was fully paid (0..1). */
  successAll: number;
  successAllCount: number;
  /** One per goal id, in order of first appearance. */
  goals: MonteCarloGoalResult[];
  /** Share of trials where every mandatory outflow was paid in every year. */
  mandatorySuccessRate: number;
  /**
   * The self's age in the first year the pool cannot pay the mandatory outflows: percentiles over
   * the trials where that happens (nearest rank, whole years; null when no trial depletes), and
   * the share of trials where the money lasts to the end.
   */
  depletion: {
    lastsToEndRate: number;
    medianAge: number | null;
    p10Age: number | null;
    p90Age: number | null;
  };
  /** Mean total unpaid (mandatory + goals, all years) among failing trials, nominal 元; 0 if none fail. */
  averageShortfall: number;
  /**
   * Percentiles (type 7, linear interpolation) of the pool at each year end, nominal and real
   * (÷ the price index, or the trial's own inflation path). P10 ≤ P50 ≤ P90 every year. 元.
   */
  percentiles: MonteCarloPercentiles[];
  /** Mean of all drawn yearly returns per class (overrides excluded), for convergence checks. */
  simulatedMeanReturn: { cash: number; bond: number; equity: number };
  /** With `successOfFirst`: the success rate over the first trials alone. */
  first?: { trials: number; successAllCount: number; successAll: number };
}

export const DEFAULT_TRIALS = 10_000;
export const MAX_TRIALS = 100_000;
export const MAX_YEARS = 120;
/** The oldest a self can be at valuation (life expectancy ≤ 110) plus the longest horizon. */
export const MAX_SELF_AGE = 110 + MAX_YEARS;
/** Unpaid amounts at or below this (元, one fen) are float noise and count as paid. */
export const SHORTFALL_TOLERANCE = 0.01;
/** Floor of a stochastic inflation draw. */
export const INFLATION_FLOOR = -0.05;

export const FAILURE_DEFINITION =
  '某一年生活支出、还贷、保费或其他必要支出无法足额支付，或任何一个目标未能足额支付，即视为该次模拟失败。';

/** The return model's parameters from the plan's assumptions (decimal → float64). */
export function returnModelOf(
  a: Pick<Assumptions, 'returns' | 'volatility' | 'correlations'>,
): Pick<MonteCarloInput, 'classes' | 'correlations'> {
  return {
    classes: {
      cash: { expectedReturn: a.returns.cash.toNumber(), volatility: a.volatility.cash.toNumber() },
      deposit: { expectedReturn: a.returns.deposit.toNumber() },
      bond: { expectedReturn: a.returns.bond.toNumber(), volatility: a.volatility.bond.toNumber() },
      equity: { expectedReturn: a.returns.equity.toNumber(), volatility: a.volatility.equity.toNumber() },
    },
    correlations: {
      cashBond: a.correlations.cashBond.toNumber(),
      cashEquity: a.correlations.cashEquity.toNumber(),
      bondEquity: a.correlations.bondEquity.toNumber(),
    },
  };
}

/** Lognormal parameters of 1 + R for an arithmetic mean μ and standard deviation σ. */
export function lognormalParams(p: ClassParams): { mu: number; sigma: number } {
  const onePlus = 1 + p.expectedReturn;
  const variance = Math.log1p((p.volatility * p.volatility) / (onePlus * onePlus));
  return { mu: Math.log(onePlus) - variance / 2, sigma: Math.sqrt(variance) };
}

/**
 * Lower-triangular Cholesky factor of the 3×3 correlation matrix (order cash, bond, equity).
 * Accepts positive semi-definite matrices (e.g. ρ = 1); throws otherwise.
 */
export function choleskyOf(c: MonteCarloInput['correlations']): {
  l10: number;
  l11: number;
  l20: number;
  l21: number;
  l22: number;
} {
  const tol = 1e-12;
  const l10 = c.cashBond;
  const l11 = Math.sqrt(Math.max(0, 1 - l10 * l10));
  const l20 = c.cashEquity;
  let l21: number;
  const r21 = c.bondEquity - l20 * l10;
  if (l11 > tol) l21 = r21 / l11;
  else if (Math.abs(r21) <= 1e-9) l21 = 0;
  else throw notPsd(c);
  const d22 = 1 - l20 * l20 - l21 * l21;
  if (d22 < -1e-9) throw notPsd(c);
  return { l10, l11, l20, l21, l22: Math.sqrt(Math.max(0, d22)) };
}

function notPsd(c: MonteCarloInput['correlations']): Error {
  return new Error(
    `runMonteCarlo: correlations ${JSON.stringify(c)} do not form a positive semi-definite matrix`,
  );
}

/** Per-trial state: O(trials) typed arrays, re-used every year. */
interface TrialState {
  n: number;
  rng: Int32Array;
  cash: Float64Array;
  deposit: Float64Array;
  bond: Float64Array;
  equity: Float64Array;
  /** The trial's own price index (stochastic inflation only). */
  index: Float64Array | null;
  /** Unpaid mandatory + goal amounts over all years. */
  totalShort: Float64Array;
  /** Unpaid amount per goal, goal-major: [g × n + i]. */
  goalShort: Float64Array;
  /** The self's age in the first year of a mandatory shortfall; −1 while none. */
  firstFailAge: Int16Array;
  /** Year-end pool of each trial (scratch for the year's percentiles). */
  pool: Float64Array;
  /** Year-end pool ÷ the trial's price index (stochastic inflation only). */
  real: Float64Array | null;
  normals: Float64Array;
  returns: Float64Array;
  /** Sums of all drawn returns per class. */
  sums: Float64Array;
}

/** Constants of the return model, folded: log(1 + R) = μ_ln + Σ_k a_k z_k over iid normals z. */
export interface ReturnModel {
  muC: number;
  aC0: number;
  muB: number;
  aB0: number;
  aB1: number;
  muE: number;
  aE0: number;
  aE1: number;
  aE2: number;
}

/** Fold the lognormal parameters and the Cholesky factor into one `ReturnModel`. */
export function returnModel(
  classes: MonteCarloInput['classes'],
  correlations: MonteCarloInput['correlations'],
): ReturnModel {
  const c = lognormalParams(classes.cash);
  const b = lognormalParams(classes.bond);
  const e = lognormalParams(classes.equity);
  const { l10, l11, l20, l21, l22 } = choleskyOf(correlations);
  return {
    muC: c.mu,
    aC0: c.sigma,
    muB: b.mu,
    aB0: b.sigma * l10,
    aB1: b.sigma * l11,
    muE: e.mu,
    aE0: e.sigma * l20,
    aE1: e.sigma * l21,
    aE2: e.sigma * l22,
  };
}

/**
 * One trial-year's draw from the stream at `slot`: four normals into `z` (z[3] is the inflation
 * normal) and the cash, bond and equity returns into `r[0..2]`. The only place returns are drawn.
 */
export function drawReturns(
  m: ReturnModel,
  rng: Int32Array,
  slot: number,
  z: Float64Array,
  r: Float64Array,
): void {
  normalQuad(rng, slot, z);
  const z0 = z[0]!;
  const z1 = z[1]!;
  r[0] = Math.exp(m.muC + m.aC0 * z0) - 1;
  r[1] = Math.exp(m.muB + m.aB0 * z0 + m.aB1 * z1) - 1;
  r[2] = Math.exp(m.muE + m.aE0 * z0 + m.aE1 * z1 + m.aE2 * z[2]!) - 1;
}

/**
 * The returns the trials of `runMonteCarlo` with this seed draw (before any override), as arrays
 * indexed [trial × years + year]: for diagnostics, charts and tests of the return model.
 */
export function sampleReturns(
  input: Pick<MonteCarloInput, 'seed' | 'classes' | 'correlations'>,
  trials: number,
  years: number,
): { cash: Float64Array; bond: Float64Array; equity: Float64Array } {
  if (!Number.isSafeInteger(input.seed)) fail(`seed must be a safe integer, got ${String(input.seed)}`);
  int(trials, 'trials', 1, MAX_TRIALS);
  int(years, 'years', 1, MAX_YEARS);
  validateModel(input);
  const m = returnModel(input.classes, input.correlations);
  const rng = new Int32Array(4);
  const z = new Float64Array(4);
  const r = new Float64Array(3);
  const out = {
    cash: new Float64Array(trials * years),
    bond: new Float64Array(trials * years),
    equity: new Float64Array(trials * years),
  };
  for (let i = 0; i < trials; i++) {
    seedStream(input.seed, i, rng, 0);
    for (let t = 0; t < years; t++) {
      drawReturns(m, rng, 0, z, r);
      out.cash[i * years + t] = r[0]!;
      out.bond[i * years + t] = r[1]!;
      out.equity[i * years + t] = r[2]!;
    }
  }
  return out;
}

/** Rebalancing weights and the inflation draw: the same every year. */
interface Policy {
  wB: number;
  wE: number;
  infMean: number;
  infSd: number;
}

/** One year's flows and overrides, flattened to numbers so the hot loop sees one shape. */
interface YearStep {
  frac: number;
  inflow: number;
  mandatory: number;
  reserve: number;
  age: number;
  hasOvC: boolean;
  hasOvB: boolean;
  hasOvE: boolean;
  ovC: number;
  ovB: number;
  ovE: number;
  rD: number;
  /** Goal offsets into goalShort (g × n) and amounts, in payment order. */
  goalAt: Int32Array;
  goalAmount: Float64Array;
  /** Compound the trials' own price index this year (stochastic inflation, not the first year). */
  inflate: boolean;
}

export function runMonteCarlo(input: MonteCarloInput): MonteCarloResult {
  validateInput(input);
  const n = input.trials;
  const years = input.years;

  const model = returnModel(input.classes, input.correlations);
  const policy: Policy = {
    wB: input.targetWeights.bond,
    wE: input.targetWeights.equity,
    infMean: input.inflation?.mean ?? 0,
    infSd: input.inflation?.sd ?? 0,
  };

  const goalIds: string[] = [];
  const goalIndex = new Map<string, number>();
  for (const y of years)
    for (const g of y.goals)
      if (!goalIndex.has(g.goalId)) {
        goalIndex.set(g.goalId, goalIds.length);
        goalIds.push(g.goalId);
      }
  const nGoals = goalIds.length;

  const stochastic = input.inflation !== undefined;
  const s: TrialState = {
    n,
    rng: new Int32Array(4 * n),
    cash: new Float64Array(n).fill(input.opening.cash),
    deposit: new Float64Array(n).fill(input.opening.deposit),
    bond: new Float64Array(n).fill(input.opening.bond),
    equity: new Float64Array(n).fill(input.opening.equity),
    index: stochastic ? new Float64Array(n).fill(1) : null,
    totalShort: new Float64Array(n),
    goalShort: new Float64Array(nGoals * n),
    firstFailAge: new Int16Array(n).fill(-1),
    pool: new Float64Array(n),
    real: stochastic ? new Float64Array(n) : null,
    normals: new Float64Array(4),
    returns: new Float64Array(3),
    sums: new Float64Array(3),
  };
  for (let i = 0; i < n; i++) seedStream(input.seed, i, s.rng, i);

  const percentiles: MonteCarloPercentiles[] = [];
  years.forEach((y, t) => {
    const ov = y.returnOverride;
    const step: YearStep = {
      frac: y.months / 12,
      inflow: y.inflow,
      mandatory: y.mandatory,
      reserve: y.cashReserve,
      age: y.selfAge,
      hasOvC: ov?.cash !== undefined,
      hasOvB: ov?.bond !== undefined,
      hasOvE: ov?.equity !== undefined,
      ovC: ov?.cash ?? 0,
      ovB: ov?.bond ?? 0,
      ovE: ov?.equity ?? 0,
      rD: ov?.deposit ?? input.classes.deposit.expectedReturn,
      goalAt: Int32Array.from(y.goals, (g) => goalIndex.get(g.goalId)! * n),
      goalAmount: Float64Array.from(y.goals, (g) => g.amount),
      inflate: stochastic && t > 0,
    };
    simulateYear(s, model, policy, step);
    if (input.percentiles === false) return;
    const [p10, p50, p90] = p10p50p90InPlace(s.pool, n);
    const [r10, r50, r90] = s.real
      ? p10p50p90InPlace(s.real, n)
      : [p10 / y.priceIndex, p50 / y.priceIndex, p90 / y.priceIndex];
    percentiles.push({
      year: y.year,
      p10: yuan(p10),
      p50: yuan(p50),
      p90: yuan(p90),
      p10Real: yuan(r10),
      p50Real: yuan(r50),
      p90Real: yuan(r90),
    });
  });
  return summarise(input, s, goalIds, percentiles);
}

/** Steps 1–5 of the ledger's year for every trial. The hot loop: keep it allocation-free. */
function simulateYear(s: TrialState, m: ReturnModel, policy: Policy, y: YearStep): void {
  const { n, rng, cash, deposit, bond, equity, index, totalShort, goalShort, firstFailAge, pool, real } = s;
  const z = s.normals;
  const r = s.returns;
  const { wB, wE, infMean, infSd } = policy;
  const { frac, inflow, mandatory, reserve, age, hasOvC, hasOvB, hasOvE, ovC, ovB, ovE, rD, inflate } = y;
  const goalAt = y.goalAt;
  const goalAmount = y.goalAmount;
  const nG = goalAt.length;
  let sumC = 0;
  let sumB = 0;
  let sumE = 0;
  for (let i = 0; i < n; i++) {
    drawReturns(m, rng, i, z, r);
    let rC = r[0]!;
    let rB = r[1]!;
    let rE = r[2]!;
    sumC += rC;
    sumB += rB;
    sumE += rE;
    if (hasOvC) rC = ovC;
    if (hasOvB) rB = ovB;
    if (hasOvE) rE = ovE;

    // 1–2. returns on the opening balances, then the year's inflow
    const c = cash[i]!;
    const d = deposit[i]!;
    const b = bond[i]!;
    const e = equity[i]!;
    let available = c + d + b + e + (c * rC + d * rD + b * rB + e * rE) * frac + inflow;

    // 3. mandatory outflows
    if (available < mandatory) {
      const short = mandatory - (available > 0 ? available : 0);
      available = 0;
      if (short > SHORTFALL_TOLERANCE) {
        totalShort[i]! += short;
        if (firstFailAge[i] === -1) firstFailAge[i] = age;
      }
    } else available -= mandatory;

    // 4. goals in payment order
    for (let k = 0; k < nG; k++) {
      const amount = goalAmount[k]!;
      const paid = available < amount ? available : amount;
      available -= paid;
      const short = amount - paid;
      if (short > SHORTFALL_TOLERANCE) {
        goalShort[goalAt[k]! + i]! += short;
        totalShort[i]! += short;
      }
    }

    // 5. year-end rebalance: cash takes the residual, as in the ledger
    if (available > 0) {
      const rest = available > reserve ? available - reserve : 0;
      const nb = wB * rest;
      const ne = wE * rest;
      bond[i] = nb;
      equity[i] = ne;
      cash[i] = available - nb - ne;
    } else {
      available = 0;
      bond[i] = 0;
      equity[i] = 0;
      cash[i] = 0;
    }
    deposit[i] = 0;
    pool[i] = available;

    if (index !== null && real !== null) {
      if (inflate) {
        const pi = infMean + infSd * z[3]!;
        index[i]! *= 1 + (pi > INFLATION_FLOOR ? pi : INFLATION_FLOOR);
      }
      real[i] = available / index[i]!;
    }
  }
  s.sums[0]! += sumC;
  s.sums[1]! += sumB;
  s.sums[2]! += sumE;
}

function summarise(
  input: MonteCarloInput,
  s: TrialState,
  goalIds: string[],
  percentiles: MonteCarloPercentiles[],
): MonteCarloResult {
  const { n, totalShort, firstFailAge, goalShort } = s;
  let successAllCount = 0;
  let failShortSum = 0;
  let mandatoryOk = 0;
  const ageCounts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const short = totalShort[i]!;
    if (short === 0) successAllCount++;
    else failShortSum += short;
    const a = firstFailAge[i]!;
    if (a === -1) mandatoryOk++;
    else ageCounts.set(a, (ageCounts.get(a) ?? 0) + 1);
  }
  const failing = n - successAllCount;

  const goals: MonteCarloGoalResult[] = goalIds.map((goalId, g) => {
    let ok = 0;
    let shortSum = 0;
    for (let i = 0; i < n; i++) {
      const short = goalShort[g * n + i]!;
      if (short === 0) ok++;
      else shortSum += short;
    }
    return {
      goalId,
      successRate: ok / n,
      successCount: ok,
      averageShortfall: ok === n ? 0 : yuan(shortSum / (n - ok)),
    };
  });

  const depleted = n - mandatoryOk;
  const draws = n * input.years.length;
  return {
    trials: n,
    seed: input.seed,
    model: describeModel(input),
    failureDefinition: FAILURE_DEFINITION,
    successAll: successAllCount / n,
    successAllCount,
    goals,
    mandatorySuccessRate: mandatoryOk / n,
    depletion: {
      lastsToEndRate: mandatoryOk / n,
      medianAge: nearestRankAge(ageCounts, depleted, 0.5),
      p10Age: nearestRankAge(ageCounts, depleted, 0.1),
      p90Age: nearestRankAge(ageCounts, depleted, 0.9),
    },
    averageShortfall: failing === 0 ? 0 : yuan(failShortSum / failing),
    percentiles,
    simulatedMeanReturn: { cash: s.sums[0]! / draws, bond: s.sums[1]! / draws, equity: s.sums[2]! / draws },
    ...(input.successOfFirst !== undefined
      ? { first: successOfFirst(totalShort, input.successOfFirst) }
      : {}),
  };
}

function successOfFirst(totalShort: Float64Array, trials: number): NonNullable<MonteCarloResult['first']> {
  let successAllCount = 0;
  for (let i = 0; i < trials; i++) if (totalShort[i] === 0) successAllCount++;
  return { trials, successAllCount, successAll: successAllCount / trials };
}

function yuan(x: number): number {
  return Math.round(x) + 0; // + 0 turns −0 into 0 for JSON
}

/** Smallest age a such that at least a share p of the depleting trials depleted at or before a. */
function nearestRankAge(counts: Map<number, number>, total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const age of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(age)!;
    if (seen >= rank) return age;
  }
  return null; // unreachable: the counts add up to total
}

function describeModel(input: MonteCarloInput): string {
  const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;
  const c = input.classes;
  const k = input.correlations;
  const infl = input.inflation
    ? `; inflation N(${pct(input.inflation.mean)}, ${pct(input.inflation.sd)}) floored at ${pct(INFLATION_FLOOR)}`
    : '; deterministic inflation index';
  return (
    `lognormal annual returns, independent years: cash ${pct(c.cash.expectedReturn)}/σ${pct(c.cash.volatility)}, ` +
    `bond ${pct(c.bond.expectedReturn)}/σ${pct(c.bond.volatility)}, ` +
    `equity ${pct(c.equity.expectedReturn)}/σ${pct(c.equity.volatility)}, deposit ${pct(c.deposit.expectedReturn)} fixed; ` +
    `log-return correlations cash–bond ${k.cashBond}, cash–equity ${k.cashEquity}, bond–equity ${k.bondEquity}` +
    `${infl}; xoshiro128** per trial, Marsaglia polar normals`
  );
}

// --- validation --------------------------------------------------------------------------------

function fail(message: string): never {
  throw new Error(`runMonteCarlo: ${message}`);
}

function num(x: unknown, path: string, min = -Infinity, max = Infinity): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${path} must be a finite number, got ${String(x)}`);
  if (x < min || x > max) fail(`${path} must be in [${min}, ${max}], got ${x}`);
  return x;
}

function int(x: unknown, path: string, min: number, max: number): number {
  const v = num(x, path, min, max);
  if (!Number.isInteger(v)) fail(`${path} must be an integer, got ${v}`);
  return v;
}

function validateModel(input: Pick<MonteCarloInput, 'classes' | 'correlations'>): void {
  for (const k of ['cash', 'bond', 'equity'] as const) {
    const p = input.classes?.[k];
    num(p?.expectedReturn, `classes.${k}.expectedReturn`, -0.99, 10);
    num(p?.volatility, `classes.${k}.volatility`, 0, 5);
  }
  num(input.classes?.deposit?.expectedReturn, 'classes.deposit.expectedReturn', -0.99, 10);
  for (const k of ['cashBond', 'cashEquity', 'bondEquity'] as const)
    num(input.correlations?.[k], `correlations.${k}`, -1, 1);
  choleskyOf(input.correlations);
}

function validateInput(input: MonteCarloInput): void {
  if (typeof input !== 'object' || input === null) fail('input must be an object');
  if (!Number.isSafeInteger(input.seed)) fail(`seed must be a safe integer, got ${String(input.seed)}`);
  int(input.trials, 'trials', 1, MAX_TRIALS);
  int(input.firstYear, 'firstYear', 1900, 3000);
  if (!Array.isArray(input.years) || input.years.length < 1 || input.years.length > MAX_YEARS)
    fail(`years must be an array of 1..${MAX_YEARS} years`);
  for (const k of ['cash', 'deposit', 'bond', 'equity'] as const) num(input.opening?.[k], `opening.${k}`, 0);
  validateModel(input);
  let weightSum = 0;
  for (const k of ['cash', 'bond', 'equity'] as const)
    weightSum += num(input.targetWeights?.[k], `targetWeights.${k}`, 0, 1);
  if (Math.abs(weightSum - 1) > 1e-6) fail(`targetWeights must sum to 1, got ${weightSum}`);
  if (input.successOfFirst !== undefined) int(input.successOfFirst, 'successOfFirst', 1, input.trials);
  if (input.inflation !== undefined) {
    num(input.inflation?.mean, 'inflation.mean', INFLATION_FLOOR, 1);
    num(input.inflation?.sd, 'inflation.sd', 0, 1);
  }
  input.years.forEach((y, t) => {
    const at = `years[${t}]`;
    if (typeof y !== 'object' || y === null) fail(`${at} must be an object`);
    if (y.year !== input.firstYear + t)
      fail(`${at}.year must be ${input.firstYear + t} (consecutive from firstYear), got ${String(y.year)}`);
    int(y.months, `${at}.months`, 1, 12);
    num(y.inflow, `${at}.inflow`);
    num(y.mandatory, `${at}.mandatory`, 0);
    num(y.cashReserve, `${at}.cashReserve`, 0);
    num(y.priceIndex, `${at}.priceIndex`, Number.MIN_VALUE);
    // The self's age runs on past the self's own life when a younger spouse outlives them: a self of
    // 109 (life expectancy ≤ 110) with a spouse of 20 planned to 110 reaches 199.
    int(y.selfAge, `${at}.selfAge`, 0, MAX_SELF_AGE);
    if (!Array.isArray(y.goals)) fail(`${at}.goals must be an array`);
    y.goals.forEach((g, k) => {
      if (typeof g?.goalId !== 'string' || g.goalId === '')
        fail(`${at}.goals[${k}].goalId must be a non-empty string`);
      num(g.amount, `${at}.goals[${k}].amount`, 0);
    });
    if (y.returnOverride !== undefined) {
      if (typeof y.returnOverride !== 'object' || y.returnOverride === null)
        fail(`${at}.returnOverride must be an object`);
      for (const [k, v] of Object.entries(y.returnOverride)) {
        if (k !== 'cash' && k !== 'deposit' && k !== 'bond' && k !== 'equity')
          fail(`${at}.returnOverride has an unknown class "${k}"`);
        if (v !== undefined) num(v, `${at}.returnOverride.${k}`, -1, 10);
      }
    }
  });
}
