/**
 * Each member's income for a period, after 个税 and 五险一金 computed by the rules in force:
 *
 * - salary stops at the member's planned retirement month (2025 reform ± 弹性退休) and at death;
 * - 五险一金: the base (stated, else the salary) grows with income, is clamped to the city's floor
 *   and cap where the rules know the city (indexed by average-wage growth once carried past the
 *   last published period), each item rounded to the fen per month;
 * - 个税: annual 综合所得 with 专项扣除, 专项附加扣除 (children, infants, elderly support, housing
 *   loan interest or rent, continuing education) and 个人养老金; the annual bonus is taxed by the
 *   cheaper of separate and merged taxation while separate taxation lasts (to 2027-12-31);
 * - pensions from retirement (the pension estimate, indexed yearly) or as stated for the retired;
 * - business, rental and other incomes as stated (after tax).
 */
import {
  Dec,
  ONE,
  ZERO,
  add,
  compound,
  dec,
  isOne,
  isPositive,
  roundFen,
  scale,
  subtract,
  sum,
} from '../../domain/money.js';
import { monthIndex } from '../../domain/month.js';
import type { Income, Member, Profile } from '../../domain/profile.js';
import type { Assumptions } from '../assumptions.js';
import { compareBonusTaxation } from '../calculators/annual-bonus.js';
import { annualIit, type DeductionItem, type SpecialAdditionalInput } from '../calculators/iit.js';
import { employeeContributions } from '../calculators/social-insurance.js';
import type { HouseholdFacts, MemberFacts } from '../household.js';
import { housingRentClassOf } from '../rules/housing-rent-cities.js';
import { cityCodeOf, type CityCode } from '../rules/social-insurance.js';
import { monthlyAmount, monthsIn, type Period } from './period.js';
import type { Scenario, ScenarioRates } from './scenario.js';

export interface MemberIncome {
  memberId: string;
  salary: Dec;
  bonus: Dec;
  socialInsurance: Dec;
  housingFund: Dec;
  housingFundEmployer: Dec;
  salaryTax: Dec;
  bonusTax: Dec;
  bonusMethod: 'separate' | 'merged' | 'none';
  pension: Dec;
  /** Business, rental and other incomes, as stated (after tax). */
  otherNet: Dec;
  privatePensionContribution: Dec;
  specialAdditional: Dec;
  deductionItems: DeductionItem[];
  /** Rate of the salary's top bracket (综合所得), the marginal rate for deductions. */
  marginalRate: Dec;
  /** Tax saved by the chosen bonus method over the other (full-year basis). */
  bonusSaving: Dec;
  bonusInInvalidInterval: boolean;
  gross: Dec;
  net: Dec;
}

/** Per-member facts the income computation needs, fixed for the whole plan. */
export interface IncomeSetup {
  cityCode: CityCode | undefined;
  /** Monthly pension at the start of retirement (nominal), by member id. */
  pensionAtRetirement: Map<string, { monthly: Dec; startIndex: number; startYear: number }>;
  /** Member who takes the children's deductions in full in a period when the profile does not say. */
  childDeductionHolder: (p: Period) => string | null;
  /** Members assumed to claim elderly support. */
  elderlyClaimants: Set<string>;
  /** Months (indices) in which each member has a first-home loan, for loan-interest deduction. */
  housingLoanMonths: Map<string, (p: Period) => number>;
  hasRentSpending: (p: Period) => number;
}

function activeRange(i: Income): [number | null, number | null] {
  return [i.startMonth ? monthIndex(i.startMonth) : null, i.endMonth ? monthIndex(i.endMonth) : null];
}

/** Month indices in which the member is alive and (if a death scenario) not yet dead. */
function lifeRange(f: MemberFacts, scenario: Scenario): [number, number] {
  let last = f.lastYear * 12 + 11;
  if (scenario.death?.memberId === f.member.id) last = Math.min(last, scenario.death.year * 12 - 1);
  return [monthIndex(f.member.birthMonth), last];
}

/** Count months in the period inside every range. */
function overlap(p: Period, ...ranges: [number | null, number | null][]): number {
  let from: number | null = null;
  let to: number | null = null;
  for (const [a, b] of ranges) {
    if (a !== null) from = from === null ? a : Math.max(from, a);
    if (b !== null) to = to === null ? b : Math.min(to, b);
  }
  return monthsIn(p, from, to);
}

/** The factor applied to labour income in the period's months by scenario income cuts (average). */
function labourFactor(
  p: Period,
  memberId: string,
  scenario: Scenario,
  activeMonths: [number | null, number | null],
): Dec {
  if (scenario.incomeCuts.length === 0) return ONE;
  const active = overlap(p, activeMonths);
  if (active === 0) return ONE;
  let lost = ZERO;
  for (const cut of scenario.incomeCuts) {
    if (cut.memberId !== memberId) continue;
    const m = overlap(p, activeMonths, [cut.fromIndex, cut.fromIndex + cut.months - 1]);
    lost = lost.plus(ONE.minus(cut.factor).times(m));
  }
  return lost.isZero() ? ONE : ONE.minus(lost.div(active));
}

export function memberIncomeForPeriod(
  f: MemberFacts,
  p: Period,
  profile: Profile,
  h: HouseholdFacts,
  a: Assumptions,
  rates: ScenarioRates,
  scenario: Scenario,
  setup: IncomeSetup,
): MemberIncome {
  const m = f.member;
  const incomes = profile.incomes.filter((i) => i.memberId === m.id);
  const life = lifeRange(f, scenario);
  const workEnd = f.retirementIndex !== null ? f.retirementIndex - 1 : null;
  const incomeGrowth = (i: Income) => (i.growth !== undefined ? dec(i.growth) : rates.incomeGrowth);
  const growth = (rate: Dec) => compound(rate, p.t);

  // --- labour income ---------------------------------------------------------------------------
  let salary = ZERO;
  let salaryMonths = 0;
  let bonus = ZERO;
  let salaryMonthlyNow = ZERO;
  for (const i of incomes.filter((x) => x.type === 'salary' || x.type === 'bonus')) {
    const range = activeRange(i);
    const months = overlap(p, range, life, [null, workEnd]);
    if (months === 0) continue;
    const cut = labourFactor(p, m.id, scenario, [
      range[0] ?? life[0],
      Math.min(range[1] ?? life[1], workEnd ?? life[1], life[1]),
    ]);
    const perMonth = monthlyAmount(i).times(growth(incomeGrowth(i)));
    const amount = isOne(cut) ? perMonth.times(months) : perMonth.times(months).times(cut);
    if (i.type === 'salary') {
      salary = salary.plus(amount);
      salaryMonths = Math.max(salaryMonths, months);
      salaryMonthlyNow = salaryMonthlyNow.plus(perMonth);
    } else bonus = bonus.plus(amount);
  }

  // --- 五险一金 ----------------------------------------------------------------------------------
  let socialInsurance = ZERO;
  let housingFund = ZERO;
  const insured = m.pensionScheme === 'urban_employee' || m.pensionScheme === 'public_institution';
  // 五险一金 are withheld from wages: with no salary there is nothing to withhold them from (a
  // stated base alone does not make an employer pay; 灵活就业 contributions are spending).
  if (salaryMonths > 0 && insured && isPositive(salaryMonthlyNow)) {
    const c = contributionsPerMonth(m, p, salaryMonthlyNow, rates.incomeGrowth, a, setup.cityCode);
    socialInsurance = c.socialInsurance.times(salaryMonths);
    housingFund = c.housingFund.times(salaryMonths);
  }

  // --- 个税 on salary and bonus -------------------------------------------------------------------
  const privatePensionAnnual = m.deductions?.privatePensionAnnual
    ? dec(m.deductions.privatePensionAnnual)
    : ZERO;
  const privatePension = salaryMonths > 0 ? roundFen(privatePensionAnnual.times(salaryMonths).div(12)) : ZERO;
  let salaryTax = ZERO;
  let bonusTax = ZERO;
  let bonusMethod: MemberIncome['bonusMethod'] = 'none';
  let specialAdditional = ZERO;
  let deductionItems: DeductionItem[] = [];
  let marginalRate = ZERO;
  let bonusSaving = ZERO;
  let bonusInInvalidInterval = false;
  if (isPositive(salary) || isPositive(bonus)) {
    // Full-year basis for a partial first year (its earlier months are outside the plan).
    const toYear = p.annualise && p.months < 12 ? dec(12).div(p.months) : ONE;
    const sa = specialAdditionalFor(f, p, h, setup, profile, toYear);
    const iit = annualIit(
      {
        income: scale(salary, toYear),
        specialDeduction: scale(add(socialInsurance, housingFund), toYear),
        specialAdditional: sa,
        otherDeductions: { privatePension: scale(privatePension, toYear) },
      },
      p.rules.iit,
    );
    specialAdditional = iit.specialAdditional.total;
    deductionItems = iit.specialAdditional.items;
    marginalRate = isPositive(iit.taxableIncome) ? dec(iit.bracket.rate) : ZERO;
    let annualSalaryTax = iit.tax;
    let annualBonusTax = ZERO;
    if (isPositive(bonus)) {
      const otherTaxable = subtract(
        scale(salary, toYear),
        sum([
          iit.basicDeduction,
          iit.specialDeduction,
          iit.specialAdditional.total,
          iit.otherDeductions.total,
        ]),
      );
      const cmp = compareBonusTaxation(
        scale(bonus, toYear),
        otherTaxable,
        p.rules.iit.annualTable.value,
        p.rules.bonus?.value,
      );
      bonusSaving = cmp.saving;
      bonusInInvalidInterval = cmp.invalidInterval !== undefined;
      if (cmp.separate && cmp.cheaper !== 'merged') {
        bonusMethod = 'separate';
        annualSalaryTax = cmp.separate.otherTax;
        annualBonusTax = cmp.separate.bonusTax;
      } else {
        bonusMethod = 'merged';
        annualSalaryTax = iit.tax;
        annualBonusTax = cmp.merged.totalTax.minus(iit.tax);
        // The bonus merged into 综合所得: the next 元 of deduction is taxed at the bracket of the
        // year's whole taxable income, salary and bonus together (issue 13, item 6).
        marginalRate = isPositive(otherTaxable.plus(scale(bonus, toYear)))
          ? dec(cmp.merged.bracket.rate)
          : ZERO;
      }
    }
    salaryTax = roundFen(isOne(toYear) ? annualSalaryTax : annualSalaryTax.div(toYear));
    bonusTax = roundFen(isOne(toYear) ? annualBonusTax : annualBonusTax.div(toYear));
  }

  // --- pensions and other incomes --------------------------------------------------------------
  let pension = ZERO;
  const estimate = setup.pensionAtRetirement.get(m.id);
  if (estimate) {
    const months = overlap(p, [estimate.startIndex, null], life);
    const yearsIndexed = Math.max(0, p.year - estimate.startYear);
    if (months > 0) pension = estimate.monthly.times(compound(a.pensionGrowth, yearsIndexed)).times(months);
  }
  let otherNet = ZERO;
  for (const i of incomes.filter((x) => x.type !== 'salary' && x.type !== 'bonus')) {
    const range = activeRange(i);
    const months = overlap(p, range, life);
    if (months === 0) continue;
    if (i.type === 'pension') {
      const g = i.growth !== undefined ? dec(i.growth) : a.pensionGrowth;
      pension = pension.plus(monthlyAmount(i).times(growth(g)).times(months));
      continue;
    }
    const g = i.growth !== undefined ? dec(i.growth) : rates.priceGrowth(a.inflation);
    let amount = monthlyAmount(i).times(growth(g)).times(months);
    if (i.type === 'business')
      amount = amount.times(labourFactor(p, m.id, scenario, [range[0] ?? life[0], range[1] ?? life[1]]));
    otherNet = otherNet.plus(amount);
  }

  const r = (x: Dec) => roundFen(x);
  const gross = sum([r(salary), r(bonus), r(pension), r(otherNet)]);
  const net = subtract(gross, sum([r(socialInsurance), r(housingFund), salaryTax, bonusTax]));
  return {
    memberId: m.id,
    salary: r(salary),
    bonus: r(bonus),
    socialInsurance: r(socialInsurance),
    housingFund: r(housingFund),
    housingFundEmployer: r(housingFund),
    salaryTax,
    bonusTax,
    bonusMethod,
    pension: r(pension),
    otherNet: r(otherNet),
    privatePensionContribution: privatePension,
    specialAdditional: roundFen(specialAdditional),
    deductionItems,
    marginalRate,
    bonusSaving: roundFen(bonusSaving),
    bonusInInvalidInterval,
    gross,
    net,
  };
}

/** Monthly employee 五险一金 for the member in the period. */
export function contributionsPerMonth(
  m: Member,
  p: Period,
  salaryMonthly: Dec,
  incomeGrowth: Dec,
  a: Assumptions,
  cityCode: CityCode | undefined,
): { socialInsurance: Dec; housingFund: Dec; base: Dec; clamped: 'floor' | 'cap' | 'none' } {
  const si = m.socialInsurance;
  const base = si?.base !== undefined ? dec(si.base).times(compound(incomeGrowth, p.t)) : salaryMonthly;
  let floor: Dec | undefined;
  let cap: Dec | undefined;
  const listed = cityCode ? p.rules.socialInsurance.bases[cityCode] : undefined;
  if (listed) {
    // Past the last published period, keep the bounds moving with the average wage.
    const years = listed.carriedForward
      ? Math.max(0, Math.floor((p.startIndex - monthIndex(listed.effectiveFrom.slice(0, 7))) / 12))
      : 0;
    const index = compound(a.averageWageGrowth, years);
    floor = dec(listed.value.floor).times(index);
    cap = dec(listed.value.cap).times(index);
  }
  const rates = p.rules.socialInsurance.employeeRates.value;
  const hfRate = si?.housingFundRate !== undefined ? dec(si.housingFundRate) : dec(a.housingFundRateDefault);
  const employs =
    m.employment === undefined || m.employment === 'employee' || m.employment === 'civil_servant';
  const r = employeeContributions({
    base,
    ...(floor ? { floor } : {}),
    ...(cap ? { cap } : {}),
    rates: {
      pension: si?.pensionRate !== undefined ? dec(si.pensionRate) : dec(rates.pension),
      medical: si?.medicalRate !== undefined ? dec(si.medicalRate) : dec(rates.medical),
      unemployment: si?.unemploymentRate !== undefined ? dec(si.unemploymentRate) : dec(rates.unemployment),
    },
    ...(cityCode === 'beijing'
      ? { medicalSupplement: dec(p.rules.socialInsurance.beijingMedicalSupplement.value) }
      : {}),
    ...(si?.housingFundBase !== undefined
      ? { housingFundBase: dec(si.housingFundBase).times(compound(incomeGrowth, p.t)) }
      : {}),
    ...(cap ? { housingFundCap: cap } : {}),
    housingFundRate: employs || si?.housingFundRate !== undefined ? hfRate : ZERO,
  });
  return {
    socialInsurance: r.socialInsuranceTotal,
    housingFund: r.housingFund,
    base: r.base,
    clamped: r.clamped,
  };
}

/** 专项附加扣除 inputs for a member in a period (months scaled to a full year when annualising). */
function specialAdditionalFor(
  f: MemberFacts,
  p: Period,
  h: HouseholdFacts,
  setup: IncomeSetup,
  profile: Profile,
  toYear: Dec,
): SpecialAdditionalInput {
  const d = f.member.deductions;
  const out: SpecialAdditionalInput = {};
  // Month counts on a full-year basis; children's counts are child-months (two children = 24).
  const childMonthsScaled = (n: number) => Math.round(toYear.times(n).toNumber());
  const months = (n: number) => Math.min(12, childMonthsScaled(n));
  const share =
    d?.childrenEducationShare !== undefined
      ? dec(d.childrenEducationShare)
      : setup.childDeductionHolder(p) === f.member.id
        ? ONE
        : ZERO;
  if (isPositive(share)) {
    let infantMonths = 0;
    let childMonths = 0;
    for (const c of h.children) {
      const birth = monthIndex(c.member.birthMonth);
      infantMonths += monthsIn(p, birth, birth + 35);
      // 子女教育 from age 3 to the end of full-time education (taken as age 22, 本科毕业).
      childMonths += monthsIn(p, birth + 36, birth + 22 * 12 - 1);
    }
    if (infantMonths > 0) out.infants = { count: 1, months: childMonthsScaled(infantMonths), share };
    if (childMonths > 0) out.children = { count: 1, months: childMonthsScaled(childMonths), share };
  }
  if (d?.elderlySupportMonthly !== undefined) {
    const v = dec(d.elderlySupportMonthly);
    if (isPositive(v)) out.elderly = { onlyChild: false, monthlyShare: v, months: months(p.months) };
  } else if (setup.elderlyClaimants.has(f.member.id)) {
    out.elderly = { onlyChild: false, months: months(p.months) };
  }
  const loanMonths = setup.housingLoanMonths.get(f.member.id)?.(p) ?? 0;
  if (loanMonths > 0 && d?.housingLoanInterest !== false)
    out.housingLoanInterest = { months: months(loanMonths) };
  else {
    const rentMonths = setup.hasRentSpending(p);
    const wantsRent = d?.housingRent ?? (rentMonths > 0 && f.member.role === 'self');
    if (wantsRent && rentMonths > 0)
      out.housingRent = { cityClass: housingRentClassOf(profile.household.city), months: months(rentMonths) };
  }
  if (d?.continuingEducation) out.continuingEducation = { degreeMonths: months(p.months) };
  return out;
}

export function sumIncomes(incomes: MemberIncome[]) {
  const s = (k: keyof MemberIncome) => sum(incomes.map((i) => i[k] as Dec));
  return {
    salary: s('salary'),
    bonus: s('bonus'),
    pension: s('pension'),
    otherNet: s('otherNet'),
    gross: s('gross'),
    socialInsurance: s('socialInsurance'),
    housingFund: s('housingFund'),
    housingFundEmployer: s('housingFundEmployer'),
    tax: s('salaryTax').plus(s('bonusTax')),
    privatePension: s('privatePensionContribution'),
    net: s('net'),
  };
}

/**
 * A household's summed incomes with tax-free state benefits (育儿补贴) added: they are income
 * before and after tax alike, and count among the other (non-labour) incomes.
 */
export function withBenefits(
  inc: ReturnType<typeof sumIncomes>,
  benefits: Dec,
): ReturnType<typeof sumIncomes> {
  if (benefits.isZero()) return inc;
  return {
    ...inc,
    otherNet: inc.otherNet.plus(benefits),
    gross: inc.gross.plus(benefits),
    net: inc.net.plus(benefits),
  };
}

export { cityCodeOf };
