/**
 * 自检 — the plan checks itself. Each check is an invariant a planner would otherwise catch by
 * reading the plan: advice that asks for money the household does not have, a goal called
 * achievable beside its shortfall, two success figures. A failed check is a bug: the tests fail on
 * it for every sample and for generated households, and the CLI warns if one ever fails in the
 * field. The detail gives the figures, for developers (it is never printed in a client's report).
 */
import { Dec, sum } from '../domain/money.js';
import type { AuditCheck, Plan } from './plan-types.js';
import { monthlyAsked } from './planning/actions.js';
import { MIN_SUCCESS_GAIN } from './rules/assumptions.js';

type PlanBeforeAudit = Omit<Plan, 'audit'>;

const CENT = new Dec('0.01');

export function auditPlan(plan: PlanBeforeAudit): AuditCheck[] {
  const checks: AuditCheck[] = [];
  const check = (id: string, passed: boolean, detail: string) => checks.push({ id, passed, detail });
  const f = plan.funding;
  const d = plan.diagnosis;

  const allocated = sum(f.items.map((i) => i.fundedMonthly));
  const surplus = new Dec(f.monthlySurplus);
  check(
    'funding_within_surplus',
    allocated.lte(new Dec(f.budget).plus(CENT)) && (surplus.gt(0) || allocated.isZero()),
    `安排 ${allocated.toFixed(2)} ≤ 可安排 ${f.budget}（月结余 ${f.monthlySurplus}）`,
  );
  check(
    'one_offs_within_assets',
    sum(f.items.map((i) => i.oneOff)).lte(new Dec(f.assetsAvailable).plus(CENT)),
    `一次性安排 ${f.assetsAllocated} ≤ 可调用资产 ${f.assetsAvailable}`,
  );
  const asked = monthlyAsked(plan.actions);
  check(
    'actions_within_funding',
    asked.lte(allocated.plus(CENT)),
    `行动每月所需 ${asked.toFixed(2)} ≤ 资金安排 ${allocated.toFixed(2)}`,
  );
  const unfundedActions = plan.actions.filter(
    (a) =>
      typeof a.data.monthly === 'string' &&
      new Dec(a.data.monthly).gt(0) &&
      !f.items.some(
        (i) =>
          i.code === a.code &&
          i.fundedMonthly === a.data.monthly &&
          (a.data.goalId === undefined || i.goalId === a.data.goalId),
      ),
  );
  check(
    'every_action_amount_funded',
    unfundedActions.length === 0,
    unfundedActions.length
      ? `无对应资金安排：${unfundedActions.map((a) => a.code).join(', ')}`
      : '每项行动金额均来自资金安排',
  );

  const achievableWithGap = d.goals.filter(
    (g) =>
      (g.status === 'on_track' || g.status === 'at_risk' || g.status === 'postponed') &&
      new Dec(g.shortfall).gt(0),
  );
  check(
    'no_achievable_goal_with_shortfall',
    achievableWithGap.length === 0,
    achievableWithGap.map((g) => `${g.goalId} ${g.status} 缺口 ${g.shortfall}`).join('; ') || '无',
  );
  const shortInPlan = plan.goals.filter((g) => g.status === 'short' || g.status === 'unachievable');
  check(
    'short_goal_count',
    shortInPlan.length === d.shortGoalIds.length,
    `目标结果 ${shortInPlan.length} 个不足，诊断 ${d.shortGoalIds.length} 个`,
  );
  const homeBoughtShort = plan.goals.filter((g) => g.type === 'home' && g.status === 'short');
  check(
    'no_home_bought_without_down_payment',
    homeBoughtShort.length === 0,
    homeBoughtShort.map((g) => g.goalId).join(', ') || '无',
  );

  const cashChange = new Dec(d.cash.change);
  check(
    'cash_status_agrees_with_move',
    !(d.cash.status === 'excess' && cashChange.gt(0)) && !(d.cash.status === 'short' && cashChange.lt(0)),
    `现金 ${d.cash.status}，建议变动 ${d.cash.change}`,
  );

  const ledgerOut = plan.projection.years.find((y) => new Dec(y.unpaidBillsNominal).gt(0));
  check(
    'money_runs_out_agrees',
    (d.household.moneyRunsOut?.year ?? null) === (ledgerOut?.year ?? null) &&
      (d.retirement.status === 'money_runs_out') === (ledgerOut !== undefined) &&
      plan.planning.retirement.ledgerShortfallYear === (ledgerOut?.year ?? null),
    `诊断 ${d.household.moneyRunsOut?.year ?? '—'}，测算 ${ledgerOut?.year ?? '—'}，退休模块 ${plan.planning.retirement.ledgerShortfallYear ?? '—'}`,
  );
  // A loan payment the household cannot make stays owed: arrears are part of the liabilities and
  // grow only in a year whose bills went unpaid.
  const badArrears = plan.projection.years.filter((y, i) => {
    const arrears = new Dec(y.arrearsEndNominal);
    const previous = new Dec(plan.projection.years[i - 1]?.arrearsEndNominal ?? 0);
    return (
      arrears.gt(y.liabilitiesEndNominal) || (arrears.gt(previous) && new Dec(y.unpaidBillsNominal).isZero())
    );
  });
  check(
    'unpaid_loans_stay_owed',
    badArrears.length === 0,
    badArrears.map((y) => String(y.year)).join(', ') || '未付月供计入负债',
  );

  const mc = plan.risk.monteCarlo;
  const mcFinding = plan.findings.find((x) => x.code === 'MC_SUCCESS');
  const before = plan.findings.find((x) => x.code === 'BEST_CHANGE')?.data.successBefore;
  check(
    'one_success_figure',
    d.success.rate === mc.successAll &&
      (mcFinding === undefined || mcFinding.data.successRate === mc.successAll) &&
      (before === undefined || before === mc.successAll),
    `诊断 ${d.success.rate}，模拟 ${mc.successAll}，最有效调整起点 ${before ?? '—'}`,
  );
  const best = plan.risk.candidates.find((c) => c.code === plan.risk.bestChange);
  check(
    'best_change_is_meaningful',
    !best || new Dec(best.successGain).gte(MIN_SUCCESS_GAIN.value),
    best ? `${best.code} +${best.successGain}` : '无',
  );

  // A ratio over a zero or negative base (税后收入 ≤ 0, 净资产 ≤ 0, …) has no value and no verdict.
  const t = plan.balanceSheet.totals;
  const c = plan.cashFlow.totals;
  const essentialMonthly = new Dec(c.essentialSpending).plus(c.debtService).plus(c.insurancePremiums);
  const denominators: Record<Plan['ratios'][number]['code'], Dec> = {
    savingsRatio: new Dec(c.netIncome),
    investmentToNetWorth: new Dec(t.netWorth),
    solvencyRatio: new Dec(t.totalAssets),
    debtRatio: new Dec(t.totalAssets),
    currentRatio: new Dec(t.totalLiabilities),
    debtServiceRatio: new Dec(c.netIncome),
    liquidityRatio: essentialMonthly,
    consumptionRatio: new Dec(c.netIncome),
    financialFreedom: new Dec(c.totalOutflow),
    premiumBurden: new Dec(c.netIncome),
  };
  const judgedOverNothing = plan.ratios.filter(
    (r) =>
      (denominators[r.code].lte(0) && (r.value !== null || r.verdict !== 'na')) ||
      (r.value === null && (r.verdict !== 'na' || r.reason === null)),
  );
  check(
    'no_judged_ratio_without_base',
    judgedOverNothing.length === 0,
    judgedOverNothing.map((r) => `${r.code} ${r.value ?? '—'} ${r.verdict}`).join('; ') ||
      '分母不为正的比率均无数值、不作评价',
  );

  // 高息负债 first: each is in the funding pass before protection, goals and 个人养老金; while one is
  // still repaid from the surplus no 个人养老金 is funded; the investment module rebalances only
  // what is left after the assets that repay them.
  const debtItems = f.items.filter((i) => i.code === 'PREPAY_LOAN');
  const highLoans = plan.planning.housing.existingLoans.filter((l) => l.highInterest);
  const firstLater = f.items.findIndex((i) => i.step !== 'emergency' && i.step !== 'debt');
  const lastDebt = f.items.map((i) => i.step).lastIndexOf('debt');
  const repaidMonthly = debtItems.some((i) => new Dec(i.requestedMonthly).gt(0));
  const debtOneOffs = sum(debtItems.map((i) => i.oneOff));
  check(
    'high_interest_debt_first',
    highLoans.every((l) => debtItems.some((i) => i.loanLabel === l.label)) &&
      (firstLater === -1 || lastDebt < firstLater) &&
      !(repaidMonthly && f.items.some((i) => i.code === 'OPEN_PRIVATE_PENSION')) &&
      debtOneOffs.eq(plan.planning.investment.debtRepaidFromAssets),
    `高息负债 ${highLoans.length} 笔，资金安排 ${debtItems.length} 项，一次性 ${debtOneOffs.toFixed(2)}，投资模块扣除 ${plan.planning.investment.debtRepaidFromAssets}`,
  );

  // The affordability gate: a home whose payment is above the bank's line is not prepared for (no
  // purchase, no loan), and its status follows its payment-to-income figure.
  const gateBroken = plan.planning.housing.purchases.filter((p) => {
    const r = p.paymentToIncome === null ? null : new Dec(p.paymentToIncome);
    const aboveBank = r === null || r.gt(p.bankMax);
    return (
      aboveBank !== (p.affordability === 'above_bank') ||
      (aboveBank &&
        plan.actions.some((a) => a.code === 'PREPARE_HOME_PURCHASE' && a.data.goalId === p.goalId))
    );
  });
  check(
    'no_loan_beyond_bank_line',
    gateBroken.length === 0,
    gateBroken.map((p) => `${p.goalId} ${p.paymentToIncome ?? '—'} > ${p.bankMax}`).join('; ') ||
      '月供超过银行上限的购房不做准备',
  );

  // One liquidity figure: the ratio table's 流动性比率 is the emergency fund's months covered.
  const liquidity = plan.ratios.find((r) => r.code === 'liquidityRatio');
  const months = plan.emergencyFund.monthsCovered;
  check(
    'one_liquidity_figure',
    (liquidity?.value ?? null) === null
      ? months === null
      : // The same exact figure, shown to 4 and to 2 places: they differ by rounding alone (< 0.01).
        months !== null && new Dec(liquidity!.value!).minus(months).abs().lt(CENT),
    `流动性比率 ${liquidity?.value ?? '—'}，应急准备金覆盖 ${months ?? '—'} 个月`,
  );

  // Life cover only where someone depends on the income (a debt then falls on the family too).
  const ins = plan.planning.insurance;
  const lifeWithoutDependants = ins.members.filter(
    (m) =>
      m.lines.some((l) => l.kind === 'life' && !l.covered) &&
      (m.life === null || (m.life.dependants.length === 0 && new Dec(m.life.debtOnFamily).isZero())),
  );
  check(
    'no_life_cover_without_dependants',
    lifeWithoutDependants.length === 0,
    lifeWithoutDependants.map((m) => m.memberId).join(', ') ||
      '寿险只为有人依靠其收入或负债落在家人身上者建议',
  );
  // The death stress test's extra cover is the protection section's gap for the same person.
  const gapOf = (id: string) =>
    ins.members.find((m) => m.memberId === id)?.lines.find((l) => l.kind === 'life')?.gap ?? '0.00';
  const coverMismatch = plan.risk.stress.filter(
    (s) =>
      s.additionalCoverNeeded !== null &&
      !new Dec(s.additionalCoverNeeded).eq(gapOf(String(s.data.memberId))),
  );
  check(
    'stress_cover_equals_protection_gap',
    coverMismatch.length === 0,
    coverMismatch
      .map((s) => `${s.code} ${s.additionalCoverNeeded} ≠ ${gapOf(String(s.data.memberId))}`)
      .join('; ') || '压力测试的补充寿险保额与保险规划的缺口一致',
  );
  return checks;
}

/** The checks that failed, for the CLI's warning and the tests. */
export function failedChecks(plan: Pick<Plan, 'audit'>): AuditCheck[] {
  return plan.audit.filter((c) => !c.passed);
}
