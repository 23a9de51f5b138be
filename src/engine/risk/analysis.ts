/**
 * 敏感性分析与压力测试: what happens to the plan when an assumption moves or something goes wrong,
 * each row a full rerun of the plan (or of its investment pool, when only returns change); the
 * Monte Carlo over the base plan's cash flows; and the one change that helps most, found by
 * rerunning the candidate changes — never guessed.
 *
 * Every figure is a difference between two runs of the same engine, so the report can say
 * "若退休前一年股市下跌 30%，退休缺口将增加 42 万元" and mean exactly that.
 */
import { Dec, ONE, ZERO, sum, toMoneyString, toRateString } from '../../domain/money.js';
import type { RiskLevel } from '../../domain/codes.js';
import { RISK_LEVELS } from '../../domain/codes.js';
import type { Profile } from '../../domain/profile.js';
import { rerunPool, runEngine, weightsOf, type EngineRun } from '../run.js';
import { MIN_SUCCESS_GAIN } from '../rules/assumptions.js';
import type { FindingCode } from '../findings.js';
import type { Finding } from '../plan-types.js';
import { retirementCore } from '../planning/retirement.js';
import type { Scenario } from '../projection/scenario.js';
import {
  DEFAULT_TRIALS,
  returnModelOf,
  runMonteCarlo,
  type MonteCarloInput,
  type MonteCarloResult,
} from './monte-carlo.js';
import { STRESS_ASSUMPTIONS } from './stress-assumptions.js';
import { annualAmount } from '../projection/period.js';
import { dependantsOf } from '../planning/insurance.js';

export interface RiskOptions {
  /** Monte Carlo seed (an input: same seed, same result). */
  seed?: number;
  trials?: number;
  /** Trials for comparing candidate changes (common random numbers: the same seed). */
  candidateTrials?: number;
}

export const DEFAULT_SEED = 20260101;
const DEFAULT_CANDIDATE_TRIALS = 1_000;

/** What the reports compare between runs. */
export interface RunSummary {
  endingWealthReal: Dec;
  endingFinancialReal: Dec;
  retirementGap: Dec;
  totalShortfall: Dec;
  goalShortfalls: Map<string, Dec>;
  /** Age of the self in the first year living costs cannot be paid; null when the money lasts. */
  moneyRunsOutAge: number | null;
  moneyRunsOutYear: number | null;
}

export function summarize(run: EngineRun): RunSummary {
  const last = run.ledger[run.ledger.length - 1]!;
  const goalShortfalls = new Map<string, Dec>();
  let total = ZERO;
  for (const y of run.ledger) {
    total = total.plus(y.livingShortfall);
    for (const g of y.goalPayments) {
      goalShortfalls.set(g.goalId, (goalShortfalls.get(g.goalId) ?? ZERO).plus(g.short));
      total = total.plus(g.short);
    }
  }
  const out = run.ledger.find((y) => y.livingShortfall.gt(0));
  return {
    endingWealthReal: last.netWorth.div(last.priceIndex),
    endingFinancialReal: last.financialAssets.div(last.priceIndex),
    retirementGap: retirementCore(run).gap,
    totalShortfall: total,
    goalShortfalls,
    moneyRunsOutAge: out ? (out.ages[run.h.self.member.id] ?? null) : null,
    moneyRunsOutYear: out ? out.period.year : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Sensitivity: one assumption at a time

interface SensitivityDef {
  code: string;
  parameter: 'return' | 'inflation' | 'incomeGrowth' | 'retirementAge' | 'spending';
  /** The change, as a number in the parameter's unit (points as fractions, months, or a factor). */
  delta: string;
  scenario: Partial<Scenario>;
  /** Only returns change: rerun the pool alone. */
  poolOnly: boolean;
}

const d = (x: string) => new Dec(x);
export const SENSITIVITY: readonly SensitivityDef[] = [
  {
    code: 'return_minus_2',
    parameter: 'return',
    delta: '-0.02',
    scenario: { returnShift: d('-0.02') },
    poolOnly: true,
  },
  {
    code: 'return_minus_1',
    parameter: 'return',
    delta: '-0.01',
    scenario: { returnShift: d('-0.01') },
    poolOnly: true,
  },
  {
    code: 'return_plus_1',
    parameter: 'return',
    delta: '0.01',
    scenario: { returnShift: d('0.01') },
    poolOnly: true,
  },
  {
    code: 'return_plus_2',
    parameter: 'return',
    delta: '0.02',
    scenario: { returnShift: d('0.02') },
    poolOnly: true,
  },
  {
    code: 'inflation_plus_1',
    parameter: 'inflation',
    delta: '0.01',
    scenario: { inflationShift: d('0.01') },
    poolOnly: false,
  },
  {
    code: 'inflation_minus_1',
    parameter: 'inflation',
    delta: '-0.01',
    scenario: { inflationShift: d('-0.01') },
    poolOnly: false,
  },
  {
    code: 'income_growth_plus_1',
    parameter: 'incomeGrowth',
    delta: '0.01',
    scenario: { incomeGrowthShift: d('0.01') },
    poolOnly: false,
  },
  {
    code: 'income_growth_minus_1',
    parameter: 'incomeGrowth',
    delta: '-0.01',
    scenario: { incomeGrowthShift: d('-0.01') },
    poolOnly: false,
  },
  {
    code: 'retire_earlier_2y',
    parameter: 'retirementAge',
    delta: '-24',
    scenario: { retirementShiftMonths: -24 },
    poolOnly: false,
  },
  {
    code: 'retire_later_2y',
    parameter: 'retirementAge',
    delta: '24',
    scenario: { retirementShiftMonths: 24 },
    poolOnly: false,
  },
  {
    code: 'spending_plus_10',
    parameter: 'spending',
    delta: '0.1',
    scenario: { spendingFactor: d('1.1') },
    poolOnly: false,
  },
  {
    code: 'spending_minus_10',
    parameter: 'spending',
    delta: '-0.1',
    scenario: { spendingFactor: d('0.9') },
    poolOnly: false,
  },
];

export interface Effect {
  endingWealthReal: string;
  endingWealthChange: string;
  retirementGap: string;
  retirementGapChange: string;
  totalShortfall: string;
  totalShortfallChange: string;
  moneyRunsOutAge: number | null;
  goals: { goalId: string; shortfall: string; change: string }[];
}

function effect(base: RunSummary, s: RunSummary): Effect {
  const m = toMoneyString;
  return {
    endingWealthReal: m(s.endingWealthReal),
    endingWealthChange: m(s.endingWealthReal.minus(base.endingWealthReal)),
    retirementGap: m(s.retirementGap),
    retirementGapChange: m(s.retirementGap.minus(base.retirementGap)),
    totalShortfall: m(s.totalShortfall),
    totalShortfallChange: m(s.totalShortfall.minus(base.totalShortfall)),
    moneyRunsOutAge: s.moneyRunsOutAge,
    goals: [...base.goalShortfalls.keys()].map((id) => {
      const v = s.goalShortfalls.get(id) ?? ZERO;
      return { goalId: id, shortfall: m(v), change: m(v.minus(base.goalShortfalls.get(id) ?? ZERO)) };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Named stress tests

export const STRESS_CODES = [
  'market_crash_before_retirement',
  'income_loss_12_months',
  'critical_illness',
  'death_of_earner',
  'disability_long_term_care',
  'medical_cost_shock',
  'longevity_95',
  'lpr_up_150bp',
  'inflation_5pct_5y',
] as const;
export type StressCode = (typeof STRESS_CODES)[number];

interface StressDef {
  code: StressCode;
  data: Record<string, string | number | boolean | null>;
  scenario: Partial<Scenario>;
  poolOnly: boolean;
  /** A changed profile to rerun instead of the base one (living to 95). */
  profile?: Profile;
}

/** Labour income: salary, bonus and business income (what a job loss, illness or death stops). */
function labourOf(run: EngineRun, id: string): Dec {
  return sum(
    run.profile.incomes
      .filter(
        (i) => i.memberId === id && (i.type === 'salary' || i.type === 'bonus' || i.type === 'business'),
      )
      .map(annualAmount),
  );
}

/** The adult with the largest labour income: the household's economic pillar. */
export function mainEarner(run: EngineRun): string {
  const labour = (id: string) =>
    sum(
      run.profile.incomes
        .filter(
          (i) => i.memberId === id && (i.type === 'salary' || i.type === 'bonus' || i.type === 'business'),
        )
        .map(annualAmount),
    );
  let best = run.h.self;
  for (const f of run.h.members) if (f.isAdult && labour(f.member.id).gt(labour(best.member.id))) best = f;
  return best.member.id;
}

function stressDefs(base: EngineRun): StressDef[] {
  const { h } = base;
  const S = STRESS_ASSUMPTIONS;
  const next = h.firstYear + 1;
  const earner = mainEarner(base);
  const ageIn = (id: string, year: number) => year - h.byId.get(id)!.birthYear;
  const earners = h.members.filter((f) => f.isAdult && labourOf(base, f.member.id).gt(0));
  const earned = earners.length > 0;
  const retirementYear =
    h.self.retirement && !h.self.retirement.alreadyRetired && h.self.retirementIndex !== null
      ? Math.floor(h.self.retirementIndex / 12)
      : null;
  const retired = !earned && (h.self.retirement?.alreadyRetired ?? true);
  // The fall lands in the year before retirement (next year for a retired household: the
  // sequence-of-returns risk of the first years drawing on the portfolio), then the market climbs
  // back to its pre-fall level over the following three years.
  const crashYear = Math.max(next, (retirementYear ?? next + 1) - 1);
  const timing =
    retirementYear !== null
      ? crashYear === retirementYear - 1
        ? 'before_retirement'
        : 'near_retirement'
      : retired
        ? 'retired'
        : 'no_retirement';
  const fall = new Dec(S.marketFall.value);
  const recovery = ONE.div(ONE.plus(fall)).pow(new Dec(1).div(S.recoveryYears.value)).minus(1);
  const overrides = new Map<number, { equity: Dec }>([[crashYear, { equity: fall }]]);
  for (let k = 1; k <= S.recoveryYears.value; k++) overrides.set(crashYear + k, { equity: recovery });
  const nextIndex = h.valuationIndex + 1;
  const treatment = new Dec(S.criticalIllnessTreatment.value).times(base.rates.inflationIndex.at(next));
  const ciCover = (id: string) =>
    sum(
      base.profile.insurance
        .filter((p) => p.insuredId === id && p.type === 'critical_illness')
        .map((p) => p.sumAssured),
    );
  const inflationYears = new Map<number, Dec>();
  for (let k = 1; k <= S.highInflationYears.value; k++)
    inflationYears.set(h.firstYear + k, new Dec(S.highInflation.value));
  const floating = base.loans.some((l) => l.spec.floating);
  const defs: StressDef[] = [
    {
      code: 'market_crash_before_retirement',
      data: {
        year: crashYear,
        timing,
        age: ageIn(h.self.member.id, crashYear),
        fall: fall.toString(),
        recoveryYears: S.recoveryYears.value,
        recoveryReturn: toRateString(recovery, 4),
      },
      scenario: { returnOverrides: overrides },
      poolOnly: true,
    },
  ];
  if (earned) {
    defs.push(
      {
        code: 'income_loss_12_months',
        data: { memberId: earner, year: next, age: ageIn(earner, next), months: S.incomeLossMonths.value },
        scenario: {
          incomeCuts: [
            { memberId: earner, fromIndex: nextIndex, months: S.incomeLossMonths.value, factor: ZERO },
          ],
        },
        poolOnly: false,
      },
      {
        code: 'critical_illness',
        data: {
          memberId: earner,
          year: next,
          age: ageIn(earner, next),
          treatment: toMoneyString(treatment),
          reducedIncomeYears: S.illnessReducedYears.value,
          incomeFactor: S.illnessIncomeFactor.value,
          coverPaid: toMoneyString(ciCover(earner)),
        },
        scenario: {
          extraSpending: [{ year: next, amount: treatment }],
          extraIncome: ciCover(earner).gt(0) ? [{ year: next, amount: ciCover(earner) }] : [],
          incomeCuts: [
            {
              memberId: earner,
              fromIndex: next * 12,
              months: S.illnessReducedYears.value * 12,
              factor: new Dec(S.illnessIncomeFactor.value),
            },
          ],
        },
        poolOnly: false,
      },
    );
    // Death of each earner someone depends on; disability and long-term care of each earner
    // (for a single person without dependants, in place of a death that leaves no survivors).
    for (const f of earners) {
      const id = f.member.id;
      if (dependantsOf(base, f).length > 0)
        defs.push({
          code: 'death_of_earner',
          data: { memberId: id, year: next, age: ageIn(id, next) },
          scenario: { death: { memberId: id, year: next } },
          poolOnly: false,
        });
      const care = new Dec(S.careCostAnnual.value);
      const careSpending = Array.from({ length: S.careYears.value }, (_, k) => next + k)
        .filter((year) => year <= h.lastYear)
        .map((year) => ({ year, amount: care.times(base.rates.inflationIndex.at(year)) }));
      defs.push({
        code: 'disability_long_term_care',
        data: {
          memberId: id,
          year: next,
          age: ageIn(id, next),
          careCost: toMoneyString(care),
          careYears: S.careYears.value,
        },
        scenario: {
          extraSpending: careSpending,
          incomeCuts: [{ memberId: id, fromIndex: next * 12, months: 12 * 80, factor: ZERO }],
        },
        poolOnly: false,
      });
    }
  } else {
    // No earned income: nothing to lose from a job; a large medical bill instead.
    const id = h.self.member.id;
    defs.push({
      code: 'medical_cost_shock',
      data: { memberId: id, year: next, age: ageIn(id, next), treatment: toMoneyString(treatment) },
      scenario: { extraSpending: [{ year: next, amount: treatment }] },
      poolOnly: false,
    });
  }
  if (retired) {
    const age = S.longevityAge.value;
    const adults = h.members.filter((f) => f.isAdult && f.lifeExpectancy < age);
    if (adults.length)
      defs.push({
        code: 'longevity_95',
        data: { memberIds: adults.map((f) => f.member.id).join(','), age },
        scenario: {},
        poolOnly: false,
        profile: {
          ...base.profile,
          members: base.profile.members.map((m) =>
            adults.some((f) => f.member.id === m.id) ? { ...m, lifeExpectancy: age } : m,
          ),
        },
      });
  }
  defs.push(
    {
      code: 'lpr_up_150bp',
      data: { delta: S.lprRise.value, fromYear: next, applies: floating },
      scenario: { lprShift: { fromYear: next, delta: new Dec(S.lprRise.value) } },
      poolOnly: false,
    },
    {
      code: 'inflation_5pct_5y',
      data: { rate: S.highInflation.value, years: S.highInflationYears.value, fromYear: next },
      scenario: { inflationOverrides: inflationYears },
      poolOnly: false,
    },
  );
  return defs;
}

/**
 * Life cover needed on top of existing cover for the survivors to pay their way: the shortfalls of
 * the death scenario discounted to the death year at the insurance discount rate, checked by
 * rerunning with that much more cover once and adding what is still short.
 */
function additionalCover(profile: Profile, stress: StressDef, run: EngineRun): Dec {
  const death = stress.scenario.death!;
  const rate = run.assumptions.insuranceDiscountRate;
  const pvShort = (r: EngineRun) =>
    r.ledger.reduce((s, y) => {
      const short = y.livingShortfall.plus(sum(y.goalPayments.filter((g) => g.goalId).map((g) => g.short)));
      return short.isZero()
        ? s
        : s.plus(short.div(ONE.plus(rate).pow(Math.max(0, y.period.year - death.year))));
    }, ZERO);
  let extra = pvShort(run);
  for (let k = 0; k < 1 && extra.gt(0); k++) {
    const check = runEngine(profile, {
      ...stress.scenario,
      extraIncome: [{ year: death.year, amount: extra }],
    });
    const left = pvShort(check);
    if (left.isZero()) break;
    extra = extra.plus(left);
  }
  // Up to the next thousand 元, the way cover is sold.
  return extra.div(1000).toDecimalPlaces(0, Dec.ROUND_UP).times(1000);
}

// ---------------------------------------------------------------------------------------------
// Monte Carlo

export function monteCarloInput(run: EngineRun, seed: number, trials: number): MonteCarloInput {
  const { h } = run;
  const n = (x: Dec) => x.toNumber();
  return {
    seed,
    trials,
    firstYear: h.firstYear,
    years: run.ledger.map((y) => ({
      year: y.period.year,
      months: y.period.months,
      inflow: n(y.poolInflow),
      mandatory: n(y.mandatoryDue),
      goals: y.goalPayments.map((g) => ({ goalId: g.goalId, amount: n(g.cost.minus(g.fromHousingFund)) })),
      cashReserve: n(run.pool.emergencyReserveToday.times(y.priceIndex)),
      priceIndex: n(y.priceIndex),
      ...(run.scenario.returnOverrides.get(y.period.year)
        ? {
            returnOverride: Object.fromEntries(
              Object.entries(run.scenario.returnOverrides.get(y.period.year)!).map(([k, v]) => [
                k,
                (v as Dec).toNumber(),
              ]),
            ),
          }
        : {}),
      selfAge: y.ages[h.self.member.id] ?? 0,
    })),
    opening: {
      cash: n(run.pool.opening.cash),
      deposit: n(run.pool.opening.deposit),
      bond: n(run.pool.opening.bond),
      equity: n(run.pool.opening.equity),
    },
    ...returnModelOf(run.assumptions),
    targetWeights: {
      cash: n(run.pool.targetWeights.cash),
      bond: n(run.pool.targetWeights.bond),
      equity: n(run.pool.targetWeights.equity),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The one change that helps most

interface Candidate {
  code: 'save_more' | 'spend_less' | 'retire_later' | 'lower_risk_allocation';
  data: Record<string, string | number>;
  /** The rerun: `full` reruns the whole engine under a scenario (shared with identical sensitivity rows). */
  run: (full: (scenario: Partial<Scenario>) => EngineRun, base: EngineRun) => EngineRun;
}

function candidates(base: EngineRun): Candidate[] {
  const S = STRESS_ASSUMPTIONS;
  const list: Candidate[] = [
    {
      code: 'save_more',
      data: { discretionaryCut: S.saveMoreDiscretionaryCut.value },
      run: (full) => full({ discretionaryFactor: ONE.minus(S.saveMoreDiscretionaryCut.value) }),
    },
    {
      code: 'spend_less',
      data: { spendingCut: S.spendLessCut.value },
      run: (full) => full({ spendingFactor: ONE.minus(S.spendLessCut.value) }),
    },
  ];
  if (base.h.self.retirement && !base.h.self.retirement.alreadyRetired)
    list.push({
      code: 'retire_later',
      data: { months: S.retireLaterMonths.value },
      run: (full) => full({ retirementShiftMonths: S.retireLaterMonths.value }),
    });
  // Within the client's level: the next lower model (the client's own is the base plan).
  const levels = RISK_LEVELS.keys;
  const i = levels.indexOf(base.h.riskLevel);
  if (i > 0) {
    const lower = levels[i - 1] as RiskLevel;
    list.push({
      code: 'lower_risk_allocation',
      data: { level: lower },
      run: (_full, b) => rerunPool(b, {}, weightsOf(lower)),
    });
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// Everything together

export interface RiskAnalysis {
  base: Effect;
  sensitivity: (Omit<SensitivityDef, 'scenario' | 'poolOnly'> & { effect: Effect })[];
  stress: {
    code: StressCode;
    data: StressDef['data'];
    effect: Effect;
    additionalCoverNeeded: string | null;
  }[];
  monteCarlo: MonteCarloResult;
  candidates: {
    code: Candidate['code'];
    data: Candidate['data'];
    successAll: number;
    successGain: number;
    effect: Effect;
  }[];
  bestChange: Candidate['code'] | null;
  findings: Finding[];
}

/**
 * `lifeCoverGaps`: the protection section's life-cover gap per member; the death scenario's extra
 * cover is that gap (one figure in the plan), and the rerun shows what happens without it.
 */
export function analyseRisk(
  profile: Profile,
  base: EngineRun,
  options: RiskOptions = {},
  lifeCoverGaps?: ReadonlyMap<string, string>,
): RiskAnalysis {
  const seed = options.seed ?? DEFAULT_SEED;
  const trials = options.trials ?? DEFAULT_TRIALS;
  const candidateTrials = Math.min(trials, options.candidateTrials ?? DEFAULT_CANDIDATE_TRIALS);
  const baseSummary = summarize(base);

  // Full reruns by scenario: a candidate change that equals a sensitivity row (spend 10% less,
  // retire two years later) reuses that row's run instead of computing it again.
  const fullRuns = new Map<string, EngineRun>();
  const full = (scenario: Partial<Scenario>): EngineRun => {
    const key = JSON.stringify(scenario, (_k, v: unknown) => (v instanceof Dec ? v.toString() : v));
    let run = fullRuns.get(key);
    if (!run) fullRuns.set(key, (run = runEngine(profile, scenario)));
    return run;
  };
  const rerun = (scenario: Partial<Scenario>, poolOnly: boolean) =>
    poolOnly ? rerunPool(base, scenario) : full(scenario);

  // Retiring 2 years earlier or later is a question only while retirement is ahead, and earlier
  // only while it is more than 2 years away (never "retire earlier" when that date is past).
  const self = base.h.self;
  const monthsToRetirement =
    self.retirement && !self.retirement.alreadyRetired && self.retirementIndex !== null
      ? self.retirementIndex - base.h.valuationIndex
      : null;
  const sensitivity = SENSITIVITY.filter(
    (def) =>
      def.parameter !== 'retirementAge' ||
      (monthsToRetirement !== null && monthsToRetirement > -Number(def.delta)),
  ).map((def) => {
    const run = rerun(def.scenario, def.poolOnly);
    return {
      code: def.code,
      parameter: def.parameter,
      delta: def.delta,
      effect: effect(baseSummary, summarize(run)),
    };
  });

  const stress = stressDefs(base).map((def) => {
    const run = def.profile ? runEngine(def.profile, def.scenario) : rerun(def.scenario, def.poolOnly);
    const e = effect(baseSummary, summarize(run));
    let cover: string | null = null;
    if (def.code === 'death_of_earner') {
      const id = String(def.data.memberId);
      cover = lifeCoverGaps
        ? (lifeCoverGaps.get(id) ?? '0.00')
        : toMoneyString(additionalCover(profile, def, run));
    }
    return {
      code: def.code,
      data: def.data,
      effect: e,
      additionalCoverNeeded: cover,
    };
  });

  // Candidates are compared on their first `candidateTrials` trials, which the main run also
  // reports: with the same seed, trial i follows the same path in any run.
  const monteCarlo = runMonteCarlo({
    ...monteCarloInput(base, seed, trials),
    successOfFirst: candidateTrials,
  });
  const baseSmall = monteCarlo.first!.successAll;
  const evaluated = candidates(base).map((c) => {
    const run = c.run(full, base);
    const mc = runMonteCarlo({ ...monteCarloInput(run, seed, candidateTrials), percentiles: false });
    // The gain is measured on paired trials (the same first trials, the same paths), and stated
    // from the headline figure, so the plan has one success rate: "from 98.6% to 98.6% + gain".
    const gain = mc.successAll - baseSmall;
    return {
      code: c.code,
      data: c.data,
      successAll: Math.min(1, Math.max(0, monteCarlo.successAll + gain)),
      successGain: gain,
      effect: effect(baseSummary, summarize(run)),
    };
  });
  // The change that raises the success probability most; among equals, the one that cuts the
  // deterministic shortfall most, then the one that leaves the most wealth. None when nothing helps.
  const ranked = [...evaluated].sort(
    (a, b) =>
      b.successGain - a.successGain ||
      new Dec(a.effect.totalShortfallChange).comparedTo(b.effect.totalShortfallChange) ||
      new Dec(b.effect.endingWealthChange).comparedTo(a.effect.endingWealthChange),
  );
  // Only a change that moves success by MIN_SUCCESS_GAIN or more is called the most effective.
  const top = ranked[0];
  const best = top && top.successGain >= Number(MIN_SUCCESS_GAIN.value) ? top.code : null;

  return {
    base: effect(baseSummary, baseSummary),
    sensitivity,
    stress,
    monteCarlo,
    candidates: evaluated,
    bestChange: best,
    findings: riskFindings(base, monteCarlo, stress, evaluated, best),
  };
}

function riskFindings(
  base: EngineRun,
  mc: MonteCarloResult,
  stress: RiskAnalysis['stress'],
  evaluated: RiskAnalysis['candidates'],
  best: Candidate['code'] | null,
): Finding[] {
  const out: Finding[] = [];
  out.push({
    code: 'MC_SUCCESS',
    module: 'retirement',
    severity: mc.successAll >= 0.8 ? 'info' : mc.successAll >= 0.5 ? 'warning' : 'critical',
    data: {
      trials: mc.trials,
      successCount: mc.successAllCount,
      successRate: toRateString(new Dec(mc.successAll), 4),
    },
  });
  if (mc.depletion.lastsToEndRate >= 0.5)
    out.push({
      code: 'MONEY_LASTS',
      module: 'retirement',
      severity: 'info',
      data: { year: base.h.lastYear, rate: toRateString(new Dec(mc.depletion.lastsToEndRate), 4) },
    });
  else
    out.push({
      code: 'MONEY_RUNS_OUT_MC',
      module: 'retirement',
      severity: 'critical',
      data: { age: mc.depletion.medianAge, rate: toRateString(new Dec(1 - mc.depletion.lastsToEndRate), 4) },
    });
  for (const s of stress) {
    const gapUp = new Dec(s.effect.retirementGapChange);
    const shortUp = new Dec(s.effect.totalShortfallChange);
    out.push({
      code: `STRESS_${s.code.toUpperCase()}` as FindingCode,
      module: 'retirement',
      severity: shortUp.gt(0) ? 'warning' : 'info',
      data: {
        ...s.data,
        retirementGapChange: gapUp.toFixed(2),
        shortfallChange: shortUp.toFixed(2),
        endingWealthChange: s.effect.endingWealthChange,
        moneyRunsOutAge: s.effect.moneyRunsOutAge,
        additionalCoverNeeded: s.additionalCoverNeeded,
      },
    });
  }
  if (best) {
    const c = evaluated.find((x) => x.code === best)!;
    out.push({
      code: 'BEST_CHANGE',
      module: 'retirement',
      severity: 'info',
      data: {
        change: best,
        ...c.data,
        successBefore: toRateString(new Dec(mc.successAll), 4),
        successAfter: toRateString(new Dec(c.successAll), 4),
        shortfallChange: c.effect.totalShortfallChange,
      },
    });
  }
  return out;
}
