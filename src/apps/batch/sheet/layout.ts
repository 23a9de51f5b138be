/**
 * The batch sheet's layout: every column a branch may send, by its Chinese header (docs/batch.md
 * is the same table for people). One row per household for the common case; further rows with the
 * same 家庭编号 and a 记录类型 of 成员 / 目标 / 保单 add members, goals and policies through the
 * 明细… columns.
 *
 * A money column's unit is part of its header: "活期及现金(万元)" and "活期及现金(元)" are the same
 * column in different units; a header without a unit takes the column's default.
 */
import {
  EMPLOYMENT_TYPES,
  GENDERS,
  GOAL_PRIORITIES,
  GOAL_TYPES,
  INSURANCE_TYPES,
  RISK_LEVELS,
} from '../../../domain/codes.js';

export type MoneyUnit = '元' | '万元';

export type ColumnKind =
  | 'text'
  /** 家庭编号 / 客户号: text; a number is accepted only while Excel kept every digit. */
  | 'key'
  /** 居民身份证号码: text only; a number has lost digits (Excel keeps 15 significant digits). */
  | 'idNumber'
  | 'money'
  /** A percentage: 3.1 or 3.1% (or an Excel cell formatted as a percentage) means 0.031. */
  | 'percent'
  | 'int'
  /** A month or a day: 1986-05, 1986-05-12, 1986/5/12, 1986年5月, 19860512, or an Excel date. */
  | 'date'
  | 'yesNo'
  | 'enum';

export interface ColumnSpec {
  /** The header without a unit, as written in the template. */
  name: string;
  kind: ColumnKind;
  /** Money columns: the unit when the header names none. */
  unit?: MoneyUnit;
  /** Enum columns: accepted words (labels, codes, common synonyms) → code. */
  values?: Readonly<Record<string, string>>;
  /** Enum columns: what the error message lists as accepted, when not simply the Chinese words. */
  hint?: string;
}

/** Labels and codes of a codes.ts table, plus synonyms, all mapping to the code. */
function words(table: { labels: Record<string, string> }, synonyms: Record<string, string> = {}) {
  const out: Record<string, string> = {};
  for (const [code, label] of Object.entries(table.labels)) {
    out[code.toLowerCase()] = code;
    out[label] = code;
  }
  return { ...out, ...synonyms };
}

export const GENDER_WORDS = words(GENDERS, { 男性: 'male', 女性: 'female', m: 'male', f: 'female' });
export const EMPLOYMENT_WORDS = words(EMPLOYMENT_TYPES, {
  职工: 'employee',
  上班族: 'employee',
  公务员: 'civil_servant',
  事业单位: 'civil_servant',
  个体: 'self_employed',
  个体户: 'self_employed',
  自由职业: 'self_employed',
  退休: 'retired',
  学生: 'student',
  无业: 'not_working',
  全职家庭: 'not_working',
});
export const RISK_WORDS = words(RISK_LEVELS);
export const GOAL_TYPE_WORDS = words(GOAL_TYPES, {
  教育: 'education',
  子女教育金: 'education',
  买房: 'home',
  换房: 'home',
  买车: 'car',
  换车: 'car',
  退休: 'retirement',
  养老: 'retirement',
  结婚: 'wedding',
  其他: 'custom',
});
export const PRIORITY_WORDS = words(GOAL_PRIORITIES, {
  必须: 'essential',
  必需: 'essential',
  一般: 'desirable',
});
export const INSURANCE_WORDS = words(INSURANCE_TYPES, {
  寿险: 'term_life',
  定寿: 'term_life',
  终身寿: 'whole_life',
  重疾险: 'critical_illness',
  重疾: 'critical_illness',
  医疗险: 'medical',
  百万医疗: 'medical',
  意外险: 'accident',
  年金险: 'annuity',
  养老年金: 'annuity',
});
/** Roles of a member added on a 成员 row; a word that says the gender too gives it. */
export const MEMBER_WORDS: Readonly<
  Record<string, { role: 'spouse' | 'child' | 'parent'; gender?: 'male' | 'female' }>
> = {
  配偶: { role: 'spouse' },
  子女: { role: 'child' },
  儿子: { role: 'child', gender: 'male' },
  女儿: { role: 'child', gender: 'female' },
  父母: { role: 'parent' },
  父亲: { role: 'parent', gender: 'male' },
  母亲: { role: 'parent', gender: 'female' },
  spouse: { role: 'spouse' },
  child: { role: 'child' },
  parent: { role: 'parent' },
};
export const RECORD_TYPES: Readonly<Record<string, 'household' | 'member' | 'goal' | 'policy'>> = {
  家庭: 'household',
  成员: 'member',
  目标: 'goal',
  保单: 'policy',
};
export const YES_WORDS = ['是', 'y', 'yes', 'true', '1', '已退休'];
export const NO_WORDS = ['否', 'n', 'no', 'false', '0', '在职', '未退休'];

/** How many children the household row has columns for; more come on 成员 rows. */
export const CHILD_COLUMNS = 3;
/** How many goals the household row has columns for; more come on 目标 rows. */
export const GOAL_COLUMNS = 2;
export const ADULTS = ['本人', '配偶'] as const;
export type Adult = (typeof ADULTS)[number];

/** The asset columns of the household row, with the profile's asset type each becomes. */
export const ASSET_COLUMNS = [
  ['活期及现金', 'cash'],
  ['定期存款', 'time_deposit'],
  ['理财及债券', 'bond'],
  ['股票及基金', 'equity'],
  ['自住房产', 'real_estate_own'],
  ['投资房产', 'real_estate_investment'],
  ['其他资产', 'other'],
] as const;

/** The loan columns: a 余额 / 年利率 / 剩余月数 triple per loan. */
export const LOAN_COLUMNS = [
  ['房贷', 'mortgage'],
  ['其他贷款', 'consumer_credit'],
] as const;

function adultColumns(p: Adult): ColumnSpec[] {
  return [
    { name: `${p}姓名`, kind: 'text' },
    { name: `${p}性别`, kind: 'enum', values: GENDER_WORDS },
    { name: `${p}出生年月`, kind: 'date' },
    { name: `${p}证件号码`, kind: 'idNumber' },
    { name: `${p}职业`, kind: 'text' },
    { name: `${p}就业类型`, kind: 'enum', values: EMPLOYMENT_WORDS },
    { name: `${p}是否退休`, kind: 'yesNo' },
    { name: `${p}税前月薪`, kind: 'money', unit: '元' },
    { name: `${p}年终奖`, kind: 'money', unit: '元' },
    { name: `${p}养老金月领`, kind: 'money', unit: '元' },
  ];
}

export const COLUMNS: readonly ColumnSpec[] = [
  { name: '家庭编号', kind: 'key' },
  { name: '客户号', kind: 'key' },
  { name: '记录类型', kind: 'text' },
  { name: '城市', kind: 'text' },
  { name: '估值年月', kind: 'date' },
  ...ADULTS.flatMap(adultColumns),
  ...Array.from({ length: CHILD_COLUMNS }, (_, i): ColumnSpec[] => [
    { name: `子女${i + 1}姓名`, kind: 'text' },
    { name: `子女${i + 1}性别`, kind: 'enum', values: GENDER_WORDS },
    { name: `子女${i + 1}出生年月`, kind: 'date' },
  ]).flat(),
  { name: '其他年收入', kind: 'money', unit: '元' },
  { name: '每月必要支出', kind: 'money', unit: '元' },
  { name: '每月其他支出', kind: 'money', unit: '元' },
  ...ASSET_COLUMNS.map(([name]): ColumnSpec => ({ name, kind: 'money', unit: '万元' })),
  ...LOAN_COLUMNS.flatMap(([p]): ColumnSpec[] => [
    { name: `${p}余额`, kind: 'money', unit: '万元' },
    { name: `${p}年利率`, kind: 'percent' },
    { name: `${p}剩余月数`, kind: 'int' },
  ]),
  {
    name: '风险等级',
    kind: 'enum',
    values: RISK_WORDS,
    hint: 'C1、C2、C3、C4、C5，或 保守型、稳健型、平衡型、成长型、进取型',
  },
  ...Array.from({ length: GOAL_COLUMNS }, (_, i): ColumnSpec[] => [
    { name: `目标${i + 1}类型`, kind: 'enum', values: GOAL_TYPE_WORDS },
    { name: `目标${i + 1}名称`, kind: 'text' },
    { name: `目标${i + 1}对象`, kind: 'text' },
    { name: `目标${i + 1}年份`, kind: 'int' },
    { name: `目标${i + 1}金额`, kind: 'money', unit: '万元' },
    { name: `目标${i + 1}优先级`, kind: 'enum', values: PRIORITY_WORDS },
  ]).flat(),
  { name: '明细类别', kind: 'text' },
  { name: '明细名称', kind: 'text' },
  { name: '明细性别', kind: 'enum', values: GENDER_WORDS },
  { name: '明细出生年月', kind: 'date' },
  { name: '明细对象', kind: 'text' },
  { name: '明细年份', kind: 'int' },
  { name: '明细金额', kind: 'money', unit: '万元' },
  { name: '明细年缴保费', kind: 'money', unit: '元' },
  { name: '明细缴费年数', kind: 'int' },
  { name: '明细优先级', kind: 'enum', values: PRIORITY_WORDS },
];

export const COLUMN_BY_NAME: ReadonlyMap<string, ColumnSpec> = new Map(COLUMNS.map((c) => [c.name, c]));

/** Without these the sheet cannot be read at all: there is no household to speak of. */
export const REQUIRED_COLUMNS = ['本人姓名', '城市'] as const;

/** The template's header: every column, money columns with their default unit. */
export function templateHeader(): string[] {
  return COLUMNS.map((c) =>
    c.kind === 'money' ? `${c.name}(${c.unit})` : c.kind === 'percent' ? `${c.name}(%)` : c.name,
  );
}
