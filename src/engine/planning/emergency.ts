/**
 * 应急准备金: the months of essential outflows (essential living spending, loan payments and
 * premiums) the household should hold in cash, demand deposits
 * and money-market funds (3–6 months, 6–12 when an adult's income is unstable; EMERGENCY_FUND_RULE),
 * what it holds today and the gap, and how the gap is filled: from investments that can be sold
 * when they cover it, else from the surplus.
 */
import { Dec, ZERO, sum, toMoneyString, toRateString } from '../../domain/money.js';
import { emergencyFund } from '../calculators/emergency-fund.js';
import type { CashFlowStatement, EmergencyFundPlan, PlanningModules } from '../plan-types.js';
import { EMERGENCY_FUND_RULE } from '../rules/assumptions.js';
import type { EngineRun } from '../run.js';

export function planEmergencyFund(run: EngineRun, cf: CashFlowStatement): EmergencyFundPlan {
  const rule = EMERGENCY_FUND_RULE.value;
  const unstable = run.h.members.some((f) => f.isAdult && f.member.incomeStability === 'unstable');
  const months = unstable ? rule.unstableMonths : rule.stableMonths;
  // Essential outflows: what must be paid every month even when income stops (living essentials,
  // loan payments, premiums) — the one measure of liquidity in the plan (the 流动性比率 uses it too).
  const monthlyEssential = essentialOutflowMonthly(cf);
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

/** Monthly essential outflow of the 收支表's first twelve months: essentials, loan payments, premiums. */
export function essentialOutflowMonthly(cf: CashFlowStatement): Dec {
  return sum([cf.totals.essentialSpending, cf.totals.debtService, cf.totals.insurancePremiums]).div(12);
}

export function emergencyRecommendation(
  run: EngineRun,
  emergency: EmergencyFundPlan,
): PlanningModules['emergency']['recommendation'] {
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
  return recommendation;
}
