/**
 * 保险规划 per member, with the three life-cover methods side by side (insurance calculator):
 * 双十原则, 生命价值法 and 需求分析法. The plan recommends the needs-analysis figure (it counts
 * the family's actual debts, children and assets), falling back to the human life value, then to
 * 双十. Conventions (stated in the report):
 * - the insured's own consumption share c = (his tax and 五险一金 + an equal share of the
 *   household's living spending) ÷ his gross income, capped at 1;
 * - survivors' living costs = the household's living spending less the insured's equal share, until
 *   the youngest child turns 22 (no children: not counted — income replacement is then the human
 *   life value's job);
 * - debts = loans on which the member is the borrower; assets = liquid and investment assets;
 * - 重疾 cover ≥ 3 × annual pay, salary and bonus (the lower end of the 3–5 × heuristic): an illness
 *   stops the pay, not a business's dividends;
 * - 医疗 and 意外: whether the member has a policy;
 * - order: members by income (先大人后小孩, the economic pillar first), then 医疗 → 意外 → 重疾 → 寿险;
 * - premium budget: 双十原则, all protection premiums ≤ 10% of household gross income — every
 *   source in the 收支表, pensions and rent included (a retired couple's budget is its pension's 10%).
 */
import { Dec, ZERO, sum, toMoneyString, toRateString } from '../../domain/money.js';
import { monthIndex } from '../../domain/month.js';
import { runInsurance } from '../calculators/insurance.js';
import type { MemberFacts } from '../household.js';
import type { EngineRun } from '../run.js';
import type { CashFlowStatement, CoverLine, InsurancePlan, MemberInsurance } from '../plan-types.js';
import { INSURANCE_HEURISTICS } from '../rules/assumptions.js';
import { NEEDS_ANALYSIS_FUNERAL, CRITICAL_ILLNESS_INCOME_MULTIPLE } from '../assumptions.js';
import { annualAmount } from '../projection/period.js';
import { estimatePremium, type CoverKind } from '../rules/premiums.js';

const LIFE = new Set(['term_life', 'whole_life']);

export function planInsurance(
  run: EngineRun,
  cf: CashFlowStatement,
  educationPvToday: Dec,
  emergencyTarget: Dec,
): InsurancePlan {
  const { profile, h } = run;
  const taxes = new Map(cf.taxes.map((t) => [t.memberId, t]));
  /** A member's yearly income of the given types, as stated in the profile (today's money). */
  const annualIncome = (id: string, types: readonly string[]) =>
    sum(profile.incomes.filter((i) => i.memberId === id && types.includes(i.type)).map(annualAmount));
  const labourIncome = (id: string) => annualIncome(id, ['salary', 'bonus', 'business']);
  const payOf = (id: string) => annualIncome(id, ['salary', 'bonus']);
  const householdIncome = sum(h.members.map((f) => labourIncome(f.member.id)));
  const living = new Dec(cf.totals.livingSpending);
  const headcount = h.members.length;
  const liquidAndInvestment = new Dec(
    run.profile.assets.length
      ? sumAssets(run, ['cash', 'money_market', 'time_deposit', 'bond', 'equity'])
      : 0,
  );
  const youngest = h.children.length
    ? Math.max(...h.children.map((c) => monthIndex(c.member.birthMonth)))
    : null;
  const yearsToIndependence =
    youngest === null ? 0 : Math.max(0, Math.ceil((youngest + 22 * 12 - h.valuationIndex) / 12));
  const currentPremiums = sum(
    profile.insurance.filter((p) => p.type !== 'annuity').map((p) => p.annualPremium),
  );

  const policies = (id: string, types: string[]) =>
    profile.insurance.filter((p) => p.insuredId === id && types.includes(p.type));
  const members: MemberInsurance[] = [];
  const ordered = [...h.members].sort((a, b) => {
    if (a.isAdult !== b.isAdult) return a.isAdult ? -1 : 1;
    return labourIncome(b.member.id).comparedTo(labourIncome(a.member.id));
  });
  for (const f of ordered) {
    if (f.member.role === 'parent') continue;
    const income = labourIncome(f.member.id);
    const lines: CoverLine[] = [];
    const has = (types: string[]) => policies(f.member.id, types).length > 0;
    const cover = (types: string[]) => sum(policies(f.member.id, types).map((p) => p.sumAssured));
    // What new cover for the gap would cost a year at this member's age (PREMIUM_TABLE).
    const age = h.firstYear - f.birthYear;
    const premiumFor = (kind: CoverKind, covered: boolean, gap: Dec = ZERO) => {
      if (covered) return null;
      const p = estimatePremium(kind, age, f.member.gender, gap);
      return p ? toMoneyString(p) : null;
    };
    lines.push({
      kind: 'medical',
      need: null,
      existing: toMoneyString(cover(['medical'])),
      gap: null,
      covered: has(['medical']),
      order: 1,
      estimatedPremium: premiumFor('medical', has(['medical'])),
    });
    lines.push({
      kind: 'accident',
      need: null,
      existing: toMoneyString(cover(['accident'])),
      gap: null,
      covered: has(['accident']),
      order: 2,
      estimatedPremium: premiumFor('accident', has(['accident'])),
    });
    let life: MemberInsurance['life'] = null;
    if (f.isAdult && income.gt(0)) {
      // An illness stops the pay cheque, not a business's dividends: 重疾 cover is a multiple of
      // pay; a member who draws no pay at all (a sole proprietor) is covered on labour income.
      const pay = payOf(f.member.id);
      const ci = (pay.gt(0) ? pay : income).times(CRITICAL_ILLNESS_INCOME_MULTIPLE.value);
      const ciExisting = cover(['critical_illness']);
      lines.push({
        kind: 'criticalIllness',
        need: toMoneyString(ci),
        existing: toMoneyString(ciExisting),
        gap: toMoneyString(Dec.max(ZERO, ci.minus(ciExisting))),
        covered: ciExisting.gte(ci),
        order: 3,
        estimatedPremium: premiumFor('criticalIllness', ciExisting.gte(ci), ci.minus(ciExisting)),
      });
      life = lifeCover(
        run,
        f,
        income,
        taxes.get(f.member.id),
        living,
        headcount,
        liquidAndInvestment,
        yearsToIndependence,
        educationPvToday,
        emergencyTarget,
        cover([...LIFE]),
      );
      const existingLife = cover([...LIFE]);
      const lifeGap = Dec.max(ZERO, new Dec(life.recommended).minus(existingLife));
      lines.push({
        kind: 'life',
        need: life.recommended,
        existing: toMoneyString(existingLife),
        gap: toMoneyString(lifeGap),
        covered: lifeGap.isZero(),
        order: 4,
        estimatedPremium: premiumFor('life', lifeGap.isZero(), lifeGap),
      });
    }
    members.push({
      memberId: f.member.id,
      annualIncome: toMoneyString(income),
      incomeShare: householdIncome.gt(0) ? toRateString(income.div(householdIncome), 4) : '0',
      lines,
      life,
    });
  }
  const grossIncome = new Dec(cf.totals.grossIncome);
  const budget = grossIncome.times(INSURANCE_HEURISTICS.value.premiumIncomeShareMax);
  return {
    members,
    householdIncome: toMoneyString(grossIncome),
    currentPremiums: toMoneyString(currentPremiums),
    premiumBudget: toMoneyString(budget),
    premiumBudgetLeft: toMoneyString(Dec.max(ZERO, budget.minus(currentPremiums))),
    premiumShare: grossIncome.gt(0) ? toRateString(currentPremiums.div(grossIncome), 4) : null,
  };
}

function sumAssets(run: EngineRun, types: string[]): Dec {
  return sum(run.profile.assets.filter((a) => types.includes(a.type)).map((a) => a.value));
}

function lifeCover(
  run: EngineRun,
  f: MemberFacts,
  income: Dec,
  tax: CashFlowStatement['taxes'][number] | undefined,
  living: Dec,
  headcount: number,
  assets: Dec,
  yearsToIndependence: number,
  educationPv: Dec,
  emergency: Dec,
  existingCover: Dec,
): NonNullable<MemberInsurance['life']> {
  const { h } = run;
  const deductions = tax
    ? new Dec(tax.salaryTax).plus(tax.bonusTax).plus(tax.socialInsurance).plus(tax.housingFund)
    : ZERO;
  const ownShare = living.div(headcount);
  const consumption = Dec.min(1, deductions.plus(ownShare).div(income));
  const yearsToRetirement =
    f.retirementIndex !== null ? Math.max(0, Math.round((f.retirementIndex - h.valuationIndex) / 12)) : 0;
  const debts = sum(
    run.loans.filter((l) => l.spec.existing && l.spec.borrowerId === f.member.id).map((l) => l.spec.balance),
  );
  const survivorsAnnual = headcount > 1 && yearsToIndependence > 0 ? living.minus(ownShare) : ZERO;
  const out = runInsurance({
    annualIncome: income,
    existingCover,
    hlv: { yearsToRetirement: Math.min(60, yearsToRetirement), consumptionShare: consumption },
    needs: {
      funeral: new Dec(NEEDS_ANALYSIS_FUNERAL.value),
      debts,
      educationPv,
      survivorsAnnualSpending: survivorsAnnual,
      survivorsYears: Math.min(80, yearsToIndependence),
      emergencyFund: emergency,
      liquidAssets: assets,
    },
    date: h.valuationMonth,
  });
  const needs = out.needsAnalysis;
  // The need before existing cover: gross need less assets (existing cover is shown separately).
  const needBeforeCover = needs
    ? Dec.max(ZERO, new Dec(needs.grossNeed).minus(needs.lessLiquidAssets))
    : null;
  const hlv = out.humanLifeValue ? new Dec(out.humanLifeValue.value) : null;
  // The 双十 line is present whenever an income is given, as it always is here.
  const doubleTen = out.doubleTen?.recommendedCover ?? '0.00';
  let recommended = new Dec(doubleTen);
  let method: NonNullable<MemberInsurance['life']>['method'] = 'doubleTen';
  if (needBeforeCover && needBeforeCover.gt(0)) {
    recommended = needBeforeCover;
    method = 'needsAnalysis';
  } else if (hlv && hlv.gt(0)) {
    recommended = hlv;
    method = 'humanLifeValue';
  }
  return {
    doubleTen,
    humanLifeValue: hlv ? toMoneyString(hlv) : null,
    needsAnalysis: needBeforeCover ? toMoneyString(needBeforeCover) : null,
    needsComponents: needs ? needs.components.map((c) => ({ code: c.code, amount: c.amount })) : [],
    recommended: toMoneyString(recommended),
    method,
  };
}
