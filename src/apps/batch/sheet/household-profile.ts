/**
 * One household's rows → a profile (unknown: the profile schema judges it), and for every profile
 * path the cell it came from, so that each issue of the schema can be shown at its row and column.
 *
 * Amounts go in as decimal text in 元; a field whose cell could not be read is left out, and the
 * cell's own issue stands for it.
 */
import { pathToString, type PathSegment } from '../../../domain/issues.js';
import type { BatchConfig } from './config.js';
import { yearMonthText, type DayOrMonth, type IdNumberFacts } from './cells.js';
import {
  ADULTS,
  ASSET_COLUMNS,
  CHILD_COLUMNS,
  GOAL_COLUMNS,
  GOAL_TYPE_WORDS,
  INSURANCE_WORDS,
  LOAN_COLUMNS,
  MEMBER_WORDS,
  type Adult,
} from './layout.js';
import { readEnum, readText } from './cells.js';
import type { Origin, RowReader } from './row-reader.js';
import type { SheetRow } from './table.js';

type Json = Record<string, unknown>;

export interface BuiltProfile {
  profile: Json;
  origins: Map<string, Origin>;
}

// Two-character surnames common enough to meet in a branch's client list.
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 端木 令狐 轩辕 独孤 南宫 西门 澹台 申屠 太史 百里 呼延 万俟 钟离 闻人 赫连 拓跋'.split(
    ' ',
  ),
);

/** The surname the report calls the family by: "王先生家庭". */
export function surnameOf(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (/^[A-Za-z]/.test(name.trim())) return name.trim().split(/\s+/).at(-1) ?? '';
  const two = chars.slice(0, 2).join('');
  return chars.length >= 3 && COMPOUND_SURNAMES.has(two) ? two : chars[0]!;
}

interface MemberRef {
  id: string;
  name?: string;
  role: string;
  /** "子女2" for the second child. */
  alias?: string;
}

export function buildHouseholdProfile(
  reader: RowReader,
  main: SheetRow,
  extras: { row: SheetRow; kind: 'member' | 'goal' | 'policy' }[],
  config: BatchConfig,
  reportNumber: string | undefined,
): BuiltProfile {
  const origins = new Map<string, Origin>();
  const at = (path: PathSegment[], row: SheetRow, column: string) =>
    origins.set(pathToString(path), reader.origin(row, column));

  const members: Json[] = [];
  const incomes: Json[] = [];
  const spending: Json[] = [];
  const assets: Json[] = [];
  const liabilities: Json[] = [];
  const insurance: Json[] = [];
  const goals: Json[] = [];
  const refs: MemberRef[] = [];

  // --- household ------------------------------------------------------------------------------
  const selfName = reader.text(main, '本人姓名');
  const valuation = reader.date(main, '估值年月');
  const valuationMonth = valuation ? yearMonthText(valuation) : config.valuationMonth;
  const household: Json = {
    familyName: selfName ? surnameOf(selfName) : undefined,
    city: reader.text(main, '城市'),
    valuationMonth,
  };
  at(['household'], main, '本人姓名');
  at(['household', 'familyName'], main, '本人姓名');
  at(['household', 'city'], main, '城市');
  at(['household', 'valuationMonth'], main, '估值年月');

  // --- members of the household row -------------------------------------------------------------
  const birthAndGender = (
    row: SheetRow,
    birthCol: string,
    genderCol: string,
    id?: IdNumberFacts,
    idCol?: string,
  ) => {
    const stated = reader.date(row, birthCol);
    const gender = reader.enum(row, genderCol);
    let birth: DayOrMonth | undefined = stated;
    if (id && idCol) {
      // The ID number is the better source; a disagreeing stated value is a typo in one of them.
      if (stated && (stated.year !== id.birth.year || stated.month !== id.birth.month))
        reader.report(
          reader.origin(row, birthCol),
          'id_mismatch',
          `与「${reader.origin(row, idCol).column}」中的出生年月不一致，请核对`,
        );
      else if (gender && gender !== id.gender)
        reader.report(
          reader.origin(row, genderCol),
          'id_mismatch',
          `与「${reader.origin(row, idCol).column}」中的性别不一致，请核对`,
        );
      birth ??= id.birth;
    }
    return {
      birthMonth: birth ? yearMonthText(birth) : undefined,
      gender: gender ?? (id && idCol ? id.gender : undefined),
    };
  };

  const adultIds: Record<Adult, string> = { 本人: 'self', 配偶: 'spouse' };
  for (const p of ADULTS) {
    const cols = [
      '姓名',
      '性别',
      '出生年月',
      '证件号码',
      '职业',
      '就业类型',
      '是否退休',
      '税前月薪',
      '年终奖',
      '养老金月领',
    ].map((c) => `${p}${c}`);
    if (p === '配偶' && !cols.some((c) => reader.has(main, c))) continue;
    const id = adultIds[p];
    const index = members.length;
    const idFacts = reader.idNumber(main, `${p}证件号码`);
    const { birthMonth, gender } = birthAndGender(main, `${p}出生年月`, `${p}性别`, idFacts, `${p}证件号码`);
    const employment = reader.enum(main, `${p}就业类型`);
    const retired = reader.yesNo(main, `${p}是否退休`) ?? (employment === 'retired' ? true : undefined);
    const name = p === '本人' ? selfName : reader.text(main, `${p}姓名`);
    members.push({
      id,
      role: id,
      name,
      birthMonth,
      gender,
      occupation: reader.text(main, `${p}职业`),
      employment,
      retired,
    });
    refs.push({ id, name, role: id, alias: p });
    at(['members', index], main, `${p}姓名`);
    at(['members', index, 'name'], main, `${p}姓名`);
    at(['members', index, 'birthMonth'], main, `${p}出生年月`);
    at(['members', index, 'gender'], main, `${p}性别`);
    at(['members', index, 'occupation'], main, `${p}职业`);
    at(['members', index, 'employment'], main, `${p}就业类型`);
    at(['members', index, 'retired'], main, `${p}是否退休`);
    at(['members', index, 'lifeExpectancy'], main, `${p}出生年月`);
    const income = (column: string, type: string, unit: string) => {
      const amount = reader.money(main, column);
      if (amount === undefined) return;
      at(['incomes', incomes.length], main, column);
      at(['incomes', incomes.length, 'amount'], main, column);
      incomes.push({ memberId: id, type, amount, unit });
    };
    income(`${p}税前月薪`, 'salary', 'month');
    income(`${p}年终奖`, 'bonus', 'year');
    income(`${p}养老金月领`, 'pension', 'month');
  }

  let children = 0;
  for (let n = 1; n <= CHILD_COLUMNS; n++) {
    const cols = [`子女${n}姓名`, `子女${n}性别`, `子女${n}出生年月`];
    if (!cols.some((c) => reader.has(main, c))) continue;
    children++;
    const index = members.length;
    const id = `child${children}`;
    const name = reader.text(main, cols[0]!);
    const { birthMonth, gender } = birthAndGender(main, cols[2]!, cols[1]!);
    members.push({ id, role: 'child', name, birthMonth, gender });
    refs.push({ id, name, role: 'child', alias: `子女${children}` });
    at(['members', index], main, cols[0]!);
    at(['members', index, 'name'], main, cols[0]!);
    at(['members', index, 'gender'], main, cols[1]!);
    at(['members', index, 'birthMonth'], main, cols[2]!);
  }

  // --- members on 成员 rows -------------------------------------------------------------------
  let parents = 0;
  for (const { row } of extras.filter((e) => e.kind === 'member')) {
    const kindCell = reader.cell(row, '明细类别');
    const kindText = kindCell ? readText(kindCell) : undefined;
    const kind = kindText?.ok ? MEMBER_WORDS[kindText.value.replace(/\s/g, '')] : undefined;
    if (!kind) {
      reader.report(
        reader.origin(row, '明细类别'),
        kindCell ? 'invalid_enum' : 'required',
        kindCell
          ? '应为以下之一：子女、儿子、女儿、父母、父亲、母亲、配偶'
          : '为必填项：成员行应写明成员关系（子女、父亲、母亲…）',
      );
      continue;
    }
    const index = members.length;
    let id: string;
    if (kind.role === 'child') id = `child${++children}`;
    else if (kind.role === 'parent') id = `parent${++parents}`;
    else id = refs.some((r) => r.id === 'spouse') ? `spouse${index}` : 'spouse';
    const name = reader.text(row, '明细名称');
    const { birthMonth, gender } = birthAndGender(row, '明细出生年月', '明细性别');
    members.push({ id, role: kind.role, name, birthMonth, gender: gender ?? kind.gender });
    refs.push({ id, name, role: kind.role, alias: kind.role === 'child' ? `子女${children}` : undefined });
    at(['members', index], row, '明细类别');
    at(['members', index, 'role'], row, '明细类别');
    at(['members', index, 'name'], row, '明细名称');
    at(['members', index, 'gender'], row, '明细性别');
    at(['members', index, 'birthMonth'], row, '明细出生年月');
    at(['members', index, 'lifeExpectancy'], row, '明细出生年月');
  }
  at(['members'], main, '本人姓名');

  /** 本人 / 配偶 / 子女2 / a member's name → the member's id. */
  const memberRef = (row: SheetRow, column: string): string | undefined => {
    const text = reader.text(row, column);
    if (text === undefined) return undefined;
    const word = text.normalize('NFKC').replace(/\s/g, '');
    const hit = refs.find((r) => r.alias === word) ?? refs.find((r) => r.name === text);
    if (hit) return hit.id;
    reader.report(
      reader.origin(row, column),
      'unknown_member',
      '应为 本人、配偶、子女1、子女2…，或本家庭一位成员的姓名',
    );
    return undefined;
  };

  // --- income, spending, assets, loans ---------------------------------------------------------
  const otherIncome = reader.money(main, '其他年收入');
  if (otherIncome !== undefined) {
    at(['incomes', incomes.length, 'amount'], main, '其他年收入');
    incomes.push({ memberId: 'self', type: 'other', label: '其他收入', amount: otherIncome, unit: 'year' });
  }
  for (const [column, label, essential] of [
    ['每月必要支出', '日常必要支出', true],
    ['每月其他支出', '其他支出', false],
  ] as const) {
    const amount = reader.money(main, column);
    if (amount === undefined) continue;
    at(['spending', spending.length], main, column);
    at(['spending', spending.length, 'amount'], main, column);
    spending.push({ category: 'other', label, essential, amount, unit: 'month' });
  }
  for (const [column, type] of ASSET_COLUMNS) {
    const value = reader.money(main, column);
    if (value === undefined || value === '0') continue;
    at(['assets', assets.length], main, column);
    at(['assets', assets.length, 'value'], main, column);
    assets.push({ type, label: column, value });
  }
  for (const [p, type] of LOAN_COLUMNS) {
    const cols = { balance: `${p}余额`, annualRate: `${p}年利率`, monthsLeft: `${p}剩余月数` };
    if (!Object.values(cols).some((c) => reader.has(main, c))) continue;
    const balance = reader.money(main, cols.balance);
    if (balance === '0') continue;
    const index = liabilities.length;
    for (const [field, column] of Object.entries(cols)) at(['liabilities', index, field], main, column);
    at(['liabilities', index], main, cols.balance);
    liabilities.push({
      type,
      label: type === 'mortgage' ? '房贷' : '其他贷款',
      balance,
      annualRate: reader.percent(main, cols.annualRate),
      monthsLeft: reader.int(main, cols.monthsLeft),
      method: 'equal_payment',
      borrowerId: 'self',
    });
  }

  // --- goals ---------------------------------------------------------------------------------
  const addGoal = (
    row: SheetRow,
    c: { type: string; label: string; who: string; year: string; amount: string; priority: string },
    type: string | undefined,
  ) => {
    const index = goals.length;
    const memberId = memberRef(row, c.who);
    const year = reader.int(row, c.year);
    const amount = reader.money(row, c.amount);
    const goal: Json = {
      id: `goal${index + 1}`,
      type,
      label: reader.text(row, c.label),
      priority:
        reader.enum(row, c.priority) ??
        (type === 'education' || type === 'retirement' ? 'essential' : 'important'),
    };
    at(['goals', index], row, c.year);
    at(['goals', index, 'type'], row, c.type);
    at(['goals', index, 'label'], row, c.label);
    at(['goals', index, 'memberId'], row, c.who);
    at(['goals', index, 'year'], row, c.year);
    at(['goals', index, 'age'], row, c.year);
    at(['goals', index, 'amount'], row, c.amount);
    at(['goals', index, 'education'], row, c.amount);
    at(['goals', index, 'priority'], row, c.priority);
    if (type === 'retirement') {
      // The retirement date follows from the member's statutory age; the amount is the yearly
      // budget in retirement (today's prices).
      if (year !== undefined)
        reader.report(
          reader.origin(row, c.year),
          'not_applicable',
          '对退休养老目标不适用（按法定退休年龄计算），请留空',
        );
      Object.assign(
        goal,
        { memberId: memberId ?? 'self' },
        amount === undefined ? {} : { amount, unit: 'year' },
      );
    } else if (type === 'education') {
      const child = memberId ?? refs.find((r) => r.role === 'child')?.id;
      Object.assign(goal, { memberId: child });
      if (year !== undefined) goal.year = year;
      else if (child) goal.age = 18;
      if (amount !== undefined) Object.assign(goal, { amount, unit: 'once' });
      else
        Object.assign(goal, {
          unit: 'year',
          years: 4,
          education: { stage: 'undergraduate', location: 'domestic' },
        });
    } else {
      Object.assign(goal, { memberId, year, amount, unit: 'once' });
    }
    goals.push(goal);
  };
  for (let n = 1; n <= GOAL_COLUMNS; n++) {
    const c = {
      type: `目标${n}类型`,
      label: `目标${n}名称`,
      who: `目标${n}对象`,
      year: `目标${n}年份`,
      amount: `目标${n}金额`,
      priority: `目标${n}优先级`,
    };
    if (!Object.values(c).some((col) => reader.has(main, col))) continue;
    addGoal(main, c, reader.enum(main, c.type));
  }
  const detail = {
    type: '明细类别',
    label: '明细名称',
    who: '明细对象',
    year: '明细年份',
    amount: '明细金额',
    priority: '明细优先级',
  };
  for (const { row } of extras.filter((e) => e.kind === 'goal')) {
    addGoal(row, detail, enumOf(reader, row, '明细类别', GOAL_TYPE_WORDS, '目标'));
  }

  // --- policies --------------------------------------------------------------------------------
  for (const { row } of extras.filter((e) => e.kind === 'policy')) {
    const index = insurance.length;
    insurance.push({
      type: enumOf(reader, row, '明细类别', INSURANCE_WORDS, '保单'),
      label: reader.text(row, '明细名称'),
      insuredId: memberRef(row, '明细对象') ?? (reader.has(row, '明细对象') ? undefined : 'self'),
      sumAssured: reader.money(row, '明细金额'),
      annualPremium: reader.money(row, '明细年缴保费'),
      premiumYearsLeft: reader.int(row, '明细缴费年数'),
    });
    at(['insurance', index], row, '明细类别');
    at(['insurance', index, 'type'], row, '明细类别');
    at(['insurance', index, 'label'], row, '明细名称');
    at(['insurance', index, 'insuredId'], row, '明细对象');
    at(['insurance', index, 'sumAssured'], row, '明细金额');
    at(['insurance', index, 'annualPremium'], row, '明细年缴保费');
    at(['insurance', index, 'premiumYearsLeft'], row, '明细缴费年数');
  }

  // --- risk and report -------------------------------------------------------------------------
  const level = reader.enum(main, '风险等级');
  at(['risk'], main, '风险等级');
  at(['risk', 'level'], main, '风险等级');

  const report: Json = {};
  if (reportNumber) report.reportNumber = reportNumber;
  if (config.planner) report.planner = config.planner;
  if (config.brand) report.brand = config.brand;
  if (config.event) report.event = config.event;

  const profile: Json = {
    version: 1,
    household: dropUndefined(household),
    members: members.map(dropUndefined),
    incomes: incomes.map(dropUndefined),
    spending,
    assets,
    liabilities: liabilities.map(dropUndefined),
    insurance: insurance.map(dropUndefined),
    goals: goals.map(dropUndefined),
    risk: level ? { level } : {},
    ...(Object.keys(report).length > 0 ? { report } : {}),
  };
  return { profile, origins };
}

/** An enumerated 明细类别; blank is left to the schema ("为必填项"). */
function enumOf(
  reader: RowReader,
  row: SheetRow,
  column: string,
  words: Readonly<Record<string, string>>,
  what: string,
): string | undefined {
  const cell = reader.cell(row, column);
  if (!cell || !reader.has(row, column)) return undefined;
  const r = readEnum(cell, words);
  if (r.ok) return r.value;
  reader.report(reader.origin(row, column), r.code, `在${what}行${r.predicate}`);
  return undefined;
}

/** Absent, not undefined: the profile is plain JSON and "key: undefined" is no value. */
function dropUndefined(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
