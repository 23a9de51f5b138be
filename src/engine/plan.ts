/**
 * The engine's entry point: a validated profile → the Plan. Pure: the valuation month comes from
 * the profile, randomness (Monte Carlo) from a seed in the options; no clock, no files.
 */
import { createHash } from 'node:crypto';
import { Dec, ONE, ZERO, roundFen, sum, toMoneyString, toRateString } from '../domain/money.js';
import { monthIndex } from '../domain/month.js';
import type { RiskLevel } from '../domain/codes.js';
import type { Profile } from '../domain/profile.js';
import { resolveAssumptions, type Assumptions } from './assumptions.js';
import { buildBalanceSheet } from './balance-sheet.js';
import { emergencyFund } from './calculators/emergency-fund.js';
import { runPension } from './calculators/pension.js';
import { householdRatios, verdictOf } from './calculators/ratios.js';
import { deriveHousehold, toPlanMember, type HouseholdFacts, type MemberFacts } from './household.js';
import {
  PLAN_FORMAT_VERSION,
  type CashFlowStatement,
  type EmergencyFundPlan,
  type Finding,
  type GoalResult,
  type PlanningModules,
  type RiskResults,
  type Plan,
  type ProjectionYear,
  type RatioResult,
} from './plan-types.js';
import { childcareSubsidies } from './projection/benefits.js';
import { scheduleGoals, type ScheduledGoal } from './projection/goals.js';
import {
  contributionsPerMonth,
  memberIncomeForPeriod,
  sumIncomes,
  withBenefits,
  type IncomeSetup,
} from './projection/income.js';
import {
  LEDGER_CONVENTIONS,
  computeFlows,
  premiumsForPeriod,
  runPool,
  type LedgerSetup,
  type LedgerYear,
  type PoolSetup,
  type YearFlows,
} from './projection/ledger.js';
import { lpr5y, loanTotals, scheduleLoan, type LoanSchedule, type LoanSpec } from './projection/loans.js';
import {
  annualAmount,
  firstTwelveMonths,
  monthlyAmount,
  monthsIn,
  type Period,
} from './projection/period.js';
import { BASE_SCENARIO, scenarioRates, type Scenario, type ScenarioRates } from './projection/scenario.js';
import { spendingForPeriod, type SpendingSetup } from './projection/spending.js';
import { EMERGENCY_FUND_RULE, MODEL_ALLOCATIONS, RATIO_REFERENCES } from './rules/assumptions.js';
import { RULE_SET_DATE, RULE_SET_ID, rulesAt } from './rules/ruleset.js';
import { cityCodeOf } from './rules/social-insurance.js';
import { ENGINE_VERSION } from './version.js';
import { analyseRisk, type RiskAnalysis, type RiskOptions } from './risk/analysis.js';
import { planActions } from './planning/actions.js';
import { planEducation } from './planning/education.js';
import { goalResults } from './planning/goals.js';
import { planHousing } from './planning/housing.js';
import { planInsurance } from './planning/insurance.js';
import { planInvestment } from './planning/investment.js';
import { planOtherGoals } from './planning/other-goals.js';
import { planRetirement } from './planning/retirement.js';
import { planTax } from './planning/tax.js';
import { clientTierOf } from './rules/assumptions.js';
import type { MemberIncome } from './projection/income.js';

export interface BuildPlanOptions {
  /** A scenario for sensitivity and stress reruns; the base plan uses none. */
  scenario?: Partial<Scenario>;
  /** Monte Carlo seed and trials (defaults: DEFAULT_SEED, 10,000 trials). */
  risk?: RiskOptions;
}

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
}

const NEW_HOME_LOAN_MONTHS = 360;

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

export function runEngine(profile: Profile, scenarioOverrides: Partial<Scenario> = {}): EngineRun {
  const scenario: Scenario = { ...BASE_SCENARIO, ...scenarioOverrides };
  const findings: Finding[] = [];
  const { values: a } = resolveAssumptions(profile.assumptions);
  const h = deriveHousehold(profile, a, findings, scenario.retirementShiftMonths);
  const rates = scenarioRates(a, scenario, h.firstYear, h.lastYear);
  const valuationRules = rulesAt(h.valuationMonth);
  const cityCode = cityCodeOf(profile.household.city);

  // --- goals and loans ---------------------------------------------------------------------------
  const minDown = new Dec(valuationRules.downPayment.commercial?.value ?? '0.15');
  const goals = scheduleGoals(profile, h, a, rates, minDown);
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
    const base = lpr5y(start) ?? ZERO;
    const spread = new Dec(a.newMortgageSpread);
    loanSpecs.push({
      id: `goal:${g.id}`,
      label: `${g.goal.label ?? '购房'}贷款`,
      type: 'mortgage',
      borrowerId: g.goal.memberId ?? h.self.member.id,
      balance: roundFen(g.home.priceNominal.times(ONE.minus(g.home.downPaymentRatio))),
      annualRate: Dec.max(ZERO, base.plus(spread)),
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
  const essentialMonthly = firstYearEssentialMonthly(profile, h, a, rates, scenario, spendingSetup);
  const unstable = h.members.some((f) => f.isAdult && f.member.incomeStability === 'unstable');
  const reserveMonths = unstable
    ? EMERGENCY_FUND_RULE.value.unstableMonths.max
    : EMERGENCY_FUND_RULE.value.stableMonths.max;
  // The emergency reserve is set from today's essential spending, before any scenario changes it.
  const baseEssential =
    scenarioOverrides.spendingFactor !== undefined || scenarioOverrides.discretionaryFactor !== undefined
      ? firstYearEssentialMonthly(profile, h, a, rates, BASE_SCENARIO, spendingSetup)
      : essentialMonthly;
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
    emergencyReserveToday: baseEssential.times(reserveMonths),
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
  }
>();

function rerunCaches(profile: Profile) {
  let c = rerunCacheByProfile.get(profile);
  if (!c) rerunCacheByProfile.set(profile, (c = { loans: new Map(), pensions: new Map() }));
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

function firstYearEssentialMonthly(
  profile: Profile,
  h: HouseholdFacts,
  a: Assumptions,
  rates: ScenarioRates,
  scenario: Scenario,
  setup: SpendingSetup,
): Dec {
  const p = firstTwelveMonths(h.valuationIndex, h.firstYear);
  const lines = spendingForPeriod(profile, p, a, rates, scenario, setup);
  return sum(lines.filter((l) => l.essential).map((l) => roundFen(l.amount))).div(12);
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

// ---------------------------------------------------------------------------------------------
// EngineRun → Plan (plain JSON)

export function buildPlan(profile: Profile, options: BuildPlanOptions = {}): Plan {
  const run = runEngine(profile, options.scenario);
  const { h } = run;
  const { forPlan } = resolveAssumptions(profile.assumptions);

  const balanceSheet = buildBalanceSheet(profile, run.loans);
  const { statement: cashFlow, incomes } = buildCashFlowStatement(run);
  const emergency = buildEmergencyFund(run, cashFlow);
  const ratios = buildRatios(run, balanceSheet.totals, cashFlow);
  const planning = planModules(run, cashFlow, incomes, emergency);
  const risk = analyseRisk(profile, run, options.risk);
  const goals = planning.goals;
  const financial = new Dec(balanceSheet.totals.financialAssets);
  const tier = clientTierOf(financial);

  return {
    planFormatVersion: PLAN_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    ruleSetId: RULE_SET_ID,
    rulesAsOf: RULE_SET_DATE,
    inputHash: hashProfile(profile),
    valuationMonth: h.valuationMonth,
    reportDate: profile.report?.reportDate ?? `${h.valuationMonth}-01`,
    report: {
      reportNumber:
        profile.report?.reportNumber ??
        `FP-${h.valuationMonth.replace('-', '')}-${hashProfile(profile).slice(0, 8).toUpperCase()}`,
      plannerName: profile.report?.planner?.name ?? null,
      plannerCertificate: profile.report?.planner?.certificate ?? null,
      plannerPhone: profile.report?.planner?.phone ?? null,
      brand: profile.report?.brand ?? null,
    },
    household: {
      familyName: profile.household.familyName,
      city: profile.household.city,
      cityCode: cityCodeOf(profile.household.city) ?? null,
      clientTitle: h.clientTitle,
      lifeStage: h.lifeStage,
      riskLevel: h.riskLevel,
      riskLevelSource: h.riskLevelSource,
      questionnaireScore: h.questionnaireScore,
    },
    members: h.members.map((f) => toPlanMember(f, h.valuationMonth)),
    assumptions: forPlan,
    balanceSheet,
    cashFlow,
    ratios,
    emergencyFund: emergency,
    projection: {
      firstYear: h.firstYear,
      lastYear: h.lastYear,
      firstYearMonths: 12 - (h.valuationIndex % 12),
      conventions: LEDGER_CONVENTIONS,
      years: run.ledger.map(toProjectionYear),
    },
    tier: {
      code: tier.code,
      name: tier.name,
      servedBy: tier.servedBy,
      financialAssets: toMoneyString(financial),
      minAssets: toMoneyString(tier.minAssets),
    },
    goals,
    planning: planning.modules,
    actions: planActions(h.valuationMonth, planning.modules),
    risk: riskToPlan(risk),
    findings: [...run.findings, ...planningFindings(planning.modules, goals), ...risk.findings],
  };
}

function toProjectionYear(y: LedgerYear): ProjectionYear {
  const m = toMoneyString;
  const real = (x: Dec) => m(x.div(y.priceIndex));
  return {
    year: y.period.year,
    months: y.period.months,
    ages: y.ages,
    priceIndex: toRateString(y.priceIndex, 12),
    grossIncomeNominal: m(y.grossIncome),
    incomeTaxNominal: m(y.incomeTax),
    socialInsuranceNominal: m(y.socialInsurance.plus(y.housingFund)),
    netIncomeNominal: m(y.netIncome),
    livingSpendingNominal: m(y.livingSpending),
    debtServiceNominal: m(y.debtService),
    insurancePremiumsNominal: m(y.premiums.plus(y.extraSpending)),
    goalSpendingNominal: m(y.goalPaid),
    netCashFlowNominal: m(y.netCashFlow),
    transfersInNominal: m(y.transfersIn),
    investmentReturnNominal: m(y.poolReturns),
    financialAssetsEndNominal: m(y.financialAssets),
    liabilitiesEndNominal: m(y.liabilities),
    netWorthEndNominal: m(y.netWorth),
    netIncomeReal: real(y.netIncome),
    livingSpendingReal: real(y.livingSpending),
    netCashFlowReal: real(y.netCashFlow),
    financialAssetsEndReal: real(y.financialAssets),
    netWorthEndReal: real(y.netWorth),
    shortfallNominal: m(y.livingShortfall.plus(sum(y.goalPayments.map((g) => g.short)))),
    accounts: Object.entries(y.accounts).map(([account, f]) => ({
      account,
      opening: m(f.opening),
      inflows: m(f.inflows),
      outflows: m(f.outflows),
      closing: m(f.closing),
    })),
  };
}

function buildCashFlowStatement(run: EngineRun): { statement: CashFlowStatement; incomes: MemberIncome[] } {
  const { profile, h, assumptions: a, rates, scenario } = run;
  const p = firstTwelveMonths(h.valuationIndex, h.firstYear);
  const incomes = h.members
    .filter((f) => f.isAdult)
    .map((f) => memberIncomeForPeriod(f, p, profile, h, a, rates, scenario, run.incomeSetup));
  const subsidies = childcareSubsidies(h, p);
  const tot = withBenefits(sumIncomes(incomes), subsidies.total);
  const lines = spendingForPeriod(profile, p, a, rates, scenario, run.spendingSetup).map((l) => ({
    ...l,
    amount: roundFen(l.amount),
  }));
  const living = sum(lines.map((l) => l.amount));
  const essential = sum(lines.filter((l) => l.essential).map((l) => l.amount));
  const debt = sum(run.loans.map((l) => loanTotals(l, p.startIndex, p.endIndex).payment));
  const premiums = roundFen(premiumsForPeriod(profile, p, h, scenario, a, rates));
  const rental = roundFen(sum(profile.assets.map((x) => (x.annualIncome ? new Dec(x.annualIncome) : ZERO))));
  const net = tot.net.plus(rental);
  const outflow = living.plus(debt).plus(premiums);
  const incomeLines = profile.incomes.map((i) => {
    return {
      memberId: i.memberId,
      type: i.type,
      label: i.label ?? '',
      gross: toMoneyString(annualAmount(i)),
    };
  });
  for (const x of profile.assets.filter((x) => x.annualIncome))
    incomeLines.push({
      memberId: x.ownerId ?? h.self.member.id,
      type: 'rental',
      label: x.label ?? '租金',
      gross: toMoneyString(x.annualIncome!),
    });
  for (const b of subsidies.byChild)
    incomeLines.push({
      memberId: b.memberId,
      type: 'other',
      label: '育儿补贴',
      gross: toMoneyString(b.amount),
    });
  const statement: CashFlowStatement = {
    incomes: incomeLines,
    taxes: incomes.map((i) => ({
      memberId: i.memberId,
      grossSalary: toMoneyString(i.salary),
      bonus: toMoneyString(i.bonus),
      socialInsurance: toMoneyString(i.socialInsurance),
      housingFund: toMoneyString(i.housingFund),
      specialAdditionalDeductions: toMoneyString(i.specialAdditional),
      salaryTax: toMoneyString(i.salaryTax),
      bonusTax: toMoneyString(i.bonusTax),
      bonusMethod: i.bonusMethod,
      otherTax: '0.00',
      netIncome: toMoneyString(i.net),
    })),
    spending: lines.map((l) => {
      const s = profile.spending[l.index]!;
      return {
        category: s.category,
        label: s.label ?? '',
        essential: s.essential,
        annual: toMoneyString(l.amount),
      };
    }),
    totals: {
      grossIncome: toMoneyString(tot.gross.plus(rental)),
      incomeTax: toMoneyString(tot.tax),
      socialInsurance: toMoneyString(tot.socialInsurance),
      housingFund: toMoneyString(tot.housingFund),
      netIncome: toMoneyString(net),
      essentialSpending: toMoneyString(essential),
      discretionarySpending: toMoneyString(living.minus(essential)),
      livingSpending: toMoneyString(living),
      debtService: toMoneyString(debt),
      insurancePremiums: toMoneyString(premiums),
      totalOutflow: toMoneyString(outflow),
      surplus: toMoneyString(net.minus(outflow)),
    },
  };
  return { statement, incomes };
}

function buildEmergencyFund(run: EngineRun, cf: CashFlowStatement): EmergencyFundPlan {
  const rule = EMERGENCY_FUND_RULE.value;
  const unstable = run.h.members.some((f) => f.isAdult && f.member.incomeStability === 'unstable');
  const months = unstable ? rule.unstableMonths : rule.stableMonths;
  const monthlyEssential = new Dec(cf.totals.essentialSpending).div(12);
  const liquid = sum(
    run.profile.assets
      .filter(
        (x) =>
          x.type === 'cash' ||
          x.type === 'money_market' ||
          (rule.timeDepositsLiquid && x.type === 'time_deposit'),
      )
      .map((x) => x.value),
  );
  const r = emergencyFund({
    monthlyEssential,
    minMonths: new Dec(months.min),
    maxMonths: new Dec(months.max),
    liquid,
  });
  return {
    monthlyEssential: toMoneyString(monthlyEssential),
    monthsMin: months.min,
    monthsMax: months.max,
    incomeStability: unstable ? 'unstable' : 'stable',
    targetMin: toMoneyString(r.targetMin),
    targetMax: toMoneyString(r.targetMax),
    liquid: toMoneyString(r.liquid),
    gap: toMoneyString(r.gapToMin),
    gapToMax: toMoneyString(r.gapToMax),
    status: r.status,
    monthsCovered: r.coverageMonths ? toRateString(r.coverageMonths, 2) : null,
  };
}

function buildRatios(
  run: EngineRun,
  t: Plan['balanceSheet']['totals'],
  cf: CashFlowStatement,
): RatioResult[] {
  const { profile } = run;
  const d = (s: string) => new Dec(s);
  const investmentAssets = sum(
    profile.assets
      .filter((x) =>
        [
          'time_deposit',
          'bond',
          'equity',
          'real_estate_investment',
          'private_pension',
          'enterprise_annuity',
          'business_equity',
        ].includes(x.type),
      )
      .map((x) => x.value),
  );
  const protectionPremium = sum(
    profile.insurance
      .filter((x) => x.type !== 'annuity' && x.type !== 'whole_life')
      .map((x) => x.annualPremium),
  );
  const passive = sum(profile.assets.map((x) => (x.annualIncome ? new Dec(x.annualIncome) : ZERO)));
  const annualSpending = d(cf.totals.totalOutflow);
  const values = householdRatios({
    annualAfterTaxIncome: d(cf.totals.netIncome),
    annualSpending,
    totalAssets: d(t.totalAssets),
    totalLiabilities: d(t.totalLiabilities),
    investmentAssets,
    liquidAssets: d(t.liquid),
    monthlySpending: annualSpending.div(12),
    annualDebtService: d(cf.totals.debtService),
    annualPassiveIncome: passive.plus(investmentIncomeOf(run)),
    annualProtectionPremium: protectionPremium,
  });
  const refs = RATIO_REFERENCES.value;
  return values.map((v) => {
    const ref = refs[v.code];
    return {
      code: v.code,
      name: ref.name,
      formula: ref.formula,
      reference: ref.reference,
      value: v.value === null ? null : toRateString(v.value, 4),
      reason: v.reason ?? null,
      verdict: v.value === null ? 'na' : (verdictOf(v.value, ref.bands) ?? 'na'),
      basis: v.basis ?? null,
    };
  });
}

/** Expected yearly return of the financial pool at today's balances (for 财务自由度). */
function investmentIncomeOf(run: EngineRun): Dec {
  const first = run.ledger[0];
  if (!first) return ZERO;
  return first.period.months === 12
    ? first.poolReturns
    : first.poolReturns.times(12).div(first.period.months);
}

function planModules(
  run: EngineRun,
  cashFlow: CashFlowStatement,
  incomes: MemberIncome[],
  emergency: EmergencyFundPlan,
): { modules: PlanningModules; goals: GoalResult[] } {
  const goals = goalResults(run);
  const education = planEducation(run, goals);
  const insurance = planInsurance(
    run,
    cashFlow,
    new Dec(education.totalLumpSumToday),
    new Dec(emergency.targetMin),
  );
  const housing = planHousing(run, new Dec(emergency.liquid), new Dec(emergency.targetMax));
  const marginal = new Map(incomes.map((i) => [i.memberId, i.marginalRate]));
  const retirement = planRetirement(run, run.pensions, marginal);
  const investment = planInvestment(run, new Dec(emergency.targetMax));
  const tax = planTax(run, incomes);
  const otherGoals = planOtherGoals(run);
  const gap = new Dec(emergency.gap);
  const movable = new Dec(
    run.profile.assets
      .filter((a) => ['time_deposit', 'bond', 'equity'].includes(a.type))
      .reduce((s, a) => s.plus(a.value), ZERO),
  );
  const recommendation = gap.gt(0)
    ? movable.gte(gap)
      ? {
          annualToday: '0.00',
          fromYear: run.h.firstYear,
          toYear: run.h.firstYear,
          oneOff: toMoneyString(gap),
        }
      : {
          annualToday: toMoneyString(gap.times(2)),
          fromYear: run.h.firstYear,
          toYear: run.h.firstYear + 1,
          oneOff: '0.00',
        }
    : null;
  return {
    modules: {
      emergency: { ...emergency, recommendation },
      insurance,
      education,
      housing,
      retirement,
      investment,
      tax,
      otherGoals,
    },
    goals,
  };
}

/** Findings the modules raise (codes and numbers; the report's templates give the words). */
function planningFindings(m: PlanningModules, goals: GoalResult[]): Finding[] {
  const out: Finding[] = [];
  if (new Dec(m.emergency.gap).gt(0))
    out.push({
      code: 'EMERGENCY_FUND_SHORT',
      module: 'emergency',
      severity: 'warning',
      data: { gap: m.emergency.gap, months: m.emergency.monthsMin },
    });
  for (const member of m.insurance.members)
    for (const line of member.lines)
      if (!line.covered)
        out.push({
          code: 'COVER_GAP',
          module: 'insurance',
          severity: line.kind === 'life' || line.kind === 'criticalIllness' ? 'warning' : 'info',
          data: { memberId: member.memberId, kind: line.kind, gap: line.gap },
        });
  if (m.insurance.premiumShare !== null && new Dec(m.insurance.premiumShare).gt(0.1))
    out.push({
      code: 'PREMIUM_ABOVE_BUDGET',
      module: 'insurance',
      severity: 'warning',
      data: { share: m.insurance.premiumShare },
    });
  for (const g of goals)
    if (g.status === 'short')
      out.push({
        code: 'GOAL_SHORTFALL',
        module: 'otherGoals',
        severity: g.priority === 'essential' ? 'critical' : 'warning',
        data: {
          goalId: g.goalId,
          firstShortYear: g.firstShortYear,
          firstShortAmount: g.firstShortAmount,
          total: g.shortfallNominal,
        },
      });
  if (new Dec(m.retirement.gap).gt(0))
    out.push({
      code: 'RETIREMENT_GAP',
      module: 'retirement',
      severity: 'warning',
      data: { gap: m.retirement.gap, monthlySaving: m.retirement.monthlySaving },
    });
  if (m.retirement.ledgerShortfallYear !== null)
    out.push({
      code: 'MONEY_RUNS_OUT',
      module: 'retirement',
      severity: 'critical',
      data: { year: m.retirement.ledgerShortfallYear, age: m.retirement.ledgerShortfallAge },
    });
  if (m.investment.currentAboveLevel)
    out.push({
      code: 'MIX_ABOVE_RISK_LEVEL',
      module: 'investment',
      severity: 'warning',
      data: { level: m.investment.riskLevel, equity: m.investment.current.equity },
    });
  for (const t of m.tax.members)
    if (t.bonusInInvalidInterval)
      out.push({
        code: 'BONUS_IN_INVALID_INTERVAL',
        module: 'tax',
        severity: 'warning',
        data: { memberId: t.memberId },
      });
  for (const p of m.housing.purchases)
    if (!p.affordable)
      out.push({
        code: 'HOME_NOT_AFFORDABLE',
        module: 'housing',
        severity: 'warning',
        data: { goalId: p.goalId, paymentToIncome: p.paymentToIncome, affordablePrice: p.affordablePrice },
      });
  return out;
}

/** Plain JSON for the risk results: the Monte Carlo's float figures to whole 元 and 4-place rates. */
function riskToPlan(r: RiskAnalysis): RiskResults {
  const yuan = (x: number) => toMoneyString(new Dec(Math.round(x)));
  const rate = (x: number) => toRateString(new Dec(x), 4);
  const mc = r.monteCarlo;
  return {
    base: r.base,
    sensitivity: r.sensitivity,
    stress: r.stress,
    monteCarlo: {
      trials: mc.trials,
      seed: mc.seed,
      model: mc.model,
      failureDefinition: mc.failureDefinition,
      successAll: rate(mc.successAll),
      successAllCount: mc.successAllCount,
      mandatorySuccessRate: rate(mc.mandatorySuccessRate),
      goals: mc.goals.map((g) => ({
        goalId: g.goalId,
        successRate: rate(g.successRate),
        successCount: g.successCount,
        averageShortfall: yuan(g.averageShortfall),
      })),
      depletion: {
        lastsToEndRate: rate(mc.depletion.lastsToEndRate),
        medianAge: mc.depletion.medianAge,
        p10Age: mc.depletion.p10Age,
        p90Age: mc.depletion.p90Age,
      },
      averageShortfall: yuan(mc.averageShortfall),
      percentiles: mc.percentiles.map((p) => ({
        year: p.year,
        p10: yuan(p.p10),
        p50: yuan(p.p50),
        p90: yuan(p.p90),
        p10Real: yuan(p.p10Real),
        p50Real: yuan(p.p50Real),
        p90Real: yuan(p.p90Real),
      })),
    },
    candidates: r.candidates.map((c) => ({
      ...c,
      successAll: rate(c.successAll),
      successGain: rate(c.successGain),
    })),
    bestChange: r.bestChange,
  };
}

/** sha256 of the profile's canonical JSON (keys sorted), so equal inputs hash equally. */
export function hashProfile(profile: Profile): string {
  return createHash('sha256').update(canonicalJson(profile)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
