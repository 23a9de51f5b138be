/**
 * 子女教育规划, per child and stage (education calculator): each education goal's nominal costs,
 * the lump sum that funds it today and the level monthly saving from now to the stage's start, at
 * the education-fund return (the C2 稳健 model: the money is needed on a fixed date). An asset named
 * as the goal's funding source (fundingAssetId) counts towards it, shared between the goals that
 * name it in order of start year; then savings no goal names (investable assets beyond the emergency
 * fund's upper target), earliest goal first. Whether the ledger pays the goal is reported alongside.
 */
import { Dec, ZERO, sum, toMoneyString, toRateString } from '../../domain/money.js';
import { educationStageNeed, monthlySavingFor } from '../calculators/education.js';
import type { EngineRun } from '../run.js';
import type { EducationGoalPlan, EducationPlan, GoalResult } from '../plan-types.js';

export function planEducation(run: EngineRun, goals: GoalResult[], freeSavings: Dec = ZERO): EducationPlan {
  const { h, assumptions: a, profile } = run;
  const rate = a.educationFundReturn;
  const education = run.goals.filter((g) => g.type === 'education').sort((x, y) => x.startYear - y.startYear);
  const earmarkLeft = new Map<string, Dec>();
  for (const asset of profile.assets) if (asset.id) earmarkLeft.set(asset.id, new Dec(asset.value));
  // Savings no goal names (investable assets beyond the emergency fund) count towards the goals
  // too, earliest first: a family that already holds the money needs no monthly saving for it.
  let savingsLeft = freeSavings;

  const out: EducationGoalPlan[] = education.map((g) => {
    const startIn = Math.max(0, g.startYear - h.firstYear);
    const need = educationStageNeed(
      { annualCost: g.todayAmount, years: g.costs.length, startInYears: startIn, growth: g.growth },
      rate,
    );
    let earmarked = ZERO;
    const fund = g.goal.fundingAssetId;
    if (fund && earmarkLeft.has(fund)) {
      const left = earmarkLeft.get(fund) ?? ZERO;
      earmarked = Dec.min(left, need.lumpSumToday);
      earmarkLeft.set(fund, left.minus(earmarked));
    }
    const fromSavings = Dec.min(savingsLeft, Dec.max(ZERO, need.lumpSumToday.minus(earmarked)));
    savingsLeft = savingsLeft.minus(fromSavings);
    earmarked = earmarked.plus(fromSavings);
    const gapToday = Dec.max(ZERO, need.lumpSumToday.minus(earmarked));
    // Grow today's gap to the stage start and save monthly towards it.
    const months = startIn * 12 - (h.valuationIndex % 12);
    const target = gapToday.times(Dec.pow(rate.plus(1), startIn));
    const saving = gapToday.gt(0) && months > 0 ? monthlySavingFor(target, rate, months) : undefined;
    const result = goals.find((r) => r.goalId === g.id);
    return {
      goalId: g.id,
      childId: g.goal.memberId ?? null,
      stage: g.goal.education?.stage ?? null,
      location: g.goal.education?.location ?? null,
      startYear: g.startYear,
      years: g.costs.length,
      annualCostToday: toMoneyString(g.todayAmount),
      totalNominal: toMoneyString(need.totalNominal),
      lumpSumToday: toMoneyString(need.lumpSumToday),
      earmarked: toMoneyString(earmarked),
      gapToday: toMoneyString(gapToday),
      monthlySaving: saving ? toMoneyString(saving) : null,
      returnAssumption: toRateString(rate),
      fundedInLedger: result ? result.status !== 'short' : true,
    };
  });
  return {
    goals: out,
    totalLumpSumToday: toMoneyString(sum(out.map((g) => g.lumpSumToday))),
    totalMonthlySaving: toMoneyString(sum(out.map((g) => g.monthlySaving ?? ZERO))),
  };
}
