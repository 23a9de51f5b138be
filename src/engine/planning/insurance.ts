/**
 * 保险规划 per member and per death scenario (issue 13, item 3). Conventions (stated in the report):
 * - 寿险 by the needs analysis of the member's death (遗属需要法, china-rules §6): need = final
 *   expenses + the member's debts + children's education + survivors' living costs until each
 *   dependant no longer depends on this income + emergency fund − the survivors' own after-tax
 *   labour income over the same years (present value) − liquid and investment assets; existing
 *   cover is then set against it (the gap). Life cover only where someone depends on the income
 *   (spouse, parents in the household, children under 22) — a debt then falls on the family too;
 *   with no dependants there is no life cover to buy. 双十 and 生命价值法 are shown for reference;
 *   双十 is otherwise only the premium budget check.
 * - dependants' support years: a child until 22; the spouse and parents while the member would
 *   have worked (to the planned retirement, or age 65 for a member without one); survivors'
 *   living costs = the household's living spending × dependants still supported ÷ household size;
 *   the survivors' income counts each surviving adult's after-tax labour income until his or her
 *   own retirement; both discounted as an annuity due at the real rate (1 + r)/(1 + i) − 1.
 * - 重疾 cover = CRITICAL_ILLNESS_COVER: 3 years of the member's labour income + treatment and
 *   rehabilitation costs, so cover follows income;
 * - 医疗 and 意外: MEDICAL_ACCIDENT_COVER amounts (百万医疗 200万; accident 50万, minors capped);
 * - order: members by income (先大人后小孩, the economic pillar first), then 医疗 → 意外 → 重疾 → 寿险;
 * - premiums: estimated from PREMIUM_TABLE (dated, low certainty) and entered into the funding
 *   pass; budget: 双十原则, all protection premiums ≤ 10% of household gross income.
 */
import { Dec, ONE, ZERO, sum, toMoneyString, toRateString } from '../../domain/money.js';
import { monthIndex } from '../../domain/month.js';
import { runInsurance } from '../calculators/insurance.js';
import { realRate } from '../calculators/tvm.js';
import type { MemberFacts } from '../household.js';
import type { EngineRun } from '../run.js';
import type { CashFlowStatement, CoverLine, InsurancePlan, MemberInsurance } from '../plan-types.js';
import { INSURANCE_HEURISTICS } from '../rules/assumptions.js';
import { NEEDS_ANALYSIS_FUNERAL, CRITICAL_ILLNESS_COVER, MEDICAL_ACCIDENT_COVER } from '../assumptions.js';
import { annualAmount } from '../projection/period.js';
import { estimatePremium, type CoverKind } from '../rules/premiums.js';

const LIFE = new Set(['term_life', 'whole_life']);
/** A child depends on the family's income until this age. */
const INDEPENDENCE_AGE = 22;
/** Working years assumed for an earner with no planned retirement (a business owner). */
const WORK_UNTIL_AGE = 65;
/** Health notes that state no condition (no 如实告知 reminder needed beyond the usual). */
const NO_CONDITION = /^\s*(身体)?(健康|良好|正常|无)\s*[。.]?\s*$/;

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
  const householdIncome = sum(h.members.map((f) => labourIncome(f.member.id)));
  const liquidAndInvestment = sumAssets(run, ['cash', 'money_market', 'time_deposit', 'bond', 'equity']);
  const currentPremiums = sum(
    profile.insurance.filter((p) => p.type !== 'annuity').map((p) => p.annualPremium),
  );
  const ctx: LifeContext = {
    run,
    living: new Dec(cf.totals.livingSpending),
    assets: liquidAndInvestment,
    educationPv: educationPvToday,
    emergency: emergencyTarget,
    afterTaxLabour: (id) => {
      const t = taxes.get(id);
      const paid = t
        ? new Dec(t.salaryTax).plus(t.bonusTax).plus(t.otherTax).plus(t.socialInsurance).plus(t.housingFund)
        : ZERO;
      return Dec.max(ZERO, labourIncome(id).minus(paid));
    },
    labourIncome,
  };

  const policies = (id: string, types: string[]) =>
    profile.insurance.filter((p) => p.insuredId === id && types.includes(p.type));
  const members: MemberInsurance[] = [];
  const ordered = [...h.members].sort((a, b) => {
    if (a.isAdult !== b.isAdult) return a.isAdult ? -1 : 1;
    return labourIncome(b.member.id).comparedTo(labourIncome(a.member.id));
  });
  const std = MEDICAL_ACCIDENT_COVER.value;
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
    const standardLine = (kind: 'medical' | 'accident', amount: string, order: number): CoverLine => {
      const covered = has([kind]);
      return {
        kind,
        need: toMoneyString(new Dec(amount)),
        existing: toMoneyString(cover([kind])),
        gap: covered ? '0.00' : toMoneyString(new Dec(amount)),
        covered,
        order,
        estimatedPremium: premiumFor(kind, covered),
      };
    };
    lines.push(standardLine('medical', std.medical, 1));
    const accident = age >= 18 ? std.accidentAdult : age >= 10 ? std.accidentUnder18 : std.accidentUnder10;
    lines.push(standardLine('accident', accident, 2));
    let life: MemberInsurance['life'] = null;
    if (f.isAdult && income.gt(0)) {
      const rule = CRITICAL_ILLNESS_COVER.value;
      const ci = income.times(rule.incomeYears).plus(rule.treatmentAndRehab);
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
      const existingLife = cover([...LIFE]);
      life = lifeCover(ctx, f, income, existingLife);
      // No life line where nobody depends on the income, or where the need is nil and none is held.
      if (life.method !== 'none' && !(new Dec(life.recommended).isZero() && existingLife.isZero())) {
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
    }
    const notes = f.member.healthNotes?.trim() ?? '';
    members.push({
      memberId: f.member.id,
      annualIncome: toMoneyString(income),
      incomeShare: householdIncome.gt(0) ? toRateString(income.div(householdIncome), 4) : '0',
      lines,
      life,
      healthDisclosure: notes !== '' && !NO_CONDITION.test(notes),
    });
  }
  const grossIncome = new Dec(cf.totals.grossIncome);
  const budget = grossIncome.times(INSURANCE_HEURISTICS.value.premiumIncomeShareMax);
  const newPremiums = sum(
    members.flatMap((m) =>
      m.lines.filter((l) => !l.covered && l.estimatedPremium).map((l) => new Dec(l.estimatedPremium!)),
    ),
  );
  return {
    members,
    householdIncome: toMoneyString(grossIncome),
    currentPremiums: toMoneyString(currentPremiums),
    premiumBudget: toMoneyString(budget),
    premiumBudgetLeft: toMoneyString(Dec.max(ZERO, budget.minus(currentPremiums))),
    premiumShare: grossIncome.gt(0) ? toRateString(currentPremiums.div(grossIncome), 4) : null,
    newPremiums: toMoneyString(newPremiums),
    premiumShareAfter: grossIncome.gt(0)
      ? toRateString(currentPremiums.plus(newPremiums).div(grossIncome), 4)
      : null,
  };
}

function sumAssets(run: EngineRun, types: string[]): Dec {
  return sum(run.profile.assets.filter((a) => types.includes(a.type)).map((a) => a.value));
}

interface LifeContext {
  run: EngineRun;
  living: Dec;
  assets: Dec;
  educationPv: Dec;
  emergency: Dec;
  afterTaxLabour: (id: string) => Dec;
  labourIncome: (id: string) => Dec;
}

/** Whole years from the valuation month until a member reaches `age` (0 if already there). */
function yearsUntilAge(h: EngineRun['h'], f: MemberFacts, age: number): number {
  const at = monthIndex(f.member.birthMonth) + age * 12;
  return Math.max(0, Math.ceil((at - h.valuationIndex) / 12));
}

/** Whole years the member still earns: to the planned retirement, else to WORK_UNTIL_AGE. */
export function workingYears(h: EngineRun['h'], f: MemberFacts): number {
  if (f.retirement?.alreadyRetired) return 0;
  if (f.retirementIndex !== null) return Math.max(0, Math.round((f.retirementIndex - h.valuationIndex) / 12));
  return yearsUntilAge(h, f, WORK_UNTIL_AGE);
}

/**
 * Who depends on member `f`'s income, and for how many years: children under 22 until they turn
 * 22; the spouse and parents in the household while `f` would have worked (parents no longer
 * than their planning life).
 */
export function dependantsOf(run: EngineRun, f: MemberFacts): { id: string; years: number }[] {
  const { h } = run;
  const working = workingYears(h, f);
  const out: { id: string; years: number }[] = [];
  for (const d of h.members) {
    if (d === f) continue;
    if (d.member.role === 'child') {
      const y = yearsUntilAge(h, d, INDEPENDENCE_AGE);
      if (y > 0) out.push({ id: d.member.id, years: y });
    } else {
      const left = Math.max(0, d.lastYear - h.firstYear + 1);
      const y = Math.min(working, left);
      if (y > 0) out.push({ id: d.member.id, years: y });
    }
  }
  return out;
}

function lifeCover(
  c: LifeContext,
  f: MemberFacts,
  income: Dec,
  existingCover: Dec,
): NonNullable<MemberInsurance['life']> {
  const { run } = c;
  const { h } = run;
  const consumption = Dec.min(
    1,
    income.minus(c.afterTaxLabour(f.member.id)).plus(c.living.div(h.members.length)).div(income),
  );
  const deps = dependantsOf(run, f);
  const supported = deps.length > 0;
  const debts = sum(
    run.loans.filter((l) => l.spec.existing && l.spec.borrowerId === f.member.id).map((l) => l.spec.balance),
  );
  const debtOnFamily = supported ? debts : ZERO;
  const years = deps.reduce((m, d) => Math.max(m, d.years), 0);
  const r = realRate(run.assumptions.insuranceDiscountRate, run.assumptions.inflation);
  const perHead = c.living.div(h.members.length);
  let survivorsLiving = ZERO;
  let survivorsIncome = ZERO;
  const earners = h.members.filter((m) => m !== f && m.isAdult && c.labourIncome(m.member.id).gt(0));
  for (let t = 0; t < years; t++) {
    const disc = ONE.plus(r).pow(t);
    const heads = deps.filter((d) => t < d.years).length;
    survivorsLiving = survivorsLiving.plus(perHead.times(heads).div(disc));
    for (const e of earners)
      if (t < workingYears(h, e))
        survivorsIncome = survivorsIncome.plus(c.afterTaxLabour(e.member.id).div(disc));
  }
  const hasChildren = deps.some((d) => h.byId.get(d.id)?.member.role === 'child');
  const out = runInsurance({
    annualIncome: income,
    existingCover,
    hlv: { yearsToRetirement: Math.min(60, workingYears(h, f)), consumptionShare: consumption },
    needs: {
      funeral: supported ? new Dec(NEEDS_ANALYSIS_FUNERAL.value) : ZERO,
      debts: debtOnFamily,
      educationPv: hasChildren ? c.educationPv : ZERO,
      survivorsAnnualSpending: ZERO,
      survivorsYears: 0,
      emergencyFund: supported ? c.emergency : ZERO,
      liquidAssets: c.assets,
    },
    date: h.valuationMonth,
  });
  const needs = out.needsAnalysis!;
  const components = needs.components
    .filter((x) => x.code !== 'parentsSupport')
    .map((x) =>
      x.code === 'survivorsLiving'
        ? { code: x.code, amount: toMoneyString(survivorsLiving) }
        : { code: x.code, amount: x.amount },
    );
  const gross = sum(components.map((x) => new Dec(x.amount)));
  const need = supported ? Dec.max(ZERO, gross.minus(survivorsIncome).minus(c.assets)) : ZERO;
  const hlv = out.humanLifeValue ? new Dec(out.humanLifeValue.value) : null;
  return {
    doubleTen: out.doubleTen?.recommendedCover ?? '0.00',
    humanLifeValue: hlv ? toMoneyString(hlv) : null,
    needsAnalysis: supported ? toMoneyString(need) : null,
    needsComponents: components,
    lessSurvivorsIncome: toMoneyString(survivorsIncome),
    lessLiquidAssets: toMoneyString(c.assets),
    dependants: deps.map((d) => d.id),
    debtOnFamily: toMoneyString(debtOnFamily),
    survivorsYears: years,
    recommended: toMoneyString(need),
    method: supported ? 'needsAnalysis' : 'none',
  };
}
