/**
 * 退休规划 (retirement calculator) for the household, at the self's planned retirement:
 * - spending in retirement: the ledger's living spending in the first full year of retirement,
 *   in today's money (it already applies the retirement-spending ratio or the stated budget);
 * - pension: the ledger's pension income in that year, per month (every member's basic pension,
 *   estimated by the pension calculator or as stated for those already retired);
 * - assets: what the ledger holds at the end of the year before retirement (financial assets and
 *   the 公积金 balance withdrawn at retirement), after every goal and setback on the way — so a
 *   market fall or a lost year of income shows up in the gap;
 * - goals due after retirement (travel, care) are added to the need at their value at retirement;
 * - returns: the recommended mix before retirement, the C2 稳健 model after (retirement money is
 *   drawn every year and cannot ride out long falls).
 * The gap is the real-rate need less the pension's and the assets' values at retirement; the monthly
 * saving closes it by retirement. The ledger's own verdict — whether money runs short, and at what
 * age — is reported alongside. 个人养老金: the yearly tax saved at the member's marginal rate on the
 * 12,000 cap, less the 3% withdrawal tax.
 */
import { Dec, ONE, ZERO, sum, toMoneyString, toRateString } from '../../domain/money.js';
import { retirementNeed } from '../calculators/retirement.js';
import { monthlySavingFor } from '../calculators/education.js';
import type { EngineRun, PensionEstimate } from '../run.js';
import type { MemberRetirementPlan, RetirementPlan } from '../plan-types.js';
import { MODEL_ALLOCATIONS } from '../rules/assumptions.js';
import { rulesAt } from '../rules/ruleset.js';

/** The retirement calculator's answer for a run (base plan or a scenario rerun). */
export function retirementCore(run: EngineRun) {
  const { h, ledger, scenario } = run;
  const self = h.self;
  const retired = !self.retirement || self.retirement.alreadyRetired;
  const retirementYear = retired ? null : Math.floor((self.retirementIndex ?? h.valuationIndex) / 12);
  const firstFull = retired
    ? ledger[0]
    : (ledger.find((y) => y.period.year === (retirementYear ?? 0) + 1) ?? ledger[ledger.length - 1]);
  const yearsToRetirement = retirementYear === null ? 0 : Math.max(0, retirementYear - h.firstYear);
  const yearsInRetirement = Math.max(1, h.lastYear - (retirementYear ?? h.firstYear) + 1);
  const scale = firstFull ? new Dec(12).div(firstFull.period.months) : ONE;
  const spendingToday = firstFull ? firstFull.livingSpending.times(scale).div(firstFull.priceIndex) : ZERO;
  const monthlyPensionAtStart = firstFull
    ? firstFull.pensionIncome.times(scale).div(12).div(ONE.plus(run.assumptions.pensionGrowth))
    : ZERO;
  // The scenario's return and inflation shifts apply to the calculator's rates as to the ledger's.
  const returnBefore = new Dec(MODEL_ALLOCATIONS.value[h.riskLevel].expectedReturn).plus(
    scenario.returnShift,
  );
  const returnAfter = new Dec(MODEL_ALLOCATIONS.value.C2.expectedReturn).plus(scenario.returnShift);
  const r = retirementNeed({
    annualSpendingToday: spendingToday,
    yearsToRetirement,
    yearsInRetirement,
    inflation: run.assumptions.inflation.plus(scenario.inflationShift),
    returnBefore,
    returnAfter,
    monthlyPensionAtRetirement: monthlyPensionAtStart,
    pensionGrowth: run.assumptions.pensionGrowth,
    currentAssets: ZERO,
  });
  // What the household brings into retirement is what the ledger has left at the end of the year
  // before — after every goal, loan and setback on the way — with the 公积金 balance that is
  // withdrawn at retirement; a retired household brings today's balances.
  const startYear = retirementYear ?? h.firstYear;
  const before = ledger.find((y) => y.period.year === startYear - 1);
  const assetsAtRetirement = before
    ? before.financialAssets.plus(before.housingFundBalance)
    : sum(
        run.profile.assets
          .filter((a) =>
            [
              'cash',
              'money_market',
              'time_deposit',
              'bond',
              'equity',
              'private_pension',
              'enterprise_annuity',
              'housing_fund',
            ].includes(a.type),
          )
          .map((a) => a.value),
      );
  // Goals due from retirement on are funded from the same money: their value at retirement.
  let goalsAfterPv = ZERO;
  for (const g of run.goals)
    for (const c of g.costs)
      if (c.year >= startYear)
        goalsAfterPv = goalsAfterPv.plus(c.amount.div(ONE.plus(returnAfter).pow(c.year - startYear)));
  const gap = r.needReal.plus(goalsAfterPv).minus(r.pensionPv).minus(assetsAtRetirement);
  const monthlySaving =
    gap.gt(0) && yearsToRetirement > 0
      ? (monthlySavingFor(gap, returnBefore, yearsToRetirement * 12) ?? null)
      : null;
  return {
    r,
    gap,
    monthlySaving,
    assetsAtRetirement,
    goalsAfterPv,
    retirementYear,
    yearsInRetirement,
    spendingToday,
    returnBefore,
    returnAfter,
  };
}

export function planRetirement(
  run: EngineRun,
  pensions: Map<string, PensionEstimate>,
  marginalRates: Map<string, Dec>,
): RetirementPlan {
  const { h, ledger } = run;
  const {
    r,
    gap,
    monthlySaving,
    assetsAtRetirement,
    goalsAfterPv,
    retirementYear,
    yearsInRetirement,
    spendingToday,
    returnBefore,
    returnAfter,
  } = retirementCore(run);
  const shortYear = ledger.find((y) => y.livingShortfall.gt(0));

  const members: MemberRetirementPlan[] = [];
  const withdrawalRate = new Dec(
    rulesAt(h.valuationMonth).iit.privatePension?.value.privatePensionWithdrawalRate ?? '0.03',
  );
  const cap = new Dec(rulesAt(h.valuationMonth).iit.privatePension?.value.privatePensionAnnualCap ?? '0');
  for (const f of h.members) {
    if (!f.retirement || f.retirement.alreadyRetired) continue;
    const est = pensions.get(f.member.id);
    const marginal = marginalRates.get(f.member.id) ?? ZERO;
    const saving = marginal.gt(withdrawalRate) ? cap.times(marginal.minus(withdrawalRate)) : ZERO;
    members.push({
      memberId: f.member.id,
      retirementMonth: f.retirement.plannedMonth,
      monthlyPension: est ? toMoneyString(est.monthly) : null,
      replacementRatio:
        est && est.finalSalaryMonthly.gt(0) ? toRateString(est.monthly.div(est.finalSalaryMonthly), 4) : null,
      contributionYears: est ? est.contributionYears : null,
      minimumContributionYears: est ? est.minimumYears : null,
      privatePensionTaxSaving: toMoneyString(saving),
      marginalRate: toRateString(marginal),
    });
  }
  return {
    retirementYear,
    yearsInRetirement,
    spendingToday: toMoneyString(spendingToday),
    spendingAtRetirement: toMoneyString(r.spendingAtRetirement),
    needReal: toMoneyString(r.needReal),
    needNominal: toMoneyString(r.needNominal),
    pensionPv: toMoneyString(r.pensionPv),
    goalsAfterRetirementPv: toMoneyString(goalsAfterPv),
    assetsAtRetirement: toMoneyString(assetsAtRetirement),
    gap: toMoneyString(gap),
    monthlySaving: monthlySaving && monthlySaving.gt(0) ? toMoneyString(monthlySaving) : null,
    returnBefore: toRateString(returnBefore),
    returnAfter: toRateString(returnAfter),
    members,
    ledgerShortfallAge: shortYear ? (shortYear.ages[h.self.member.id] ?? null) : null,
    ledgerShortfallYear: shortYear ? shortYear.period.year : null,
  };
}
