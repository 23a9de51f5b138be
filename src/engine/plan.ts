/**
 * The engine's entry point: a validated profile → the Plan. Pure: the valuation month comes from
 * the profile, randomness (Monte Carlo) from a seed in the options; no clock, no files.
 */
import { createHash } from 'node:crypto';
import { Dec, ZERO, sum, toMoneyString, toRateString } from '../domain/money.js';
import type { Profile } from '../domain/profile.js';
import { resolveAssumptions } from './assumptions.js';
import { buildBalanceSheet } from './balance-sheet.js';
import { toPlanMember } from './household.js';
import {
  PLAN_FORMAT_VERSION,
  type CashFlowStatement,
  type EmergencyFundPlan,
  type Finding,
  type Diagnosis,
  type FundingPlan,
  type GoalResult,
  type PlanningModules,
  type RiskResults,
  type Plan,
  type ProjectionYear,
} from './plan-types.js';

import { LEDGER_CONVENTIONS, type LedgerYear } from './projection/ledger.js';

import { type Scenario } from './projection/scenario.js';

import { RULE_SET_DATE, RULE_SET_ID } from './rules/ruleset.js';
import { cityCodeOf } from './rules/social-insurance.js';
import { ENGINE_VERSION } from './version.js';
import { analyseRisk, type RiskAnalysis, type RiskOptions } from './risk/analysis.js';
import { runEngine, type EngineRun } from './run.js';
import { buildCashFlowStatement, buildRatios } from './statements.js';
import { auditPlan } from './audit.js';
import { diagnose } from './diagnosis.js';
import { debtRepaidFromAssets, planFunding } from './planning/funding.js';
import { planAlternatives } from './planning/alternatives.js';
import { PURCHASE_POLICY } from './rules/assumptions.js';
import { planActions } from './planning/actions.js';
import { planEducation } from './planning/education.js';
import { emergencyRecommendation, planEmergencyFund } from './planning/emergency.js';
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

// ---------------------------------------------------------------------------------------------
// EngineRun → Plan (plain JSON)

export function buildPlan(profile: Profile, options: BuildPlanOptions = {}): Plan {
  const run = runEngine(profile, options.scenario);
  const { h } = run;
  const { forPlan } = resolveAssumptions(profile.assumptions);

  const balanceSheet = buildBalanceSheet(profile, run.loans);
  const { statement: cashFlow, incomes } = buildCashFlowStatement(run);
  const emergency = planEmergencyFund(run, cashFlow);
  const ratios = buildRatios(run, balanceSheet.totals, cashFlow);
  const planning = planModules(run, cashFlow, incomes, emergency);
  const lifeGaps = new Map(
    planning.modules.insurance.members.map((m) => [
      m.memberId,
      m.lines.find((l) => l.kind === 'life')?.gap ?? '0.00',
    ]),
  );
  const risk = analyseRisk(profile, run, options.risk, lifeGaps);
  const goals = planning.goals;
  const financial = new Dec(balanceSheet.totals.financialAssets);
  const tier = clientTierOf(financial);
  const funding = planFunding(run, cashFlow, planning.modules);
  const riskResults = riskToPlan(risk);
  const diagnosis = diagnose(run, {
    goals,
    modules: planning.modules,
    funding,
    cashFlow,
    monteCarlo: riskResults.monteCarlo,
  });

  const plan: Omit<Plan, 'audit'> = {
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
      // Absent rather than null when there is no event, so plans made before the field existed
      // (the golden plans, stored batch manifests) keep their shape.
      ...(profile.report?.event ? { event: { ...profile.report.event } } : {}),
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
      // Only when given, so that plans without it (the golden plans, stored manifests) keep their shape.
      ...(profile.risk.assessedOn ? { riskAssessedOn: profile.risk.assessedOn } : {}),
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
    funding,
    diagnosis,
    alternatives: planAlternatives(profile, goals, {
      seed: risk.monteCarlo.seed,
      trials: risk.monteCarlo.first?.trials ?? risk.monteCarlo.trials,
      headline: risk.monteCarlo.successAll,
      baseFirst: risk.monteCarlo.first?.successAll ?? risk.monteCarlo.successAll,
    }),
    actions: planActions(h.valuationMonth, planning.modules, funding, goals),
    risk: riskResults,
    findings: [
      ...run.findings,
      ...planningFindings(planning.modules, goals),
      ...fundingFindings(run, funding, diagnosis),
      ...risk.findings,
    ],
  };
  return { ...plan, audit: auditPlan(plan) };
}

/** What the purchase policy did, and what the surplus could not fund. */
function fundingFindings(run: EngineRun, funding: FundingPlan, diagnosis: Diagnosis): Finding[] {
  const out: Finding[] = [];
  for (const d of run.purchases)
    out.push(
      d.year === null
        ? {
            code: 'GOAL_UNACHIEVABLE',
            module: 'housing',
            severity: 'critical',
            data: {
              goalId: d.goalId,
              plannedYear: d.plannedYear,
              shortAtPlanned: toMoneyString(d.shortAtPlannedYear),
              maxYears: PURCHASE_POLICY.value.maxPostponeYears,
            },
          }
        : {
            code: 'GOAL_POSTPONED',
            module: 'housing',
            severity: 'warning',
            data: {
              goalId: d.goalId,
              plannedYear: d.plannedYear,
              year: d.year,
              shortAtPlanned: toMoneyString(d.shortAtPlannedYear),
            },
          },
    );
  const unfunded = sum(funding.items.map((i) => i.unfundedMonthly));
  if (unfunded.gt(0))
    out.push({
      code: 'FUNDING_SHORT',
      module: 'household',
      severity: 'warning',
      data: {
        surplus: funding.monthlySurplus,
        budget: funding.budget,
        requested: toMoneyString(sum(funding.items.map((i) => i.requestedMonthly))),
        unfunded: toMoneyString(unfunded),
        // The ledger may still fund every goal (growing income, the pool's returns): say so.
        goalsOnTrack:
          diagnosis.household.status === 'on_track' && diagnosis.goals.every((g) => g.status !== 'postponed'),
      },
    });
  return out;
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
    unpaidBillsNominal: m(y.livingShortfall),
    arrearsEndNominal: m(y.arrears),
    accounts: Object.entries(y.accounts).map(([account, f]) => ({
      account,
      opening: m(f.opening),
      inflows: m(f.inflows),
      outflows: m(f.outflows),
      closing: m(f.closing),
    })),
  };
}

function planModules(
  run: EngineRun,
  cashFlow: CashFlowStatement,
  incomes: MemberIncome[],
  emergency: EmergencyFundPlan,
): { modules: PlanningModules; goals: GoalResult[] } {
  const goals = goalResults(run);
  const education = planEducation(run, goals, freeSavings(run.profile, new Dec(emergency.targetMax)));
  const insurance = planInsurance(
    run,
    cashFlow,
    new Dec(education.totalLumpSumToday),
    new Dec(emergency.targetMin),
  );
  const housing = planHousing(run, new Dec(emergency.liquid), new Dec(emergency.targetMax));
  const marginal = new Map(incomes.map((i) => [i.memberId, i.marginalRate]));
  const retirement = planRetirement(run, run.pensions, marginal);
  const investment = planInvestment(
    run,
    new Dec(emergency.targetMax),
    debtRepaidFromAssets(run, emergency, housing.existingLoans),
  );
  const tax = planTax(run, incomes);
  const otherGoals = planOtherGoals(run);
  return {
    modules: {
      emergency: { ...emergency, recommendation: emergencyRecommendation(run, emergency) },
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

/**
 * Investable assets no goal names as its funding source, beyond the emergency fund's upper target:
 * the savings the plan may count towards the children's education.
 */
function freeSavings(profile: Profile, emergencyMax: Dec): Dec {
  const named = new Set(profile.goals.map((g) => g.fundingAssetId).filter((x) => x !== undefined));
  const investable = sum(
    profile.assets
      .filter((a) => ['cash', 'money_market', 'time_deposit', 'bond', 'equity'].includes(a.type))
      .filter((a) => !a.id || !named.has(a.id))
      .map((a) => a.value),
  );
  return Dec.max(ZERO, investable.minus(emergencyMax));
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
    if (g.status === 'short' && g.policy === 'as_planned')
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
        severity: p.affordability === 'above_bank' ? 'critical' : 'warning',
        data: {
          goalId: p.goalId,
          paymentToIncome: p.paymentToIncome,
          affordablePrice: p.affordablePrice,
          aboveBank: p.affordability === 'above_bank',
          bankMax: p.bankMax,
          bankPracticeMax: p.bankPracticeMax,
        },
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
