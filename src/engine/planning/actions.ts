/**
 * 执行计划: dated actions from the modules' gaps, in priority order (先保障后理财): 1 protection and
 * liquidity, 2 saving and investing, 3 optimisation. Each action carries codes and numbers; the
 * report's templates/actions/<code>.hbs give the words. A yearly review is always due.
 */
import { addMonths } from '../../domain/month.js';
import { Dec } from '../../domain/money.js';
import type { Action, PlanningModules } from '../plan-types.js';

const INSURE_ACTION = {
  medical: 'INSURE_MEDICAL',
  accident: 'INSURE_ACCIDENT',
  criticalIllness: 'INSURE_CRITICAL_ILLNESS',
  life: 'INSURE_LIFE',
} as const;

export function planActions(valuationMonth: string, m: PlanningModules): Action[] {
  const due = (months: number) => addMonths(valuationMonth, months);
  const actions: Action[] = [];
  if (new Dec(m.emergency.gap).gt(0))
    actions.push({
      code: 'EMERGENCY_TOP_UP',
      module: 'emergency',
      due: due(3),
      priority: 1,
      data: { amount: m.emergency.gap },
    });
  // Medical and accident cover: one action per kind for everyone who lacks it (先大人后小孩 order).
  for (const kind of ['medical', 'accident'] as const) {
    const missing = m.insurance.members.filter((x) => x.lines.some((l) => l.kind === kind && !l.covered));
    if (missing.length)
      actions.push({
        code: INSURE_ACTION[kind],
        module: 'insurance',
        due: due(1),
        priority: 1,
        data: { memberIds: missing.map((x) => x.memberId).join(',') },
      });
  }
  for (const member of m.insurance.members)
    for (const line of member.lines)
      if (!line.covered && (line.kind === 'criticalIllness' || line.kind === 'life'))
        actions.push({
          code: INSURE_ACTION[line.kind],
          module: 'insurance',
          due: due(3),
          priority: 2,
          data: { memberId: member.memberId, gap: line.gap },
        });
  const moves = m.investment.moves;
  if (Object.values(moves).some((v) => new Dec(v).abs().gte(1000)))
    actions.push({
      code: 'REBALANCE',
      module: 'investment',
      due: due(1),
      priority: 2,
      data: { ...moves, riskLevel: m.investment.riskLevel },
    });
  for (const g of m.education.goals)
    if (g.monthlySaving)
      actions.push({
        code: 'EDUCATION_SAVING',
        module: 'education',
        due: due(1),
        priority: 2,
        data: { goalId: g.goalId, monthly: g.monthlySaving },
      });
  if (m.retirement.monthlySaving)
    actions.push({
      code: 'RETIREMENT_SAVING',
      module: 'retirement',
      due: due(1),
      priority: 2,
      data: { monthly: m.retirement.monthlySaving },
    });
  for (const t of m.tax.members)
    if (new Dec(t.privatePensionTaxSaving).gt(0) && t.possibleDeductions.includes('privatePension'))
      actions.push({
        code: 'OPEN_PRIVATE_PENSION',
        module: 'tax',
        due: `${valuationMonth.slice(0, 4)}-12`,
        priority: 3,
        data: { memberId: t.memberId, saving: t.privatePensionTaxSaving },
      });
  for (const l of m.housing.existingLoans)
    if (l.recommended)
      actions.push({
        code: 'PREPAY_LOAN',
        module: 'housing',
        due: due(12),
        priority: 3,
        data: { label: l.label, amount: l.amount, saved: l.shortenTermInterestSaved },
      });
  for (const p of m.housing.purchases)
    actions.push({
      code: 'PREPARE_HOME_PURCHASE',
      module: 'housing',
      due: `${p.year - 1}-06`,
      priority: 2,
      data: { goalId: p.goalId, downPayment: p.downPayment },
    });
  for (const g of m.otherGoals.goals)
    if (g.monthlySaving)
      actions.push({
        code: 'GOAL_SAVING',
        module: 'otherGoals',
        due: due(1),
        priority: 2,
        data: { goalId: g.goalId, monthly: g.monthlySaving },
      });
  actions.push({ code: 'ANNUAL_REVIEW', module: 'review', due: due(12), priority: 1, data: {} });
  return actions.sort((a, b) => a.priority - b.priority || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}
