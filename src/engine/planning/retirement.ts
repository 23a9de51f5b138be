/**
 * 退休规划 (retirement calculator) for the household, at the self's planned retirement:
 * - spending in retirement: the ledger's living spending in the first full year of retirement,
 *   in today's money (it already applies the retirement-spending ratio or the stated budget);
 * - pension: the ledger's pension income in that year, per month (every member's basic pension,
 *   estimated by the pension calculator or as stated for those already retired);
 * - assets: today's financial assets less what the goals due before retirement will take (their
 *   present value at the recommended return);
 * - returns: the recommended mix before retirement, the C2 稳健 model after (retirement money is
 *   drawn every year and cannot ride out long falls).
 * The gap is the real-rate need less the pension's and the assets' values at retirement; the monthly
 * saving closes it by retirement. The ledger's own verdict — whether money runs short, and at what
 * age — is reported alongside. 个人养老金: the yearly tax saved at the member's marginal rate on the
 * 12,000 cap, less the 3% withdrawal tax.
 */
import { Dec, ONE, ZERO, sum, toMoneyString, toRateString } from '../../domain/money.js';
import { retirementNeed } from '../calculators/retirement.js';
import type { EngineRun, PensionEstimate } from '../plan.js';
import type { MemberRetirementPlan, RetirementPlan } from '../plan-types.js';
import { MODEL_ALLOCATIONS } from '../rules/assumptions.js';
import { rulesAt } from '../rules/ruleset.js';

export function planRetirement(
  run: EngineRun,
  pensions: Map<string, PensionEstimate>,
  marginalRates: Map<string, Dec>,
  goalsBeforeRetirementPv: Dec,
): RetirementPlan {
  const { h, ledger } = run;
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
  const financial = sum(
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
        ].includes(a.type),
      )
      .map((a) => a.value),
  );
  const returnBefore = new Dec(MODEL_ALLOCATIONS.value[h.riskLevel].expectedReturn);
  const returnAfter = new Dec(MODEL_ALLOCATIONS.value.C2.expectedReturn);
  const r = retirementNeed({
    annualSpendingToday: spendingToday,
    yearsToRetirement,
    yearsInRetirement,
    inflation: run.assumptions.inflation,
    returnBefore,
    returnAfter,
    monthlyPensionAtRetirement: monthlyPensionAtStart,
    pensionGrowth: run.assumptions.pensionGrowth,
    currentAssets: Dec.max(ZERO, financial.minus(goalsBeforeRetirementPv)),
  });
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
    assetsAtRetirement: toMoneyString(r.assetsAtRetirement),
    gap: toMoneyString(r.gap),
    monthlySaving: r.monthlySaving && r.monthlySaving.gt(0) ? toMoneyString(r.monthlySaving) : null,
    returnBefore: toRateString(returnBefore),
    returnAfter: toRateString(returnAfter),
    members,
    ledgerShortfallAge: shortYear ? (shortYear.ages[h.self.member.id] ?? null) : null,
    ledgerShortfallYear: shortYear ? shortYear.period.year : null,
  };
}
