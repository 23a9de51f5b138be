/**
 * Checks that relate two or more fields. They run on the raw input, independently of the type
 * pass, so a profile with a wrong type in one place still gets its cross-field problems reported
 * (zod skips refinements once any field fails). Each check looks only at the pieces that parsed.
 */
import type { z } from 'zod';
import { issueAt, type InputIssue } from './issues.js';
import { ageInYears, monthIndex, YEAR_MONTH_PATTERN } from './month.js';
import { goalSchema, incomeSchema, liabilitySchema, memberSchema } from './profile.js';

/**
 * The youngest a planned adult can be, in whole years at the valuation month. The household's
 * self must be an adult (《民法典》第十七条：十八周岁以上的自然人为成年人, in force since
 * 2021-01-01); a spouse must have reached the legal age of marriage (《民法典》第一千零四十七条：
 * 男不得早于二十二周岁，女不得早于二十周岁). A "spouse" born nine months ago is a typo for a child
 * or a birth year, and planning it would run the couple's horizon 95 years past the self's life.
 */
export const ADULT_AGES = {
  effectiveFrom: '2021-01-01',
  source: '《中华人民共和国民法典》第十七条、第一千零四十七条',
  self: 18,
  spouse: { male: 22, female: 20 },
} as const;

export interface CrossCheckContext {
  /** Planning life expectancy when neither the member nor the assumptions give one. */
  defaultLifeExpectancy: { male: number; female: number };
}

/**
 * The fields a cross check needs, and nothing else: an unrelated bad field (reported by the type
 * pass) must not hide a cross-field problem in the same record.
 */
const memberFacts = memberSchema
  .pick({ id: true, role: true, birthMonth: true, gender: true, lifeExpectancy: true })
  .loose();
const incomeFacts = incomeSchema.pick({ startMonth: true, endMonth: true }).loose();
const goalFacts = goalSchema
  .pick({ type: true, year: true, age: true, memberId: true, amount: true, education: true })
  .loose();
const loanFacts = liabilitySchema.pick({ monthsLeft: true, borrowerId: true }).loose();

type Parsed<T extends z.ZodType> = { index: number; value: z.output<T> };

function list(raw: unknown, key: string): unknown[] {
  if (raw && typeof raw === 'object' && Array.isArray((raw as Record<string, unknown>)[key]))
    return (raw as Record<string, unknown[]>)[key] ?? [];
  return [];
}

function parsedItems<T extends z.ZodType>(items: unknown[], schema: T): Parsed<T>[] {
  const out: Parsed<T>[] = [];
  items.forEach((item, index) => {
    const r = schema.safeParse(item);
    if (r.success) out.push({ index, value: r.data });
  });
  return out;
}

/** A string field of a raw object, if it is a string. */
function rawString(item: unknown, key: string): string | undefined {
  if (item && typeof item === 'object') {
    const v = (item as Record<string, unknown>)[key];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

function rawNumber(item: unknown, key: string): number | undefined {
  if (item && typeof item === 'object') {
    const v = (item as Record<string, unknown>)[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

export function crossCheckProfile(raw: unknown, ctx: CrossCheckContext): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!raw || typeof raw !== 'object') return issues;
  const root = raw as Record<string, unknown>;

  const householdRaw = root.household;
  const valuation = rawString(householdRaw, 'valuationMonth');
  const valuationMonth = valuation && YEAR_MONTH_PATTERN.test(valuation) ? valuation : undefined;
  const valuationYear = valuationMonth ? Number(valuationMonth.slice(0, 4)) : undefined;

  const rawMembers = list(raw, 'members');
  const members = parsedItems(rawMembers, memberFacts);
  const memberById = new Map(members.map((m) => [m.value.id, m.value]));
  const assumptionsRaw = root.assumptions;
  const lifeExpectancyOf = (m: z.output<typeof memberFacts>): number =>
    m.lifeExpectancy ??
    rawNumber(assumptionsRaw, m.gender === 'male' ? 'lifeExpectancyMale' : 'lifeExpectancyFemale') ??
    ctx.defaultLifeExpectancy[m.gender];

  // --- members -------------------------------------------------------------------------------
  if (rawMembers.length > 0) {
    const selfCount = rawMembers.filter((m) => rawString(m, 'role') === 'self').length;
    if (selfCount !== 1)
      issues.push(
        issueAt(
          ['members'],
          'missing_self',
          selfCount === 0 ? '中应有一位角色为 self（本人）的成员' : '中只能有一位本人（self）',
        ),
      );
    const spouses = rawMembers.filter((m) => rawString(m, 'role') === 'spouse').length;
    if (spouses > 1) issues.push(issueAt(['members'], 'too_many_spouses', '中最多只能有一位配偶（spouse）'));
  }
  duplicateIds(rawMembers, 'members', issues);
  duplicateIds(list(raw, 'assets'), 'assets', issues);
  duplicateIds(list(raw, 'liabilities'), 'liabilities', issues);
  duplicateIds(list(raw, 'goals'), 'goals', issues);

  const parents = members.filter((m) => m.value.role === 'self' || m.value.role === 'spouse');
  for (const m of members) {
    const path = ['members', m.index, 'birthMonth'];
    if (valuationMonth && monthIndex(m.value.birthMonth) > monthIndex(valuationMonth)) {
      issues.push(issueAt(path, 'birth_after_valuation', '晚于估值年月；尚未出生的子女请作为目标录入'));
      continue;
    }
    if (m.value.role === 'child') {
      const older = parents.find((p) => monthIndex(p.value.birthMonth) >= monthIndex(m.value.birthMonth));
      if (older)
        issues.push(
          issueAt(
            path,
            'child_older_than_parent',
            `早于其父母（家庭成员第 ${older.index + 1} 位）的出生年月：子女不能比父母年长`,
          ),
        );
    }
    if (m.value.role === 'parent') {
      const self = parents.find((p) => p.value.role === 'self');
      if (self && monthIndex(m.value.birthMonth) >= monthIndex(self.value.birthMonth))
        issues.push(issueAt(path, 'child_older_than_parent', '不早于本人的出生年月：父母应比本人年长'));
    }
    if (valuationMonth && (m.value.role === 'self' || m.value.role === 'spouse')) {
      const age = ageInYears(m.value.birthMonth, valuationMonth);
      const min = m.value.role === 'self' ? ADULT_AGES.self : ADULT_AGES.spouse[m.value.gender];
      if (age < min) {
        issues.push(
          issueAt(
            path,
            'member_not_adult',
            m.value.role === 'self'
              ? `表示本人在估值月仅 ${age} 岁：本人应年满 ${min} 周岁；未成年子女请以 child 角色录入`
              : `表示配偶在估值月仅 ${age} 岁：配偶应达到法定婚龄（${min} 周岁）；请核对出生年月，子女请以 child 角色录入`,
          ),
        );
        continue;
      }
    }
    if (valuationMonth && m.value.role !== 'child') {
      const age = ageInYears(m.value.birthMonth, valuationMonth);
      if (age >= lifeExpectancyOf(m.value))
        issues.push(
          issueAt(
            ['members', m.index, 'lifeExpectancy'],
            'life_expectancy_passed',
            '应大于该成员在估值月的年龄，请调高规划寿命',
          ),
        );
    }
  }

  // --- references between records ------------------------------------------------------------
  const assetIds = new Set(
    list(raw, 'assets')
      .map((a) => rawString(a, 'id'))
      .filter(Boolean),
  );
  const checkRef = (key: string, field: string, known: Set<unknown>, what: string) => {
    list(raw, key).forEach((item, index) => {
      const ref = rawString(item, field);
      if (ref !== undefined && !known.has(ref))
        issues.push(issueAt([key, index, field], 'unknown_reference', `没有对应的${what}，请检查编号`));
    });
  };
  const memberIds = new Set(rawMembers.map((m) => rawString(m, 'id')).filter(Boolean));
  if (rawMembers.length > 0) {
    checkRef('incomes', 'memberId', memberIds, '家庭成员');
    checkRef('insurance', 'insuredId', memberIds, '家庭成员');
    checkRef('goals', 'memberId', memberIds, '家庭成员');
    checkRef('assets', 'ownerId', memberIds, '家庭成员');
    checkRef('liabilities', 'borrowerId', memberIds, '家庭成员');
  }
  checkRef('goals', 'fundingAssetId', assetIds, '资产');

  // --- incomes ---------------------------------------------------------------------------------
  for (const inc of parsedItems(list(raw, 'incomes'), incomeFacts)) {
    const { startMonth, endMonth } = inc.value;
    if (startMonth && endMonth && monthIndex(endMonth) < monthIndex(startMonth))
      issues.push(issueAt(['incomes', inc.index, 'endMonth'], 'end_before_start', '早于开始年月'));
  }

  // --- goals -----------------------------------------------------------------------------------
  for (const g of parsedItems(list(raw, 'goals'), goalFacts)) {
    const goal = g.value;
    const base = ['goals', g.index];
    if (goal.year !== undefined && goal.age !== undefined)
      issues.push(issueAt(base, 'goal_timing_conflict', '的年份（year）与年龄（age）只能填一个'));
    if (goal.year === undefined && goal.age === undefined && goal.type !== 'retirement')
      issues.push(
        issueAt(base, 'goal_timing_missing', '应填写开始年份（year）或相关成员开始时的年龄（age）'),
      );
    if (goal.age !== undefined && goal.memberId === undefined)
      issues.push(issueAt([...base, 'memberId'], 'required', '在按年龄（age）设定目标时为必填项'));
    if (goal.amount === undefined && goal.type !== 'education' && goal.type !== 'retirement')
      issues.push(
        issueAt([...base, 'amount'], 'goal_amount_missing', '为必填项（教育与退休目标可按预设估算）'),
      );
    if (goal.type === 'education' && goal.amount === undefined && goal.education === undefined)
      issues.push(
        issueAt(
          [...base, 'education'],
          'goal_amount_missing',
          '在未填写金额时为必填项（用于按预设估算教育费用）',
        ),
      );
    if (valuationYear !== undefined) {
      let startYear = goal.year;
      if (startYear === undefined && goal.age !== undefined && goal.memberId) {
        const member = memberById.get(goal.memberId);
        if (member) startYear = Number(member.birthMonth.slice(0, 4)) + goal.age;
      }
      if (startYear !== undefined && startYear < valuationYear)
        issues.push(
          issueAt(
            [...base, goal.year !== undefined ? 'year' : 'age'],
            'goal_in_past',
            goal.year !== undefined
              ? '早于估值年份：目标应在今年或以后'
              : '对应的年份（出生年份 + 年龄）早于估值年份：目标应在今年或以后',
          ),
        );
    }
  }

  // --- loans -----------------------------------------------------------------------------------
  if (valuationMonth) {
    const self = members.find((m) => m.value.role === 'self')?.value;
    for (const l of parsedItems(list(raw, 'liabilities'), loanFacts)) {
      const borrower = l.value.borrowerId ? memberById.get(l.value.borrowerId) : self;
      if (!borrower) continue;
      const endIndex = monthIndex(valuationMonth) + l.value.monthsLeft;
      const ageAtEnd = (endIndex - monthIndex(borrower.birthMonth)) / 12;
      if (ageAtEnd > lifeExpectancyOf(borrower))
        issues.push(
          issueAt(
            ['liabilities', l.index, 'monthsLeft'],
            'loan_outlives_borrower',
            '超出借款人的规划寿命：还清时借款人已超过规划寿命',
          ),
        );
    }
  }

  // --- risk --------------------------------------------------------------------------------------
  const risk = root.risk;
  if (risk && typeof risk === 'object' && !Array.isArray(risk)) {
    const r = risk as Record<string, unknown>;
    if (r.level === undefined && r.questionnaire === undefined)
      issues.push(
        issueAt(['risk'], 'risk_missing', '应填写风险等级（level）或风险测评问卷得分（questionnaire）'),
      );
  }

  return issues;
}

function duplicateIds(items: unknown[], key: string, issues: InputIssue[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const id = rawString(item, 'id');
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined)
      issues.push(issueAt([key, index, 'id'], 'duplicate_id', `与第 ${first + 1} 项重复，编号应唯一`));
    else seen.set(id, index);
  });
}
