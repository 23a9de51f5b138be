/**
 * One run of the engine: a validated profile (and optionally a scenario) → the year-by-year ledger
 * with everything it was computed from. The Plan (plan.ts), the planners (planning/) and the risk
 * analysis (risk/) all read runs; sensitivity and stress tests rerun it under scenarios. Pure: the
 * valuation month comes from the profile; no clock, no files.
 */
import { Dec, ONE, ZERO, roundFen, sum, toMoneyString } from '../domain/money.js';
import { monthIndex } from '../domain/month.js';
import type { RiskLevel } from '../domain/codes.js';
import type { Profile } from '../domain/profile.js';
import { resolveAssumptions, type Assumptions } from './assumptions.js';

import { runPension } from './calculators/pension.js';
import { deriveHousehold, type HouseholdFacts, type MemberFacts } from './household.js';
import { type Finding } from './plan-types.js';
import { scheduleGoals, type ScheduledGoal } from './projection/goals.js';
import { decidePurchases, type PurchaseDecision, type PurchaseSchedule } from './projection/purchases.js';
import { contributionsPerMonth, type IncomeSetup } from './projection/income.js';
import {
  computeFlows,
  premiumsForPeriod,
  runPool,
  type LedgerSetup,
  type LedgerYear,
  type PoolSetup,
  type YearFlows,
} from './projection/ledger.js';
import {
  loanTotals,
  lpr5y,
  newHomeLoanRate,
  scheduleLoan,
  type LoanSchedule,
  type LoanSpec,
} from './projection/loans.js';
import {
  annualAmount,
  firstTwelveMonths,
  monthlyAmount,
  monthsIn,
  type Period,
} from './projection/period.js';
import { BASE_SCENARIO, scenarioRates, type Scenario, type ScenarioRates } from './projection/scenario.js';
import { spendingForPeriod, type SpendingSetup } from './projection/spending.js';
import { EMERGENCY_FUND_RULE, MODEL_ALLOCATIONS } from './rules/assumptions.js';
import { rulesAt } from './rules/ruleset.js';
import { cityCodeOf } from './rules/social-insurance.js';

/** Everything one run of the engine computes, before it is turned into plain JSON. */
export interface EngineRun {
  profile: Profile;
  assumptions: Assumptions;
  h: HouseholdFacts;
  rates: ScenarioRates;
  scenario: Scenario;
  goals: ScheduledGoal[];
  loans: LoanSchedule[];
  incomeSetup: IncomeSetup;
  spendingSetup: SpendingSetup;
  ledger: LedgerYear[];
  /** The ledger's pool-independent flows, reused by reruns that change only returns. */
  flows: YearFlows[];
  pool: PoolSetup;
  pensions: Map<string, PensionEstimate>;
  findings: Finding[];
  /** Home goals the purchase policy moved or dropped (empty when every home is bought as planned). */
  purchases: PurchaseDecision[];
}

export const NEW_HOME_LOAN_MONTHS = 360;

export interface PensionEstimate {
  /** Monthly basic pension in the first month of retirement (nominal). */
  monthly: Dec;
  startIndex: number;
  startYear: number;
  contributionYears: string;
  minimumYears: string;
  /** Monthly salary in the last working year (nominal), for the replacement ratio. */
  finalSalaryMonthly: Dec;
}

/**
 * Run the engine for a profile under a scenario. Home purchases follow the profile's purchase
 * decisions (decided once, under the base assumptions: projection/purchases.ts) unless the
 * scenario states its own schedule.
 */
export function runEngine(profile: Profile, scenarioOverrides: Partial<Scenario> = {}): EngineRun {
  const schedule = purchaseSchedule(profile);
  // The base scenario's run under the decided schedule was the decision's last run.
  const run =
    Object.keys(scenarioOverrides).length === 0
      ? schedule.run
      : runScheduled(profile, { goalYears: schedule.goalYears, ...scenarioOverrides });
  run.purchases = schedule.decisions;
  return run;
}

/**
 * The run with every goal in the year its profile states, no purchase policy applied: what the
 * alternatives search asks ("would this goal be paid in full in that year?").
 */
export function runAsStated(profile: Profile): EngineRun {
  return runScheduled(profile, {});
}

/** The purchase decisions of a profile, made once and kept with its rerun caches. */
function purchaseSchedule(profile: Profile): PurchaseSchedule<EngineRun> {
  const caches = rerunCaches(profile);
  if (!caches.purchases)
    caches.purchases = decidePurchases((goalYears) => runScheduled(profile, { goalYears }));
  return caches.purchases;
}

function runScheduled(profile: Profile, scenarioOverrides: Partial<Scenario>): EngineRun {
  const scenario: Scenario = { ...BASE_SCENARIO, ...scenarioOverrides };
  const findings: Finding[] = [];
  const { values: a } = resolveAssumptions(profile.assumptions);
  const h = deriveHousehold(profile, a, findings, scenario.retirementShiftMonths);
  const rates = scenarioRates(a, scenario, h.firstYear, h.lastYear);
  const valuationRules = rulesAt(h.valuationMonth);
  const cityCode = cityCodeOf(profile.household.city);

  // --- goals and loans ---------------------------------------------------------------------------
  const minDown = new Dec(valuationRules.downPayment.commercial?.value ?? '0.15');
  const goals = scheduleGoals(profile, h, a, rates, minDown, scenario.goalYears);
  const loanSpecs: LoanSpec[] = profile.liabilities.map((l, i) => {
    const floating = l.rateType === 'lpr_floating';
    const currentLpr = lpr5y(h.valuationIndex) ?? ZERO;
    if (floating && l.lprSpread === undefined)
      findings.push({ code: 'LPR_SPREAD_DERIVED', severity: 'info', data: { liabilityIndex: i } });
    return {
      id: l.id ?? `liability-${i + 1}`,
      label: l.label ?? '',
      type: l.type,
      borrowerId: l.borrowerId ?? h.self.member.id,
      balance: new Dec(l.balance),
      annualRate: new Dec(l.annualRate),
      months: l.monthsLeft,
      method: l.method,
      floating,
      spread: l.lprSpread !== undefined ? new Dec(l.lprSpread) : new Dec(l.annualRate).minus(currentLpr),
      startIndex: h.valuationIndex,
      firstHome: l.type === 'mortgage',
      existing: true,
    };
  });
  for (const g of goals) {
    if (!g.home) continue;
    const start = Math.max(h.valuationIndex, g.startYear * 12);
    const spread = new Dec(a.newMortgageSpread);
    loanSpecs.push({
      id: `goal:${g.id}`,
      label: `${g.goal.label ?? '购房'}贷款`,
      type: 'mortgage',
      borrowerId: g.goal.memberId ?? h.self.member.id,
      balance: roundFen(g.home.priceNominal.times(ONE.minus(g.home.downPaymentRatio))),
      annualRate: newHomeLoanRate(start, spread),
      months: NEW_HOME_LOAN_MONTHS,
      method: 'equal_payment',
      floating: true,
      spread,
      startIndex: start + 1,
      firstHome: true,
      existing: false,
    });
  }
  const caches = rerunCaches(profile);
  const loans = loanSpecs
    .filter((s) => s.balance.gt(0))
    .map((s) => memoRerun(caches.loans, loanKey(s, scenario), () => scheduleLoan(s, scenario)));

  // --- pensions ------------------------------------------------------------------------------------
  const pensionAtRetirement = new Map<string, PensionEstimate>();
  for (const f of h.members) {
    // Sensitivity and stress reruns of one profile repeat the estimate unless retirement moves.
    const key = `${f.member.id}|${f.retirement?.plannedMonth ?? ''}`;
    const { estimate, notes } = memoRerun(caches.pensions, key, () => {
      const out: Finding[] = [];
      return { estimate: estimatePension(f, profile, h, a, out), notes: out };
    });
    findings.push(...notes);
    if (estimate) pensionAtRetirement.set(f.member.id, estimate);
  }

  // --- income and spending set-up -----------------------------------------------------------------
  const earners = [h.self, h.spouse].filter((f): f is MemberFacts => !!f);
  const salaryOf = (f: MemberFacts) =>
    sum(profile.incomes.filter((i) => i.memberId === f.member.id && i.type === 'salary').map(annualAmount));
  // Parents choose each tax year who claims the children's deductions: the plan gives them to the
  // higher stated salary among the parents still drawing one that year (the self on a tie), so a
  // parent's retirement hands them to the other instead of losing them.
  const bySalary = earners
    .map((f) => ({ f, salary: salaryOf(f) }))
    .sort((a, b) => b.salary.comparedTo(a.salary))
    .map((x) => x.f);
  const drawsSalary = (f: MemberFacts, p: Period) =>
    monthsIn(p, null, f.retirementIndex === null ? null : f.retirementIndex - 1) > 0;
  const childDeductionHolder = (p: Period) =>
    (bySalary.find((f) => drawsSalary(f, p)) ?? bySalary[0])?.member.id ?? null;
  const elderly = new Set<string>();
  const supportsParents =
    profile.spending.some((s) => s.category === 'eldercare') ||
    h.members.some((f) => f.member.role === 'parent' && h.firstYear - f.birthYear >= 60);
  if (
    supportsParents &&
    h.self.member.deductions?.elderlySupportMonthly === undefined &&
    salaryOf(h.self).gt(0)
  ) {
    elderly.add(h.self.member.id);
    findings.push({
      code: 'ELDERLY_DEDUCTION_ASSUMED',
      severity: 'info',
      data: { memberId: h.self.member.id },
    });
  }
  const housingLoanMonths = new Map<string, (p: Period) => number>();
  for (const l of loans.filter((x) => x.spec.firstHome)) {
    const prev = housingLoanMonths.get(l.spec.borrowerId);
    const own = (p: Period) => monthsIn(p, l.spec.startIndex, l.lastIndex);
    housingLoanMonths.set(l.spec.borrowerId, prev ? (p) => Math.max(prev(p), own(p)) : own);
  }
  const homeGoal = goals.find((g) => g.home);
  const rentEndIndex = homeGoal ? homeGoal.startYear * 12 : null;
  const rentItems = profile.spending.filter((s) => s.category === 'rent');
  const hasRentSpending = (p: Period) =>
    rentItems.length === 0
      ? 0
      : monthsIn(
          p,
          null,
          Math.min(
            rentEndIndex !== null ? rentEndIndex - 1 : Infinity,
            ...rentItems.map((s) => (s.endMonth ? monthIndex(s.endMonth) : Infinity)),
          ),
        );
  const incomeSetup: IncomeSetup = {
    cityCode,
    pensionAtRetirement,
    childDeductionHolder,
    elderlyClaimants: elderly,
    housingLoanMonths,
    hasRentSpending,
  };

  const retirementGoal = profile.goals.find((g) => g.type === 'retirement' && g.amount !== undefined);
  const youngestChildBirth = h.children.length
    ? Math.max(...h.children.map((c) => monthIndex(c.member.birthMonth)))
    : null;
  const spendingSetup: SpendingSetup = {
    retirementIndex: h.self.retirement && !h.self.retirement.alreadyRetired ? h.self.retirementIndex : null,
    retirementBudget: retirementGoal
      ? {
          monthly:
            retirementGoal.unit === 'year'
              ? new Dec(retirementGoal.amount!).div(12)
              : new Dec(retirementGoal.amount!),
          growth:
            retirementGoal.growth !== undefined ? rates.priceGrowth(new Dec(retirementGoal.growth)) : ZERO,
        }
      : null,
    childSpendingEndIndex: youngestChildBirth !== null ? youngestChildBirth + 18 * 12 - 1 : null,
    rentEndIndex,
    lastIndex: h.lastYear * 12 + 11,
  };

  // --- the ledger ----------------------------------------------------------------------------------
  const unstable = h.members.some((f) => f.isAdult && f.member.incomeStability === 'unstable');
  const reserveMonths = unstable
    ? EMERGENCY_FUND_RULE.value.unstableMonths.max
    : EMERGENCY_FUND_RULE.value.stableMonths.max;
  // The emergency reserve covers today's essential outflows (the emergency fund's measure), set
  // before any scenario changes spending.
  const essentialOutflow = memoRerun(caches.reserve, JSON.stringify([...scenario.goalYears]), () =>
    firstYearEssentialOutflowMonthly(profile, h, a, spendingSetup, loans),
  );
  const setup: LedgerSetup = {
    profile,
    h,
    a,
    scenario,
    rates,
    goals,
    loans,
    incomeSetup,
    spendingSetup,
    targetWeights: weightsOf(h.riskLevel),
    emergencyReserveToday: essentialOutflow.times(reserveMonths),
  };
  const { flows, poolOpening } = computeFlows(setup);
  const pool: PoolSetup = {
    opening: poolOpening,
    returnOf: (cls, year) => rates.returnOf(cls, year),
    allocation: scenario.allocation,
    targetWeights: setup.targetWeights,
    emergencyReserveToday: setup.emergencyReserveToday,
  };
  const ledger = runPool(flows, pool);

  if (
    !cityCode &&
    h.members.some(
      (f) => f.member.pensionScheme === 'urban_employee' || f.member.pensionScheme === 'public_institution',
    )
  )
    findings.push({
      code: 'SI_BASE_LIMITS_UNKNOWN',
      severity: 'info',
      data: { city: profile.household.city },
    });

  return {
    profile,
    assumptions: a,
    h,
    rates,
    scenario,
    goals,
    loans,
    incomeSetup,
    spendingSetup,
    ledger,
    flows,
    pool,
    pensions: pensionAtRetirement,
    findings,
    purchases: [],
  };
}

/**
 * Results that reruns of one profile share (loan schedules, pension estimates), kept per profile
 * object: a plan runs the engine some twenty times (sensitivity, stress tests, candidates) and
 * most scenarios leave loans and pensions as they were. Each entry's key holds everything the
 * result depends on beyond the profile itself.
 */
const rerunCacheByProfile = new WeakMap<
  Profile,
  {
    loans: Map<string, LoanSchedule>;
    pensions: Map<string, { estimate: PensionEstimate | null; notes: Finding[] }>;
    purchases?: PurchaseSchedule<EngineRun>;
    reserve: Map<string, Dec>;
  }
>();

function rerunCaches(profile: Profile) {
  let c = rerunCacheByProfile.get(profile);
  if (!c)
    rerunCacheByProfile.set(profile, (c = { loans: new Map(), pensions: new Map(), reserve: new Map() }));
  return c;
}

function memoRerun<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size > 1_000) cache.clear(); // a profile has a few dozen scenarios at most
    cache.set(key, (v = compute()));
  }
  return v;
}

/** A loan schedule depends on its terms and on the scenario's LPR shift, nothing else. */
function loanKey(spec: LoanSpec, scenario: Scenario): string {
  return JSON.stringify([spec, scenario.lprShift], (_k, v: unknown) => (v instanceof Dec ? v.toString() : v));
}

/** The model allocation's weights for a risk level (cash, bond, equity). */
export function weightsOf(level: RiskLevel): PoolSetup['targetWeights'] {
  const m = MODEL_ALLOCATIONS.value[level];
  return { cash: new Dec(m.cash), bond: new Dec(m.bond), equity: new Dec(m.equity) };
}

/**
 * Rerun only the investment pool of a run under a scenario that changes returns or the allocation
 * (a market crash, a return shift, another model allocation): incomes, spending, loans and goals
 * are unchanged, so their flows are reused.
 */
export function rerunPool(
  base: EngineRun,
  overrides: Pick<Partial<Scenario>, 'returnShift' | 'returnOverrides' | 'allocation'>,
  targetWeights: PoolSetup['targetWeights'] = base.pool.targetWeights,
): EngineRun {
  const scenario: Scenario = { ...base.scenario, ...overrides };
  const rates = scenarioRates(base.assumptions, scenario, base.h.firstYear, base.h.lastYear);
  const pool: PoolSetup = {
    ...base.pool,
    returnOf: (cls, year) => rates.returnOf(cls, year),
    allocation: scenario.allocation,
    targetWeights,
  };
  return { ...base, scenario, rates, pool, ledger: runPool(base.flows, pool) };
}

/**
 * Monthly essential outflow over the first twelve months, in today's money: essential living
 * spending, loan payments and insurance premiums (the emergency fund's and the liquidity ratio's
 * one measure), under the base scenario.
 */
export function firstYearEssentialOutflowMonthly(
  profile: Profile,
  h: HouseholdFacts,
  a: Assumptions,
  setup: SpendingSetup,
  loans: LoanSchedule[],
): Dec {
  const p = firstTwelveMonths(h.valuationIndex, h.firstYear);
  const rates = scenarioRates(a, BASE_SCENARIO, h.firstYear, h.lastYear);
  const lines = spendingForPeriod(profile, p, a, rates, BASE_SCENARIO, setup);
  const essential = sum(lines.filter((l) => l.essential).map((l) => roundFen(l.amount)));
  const debt = sum(loans.map((l) => loanTotals(l, p.startIndex, p.endIndex).payment));
  const premiums = roundFen(premiumsForPeriod(profile, p, h, BASE_SCENARIO, a, rates));
  return sum([essential, debt, premiums]).div(12);
}

/**
 * The monthly basic pension at retirement (pension calculator) for a member who has not retired
 * and is in the urban-employee or public-institution scheme. 计发基数 C: the profile's 社平工资, else
 * the member's base ÷ average index (a finding says so).
 */
function estimatePension(
  f: MemberFacts,
  profile: Profile,
  h: HouseholdFacts,
  a: Assumptions,
  findings: Finding[],
): PensionEstimate | null {
  const m = f.member;
  const r = f.retirement;
  if (!r || r.alreadyRetired || f.retirementIndex === null) return null;
  if (m.pensionScheme !== 'urban_employee' && m.pensionScheme !== 'public_institution') {
    if (m.role !== 'child')
      findings.push({
        code: 'PENSION_NOT_ESTIMATED',
        severity: 'warning',
        data: { memberId: m.id, scheme: m.pensionScheme ?? 'none' },
      });
    return null;
  }
  const salary = profile.incomes.find((i) => i.memberId === m.id && i.type === 'salary');
  const salaryMonthly = salary ? monthlyAmount(salary) : ZERO;
  const p0 = firstTwelveMonths(h.valuationIndex, h.firstYear);
  const base = salary
    ? contributionsPerMonth(m, p0, salaryMonthly, a.incomeGrowth, a, cityCodeOf(profile.household.city)).base
    : ZERO;
  const index = m.averageContributionIndex !== undefined ? new Dec(m.averageContributionIndex) : ONE;
  let computationBase = a.socialAverageWage;
  if (!computationBase) {
    computationBase = base.gt(0) ? base.div(index) : null;
    findings.push({
      code: 'PENSION_BASE_DERIVED',
      severity: 'info',
      data: { memberId: m.id, computationBase: computationBase ? toMoneyString(computationBase) : null },
    });
  }
  if (!computationBase || computationBase.lt(1)) {
    findings.push({
      code: 'PENSION_NOT_ESTIMATED',
      severity: 'warning',
      data: { memberId: m.id, scheme: m.pensionScheme },
    });
    return null;
  }
  const out = runPension({
    birthMonth: m.birthMonth,
    category: r.category,
    date: h.valuationMonth,
    contributionYears: new Dec(m.contributionYears ?? 0),
    accountBalance: new Dec(m.personalAccountBalance ?? 0),
    currentBase: base,
    averageIndex: Dec.min(3, Dec.max(0.6, index)),
    computationBase,
    wageGrowth: a.averageWageGrowth,
    baseGrowth: a.incomeGrowth,
    futureCreditRate: a.pensionAccountCreditRate,
    contributing: base.gt(0),
    retirementMonth: r.plannedMonth,
  });
  if (!out.eligible) {
    findings.push({
      code: 'PENSION_MINIMUM_YEARS_NOT_MET',
      severity: 'critical',
      data: {
        memberId: m.id,
        years: out.contributionYearsAtRetirement,
        minimum: out.minimumContributionYears,
      },
    });
    return null;
  }
  const startIndex = monthIndex(out.retirementMonth);
  return {
    monthly: new Dec(out.monthlyPension),
    startIndex,
    startYear: Math.floor(startIndex / 12),
    contributionYears: out.contributionYearsAtRetirement,
    minimumYears: out.minimumContributionYears,
    finalSalaryMonthly: salaryMonthly.times(
      ONE.plus(a.incomeGrowth).pow(Math.max(0, Math.floor(startIndex / 12) - h.firstYear - 1)),
    ),
  };
}
