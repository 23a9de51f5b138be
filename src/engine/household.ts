/**
 * Facts about the household derived once from the profile: each member's age, planning life span
 * and statutory retirement month (2025 reform), the client's risk level, life-cycle stage and
 * how the report addresses them.
 */
import type { RetirementCategory, RiskLevel } from '../domain/codes.js';
import { addMonths, ageInYears, monthIndex, yearOf } from '../domain/month.js';
import type { Member, Profile } from '../domain/profile.js';
import type { Assumptions } from './assumptions.js';
import { statutoryRetirement } from './calculators/retirement-age.js';
import type { Finding, LifeStage, MemberRetirement, PlanMember } from './plan-types.js';
import { LIFE_STAGES, riskLevelFromAnswers } from './rules/assumptions.js';
import { rulesAt } from './rules/ruleset.js';

export interface MemberFacts {
  member: Member;
  isAdult: boolean;
  /** Earns a salary and retires (has a retirement category and is not retired yet). */
  retirement: MemberRetirement | null;
  /** Month index of the first month without salary (planned retirement), or null. */
  retirementIndex: number | null;
  lifeExpectancy: number;
  /** Last calendar year alive in the plan. */
  lastYear: number;
  birthYear: number;
}

export interface HouseholdFacts {
  valuationMonth: string;
  valuationIndex: number;
  firstYear: number;
  lastYear: number;
  members: MemberFacts[];
  byId: Map<string, MemberFacts>;
  self: MemberFacts;
  spouse: MemberFacts | undefined;
  children: MemberFacts[];
  riskLevel: RiskLevel;
  riskLevelSource: 'stated' | 'questionnaire';
  questionnaireScore: number | null;
  lifeStage: LifeStage;
  clientTitle: string;
}

function isRetired(m: Member): boolean {
  return m.retired === true || m.employment === 'retired';
}

/** Members who build a statutory retirement: adults with a pension scheme or a job. */
function retires(m: Member): boolean {
  if (m.role === 'child') return false;
  if (m.pensionScheme && m.pensionScheme !== 'none') return true;
  return m.employment !== undefined && !['student', 'not_working', 'retired'].includes(m.employment);
}

export function deriveHousehold(
  profile: Profile,
  assumptions: Assumptions,
  findings: Finding[],
  retirementShiftMonths = 0,
): HouseholdFacts {
  const valuationMonth = profile.household.valuationMonth;
  const valuationIndex = monthIndex(valuationMonth);
  const reform = rulesAt(valuationMonth).retirementAge.reform?.value;

  const members: MemberFacts[] = profile.members.map((m) => {
    const lifeExpectancy = m.lifeExpectancy ?? assumptions.lifeExpectancy[m.gender];
    const birthYear = yearOf(m.birthMonth);
    let retirement: MemberRetirement | null = null;
    let retirementIndex: number | null = null;
    if (retires(m)) {
      const category: RetirementCategory =
        m.retirementCategory ?? (m.gender === 'male' ? 'male60' : 'female55');
      const categorySource = m.retirementCategory ? 'stated' : 'defaulted';
      if (!m.retirementCategory)
        findings.push({
          code: 'RETIREMENT_CATEGORY_DEFAULTED',
          severity: 'info',
          data: { memberId: m.id, category },
        });
      const s = statutoryRetirement(m.birthMonth, category, reform);
      const alreadyRetired = isRetired(m) || monthIndex(s.statutoryMonth) <= valuationIndex;
      const planned = alreadyRetired
        ? valuationMonth
        : addMonths(s.statutoryMonth, (m.retirementDelayMonths ?? 0) + retirementShiftMonths);
      retirement = {
        category,
        categorySource,
        statutoryMonth: s.statutoryMonth,
        statutoryAgeYears: s.age.years,
        statutoryAgeMonths: s.age.months,
        plannedMonth: planned,
        alreadyRetired,
      };
      retirementIndex = alreadyRetired ? valuationIndex : Math.max(valuationIndex, monthIndex(planned));
    }
    return {
      member: m,
      isAdult: m.role !== 'child',
      retirement,
      retirementIndex,
      lifeExpectancy,
      lastYear: birthYear + lifeExpectancy,
      birthYear,
    };
  });

  const byId = new Map(members.map((f) => [f.member.id, f]));
  const self = members.find((f) => f.member.role === 'self');
  if (!self) throw new Error('validated profile has no self member');
  const spouse = members.find((f) => f.member.role === 'spouse');
  const children = members.filter((f) => f.member.role === 'child');
  const firstYear = yearOf(valuationMonth);
  // The plan runs to the life expectancy of the last adult of the couple (parents are supported,
  // not planned for).
  const lastYear = Math.max(...[self, spouse].filter((f): f is MemberFacts => !!f).map((f) => f.lastYear));

  let riskLevel: RiskLevel;
  let riskLevelSource: 'stated' | 'questionnaire' = 'stated';
  let questionnaireScore: number | null = null;
  if (profile.risk.level) riskLevel = profile.risk.level;
  else {
    const answers = profile.risk.questionnaire ?? [];
    riskLevel = riskLevelFromAnswers(answers) ?? 'C1';
    riskLevelSource = 'questionnaire';
    questionnaireScore = answers.reduce((s, a) => s + a, 0);
  }

  const selfAge = ageInYears(self.member.birthMonth, valuationMonth);
  const lifeStage = lifeStageOf(self, spouse, children, valuationMonth, selfAge);

  const report = profile.report;
  const clientTitle =
    report?.clientTitle ??
    `${profile.household.familyName}${self.member.gender === 'male' ? '先生' : '女士'}`;

  return {
    valuationMonth,
    valuationIndex,
    firstYear,
    lastYear,
    members,
    byId,
    self,
    spouse,
    children,
    riskLevel,
    riskLevelSource,
    questionnaireScore,
    lifeStage,
    clientTitle,
  };
}

/**
 * 家庭生命周期, the textbook stages (LIFE_STAGES): 单身期 no spouse and no children; 家庭形成期 a
 * couple before their first child; 家庭成长期 from the first child's birth while any child is below
 * the age of independence (finished education); 家庭成熟期 children independent, before retirement;
 * 家庭衰老期 once every adult of the couple has retired.
 */
function lifeStageOf(
  self: MemberFacts,
  spouse: MemberFacts | undefined,
  children: MemberFacts[],
  valuationMonth: string,
  selfAge: number,
): LifeStage {
  const retired = (f: MemberFacts, age: number) =>
    f.retirement?.alreadyRetired === true ||
    (f.retirement === null && age >= LIFE_STAGES.value.retiredWithoutSchemeAge);
  const spouseRetired = !spouse || retired(spouse, ageInYears(spouse.member.birthMonth, valuationMonth));
  if (retired(self, selfAge) && spouseRetired) return 'retirement';
  if (children.length === 0) return spouse ? 'formation' : 'single';
  const youngest = Math.min(...children.map((c) => ageInYears(c.member.birthMonth, valuationMonth)));
  return youngest < LIFE_STAGES.value.childIndependentAge ? 'growth' : 'maturity';
}

export function toPlanMember(f: MemberFacts, valuationMonth: string): PlanMember {
  const m = f.member;
  return {
    id: m.id,
    role: m.role,
    name: m.name,
    gender: m.gender,
    birthMonth: m.birthMonth,
    ageAtValuation: ageInYears(m.birthMonth, valuationMonth),
    occupation: m.occupation ?? null,
    employment: m.employment ?? null,
    pensionScheme: m.pensionScheme ?? null,
    healthNotes: m.healthNotes ?? null,
    lifeExpectancy: f.lifeExpectancy,
    lastYear: f.lastYear,
    retirement: f.retirement,
  };
}

/** Whether the member is alive in a month (index). */
export function aliveAt(f: MemberFacts, index: number): boolean {
  return index <= f.lastYear * 12 + 11 && index >= monthIndex(f.member.birthMonth);
}
