/**
 * Input issues: what is wrong with a profile, for people (Chinese) and programs (path + code).
 *
 * An issue names the field and says what is expected. It never repeats the client's value: messages
 * end up in logs, batch error sheets and HTTP answers, and a profile is personal data.
 */
import type { z } from 'zod';

export interface InputIssue {
  /** Where, as a JSONPath-like string: `members[1].birthMonth`; "" for the whole document. */
  path: string;
  /** A stable machine-readable code (see ISSUE_CODES). */
  code: IssueCode;
  /** One Chinese sentence naming the field and what is expected. */
  message: string;
}

export const ISSUE_CODES = [
  'required',
  'invalid_type',
  'invalid_decimal',
  'out_of_range',
  'not_integer',
  'invalid_year_month',
  'invalid_date',
  'invalid_enum',
  'invalid_id',
  'invalid_phone',
  'unknown_key',
  'too_long',
  'too_short',
  'too_many',
  'too_few',
  'invalid_version',
  'invalid_json',
  'too_large',
  // calculators: the input parses but has no answer (e.g. no interest rate solves the equation)
  'no_solution',
  'mutually_exclusive',
  // cross-field checks
  'missing_self',
  'duplicate_id',
  'unknown_reference',
  'birth_after_valuation',
  'child_older_than_parent',
  'goal_in_past',
  'goal_timing_missing',
  'goal_timing_conflict',
  'goal_amount_missing',
  'loan_outlives_borrower',
  'risk_missing',
  'end_before_start',
  'life_expectancy_passed',
  'too_many_spouses',
  'member_not_adult',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Short Chinese names of fields, by key, for messages. */
const FIELD_LABELS: Record<string, string> = {
  version: '档案格式版本',
  household: '家庭',
  familyName: '姓氏',
  city: '城市',
  valuationMonth: '估值年月',
  members: '家庭成员',
  id: '编号',
  role: '家庭角色',
  name: '姓名',
  birthMonth: '出生年月',
  gender: '性别',
  occupation: '职业',
  employment: '就业类型',
  incomeStability: '收入稳定性',
  pensionScheme: '养老保险类型',
  retirementCategory: '退休类别',
  retired: '是否已退休',
  retirementDelayMonths: '弹性退休月数',
  contributionYears: '累计缴费年限',
  personalAccountBalance: '养老保险个人账户储存额',
  averageContributionIndex: '平均缴费指数',
  socialInsurance: '五险一金',
  base: '社保缴费基数',
  pensionRate: '养老保险费率',
  medicalRate: '医疗保险费率',
  unemploymentRate: '失业保险费率',
  housingFundBase: '公积金缴存基数',
  housingFundRate: '公积金缴存比例',
  healthNotes: '健康状况',
  deductions: '个税扣除',
  elderlySupportMonthly: '赡养老人扣除额',
  childrenEducationShare: '子女教育扣除比例',
  housingLoanInterest: '住房贷款利息扣除',
  housingRent: '住房租金扣除',
  continuingEducation: '继续教育扣除',
  privatePensionAnnual: '个人养老金年缴存额',
  lifeExpectancy: '规划寿命',
  incomes: '收入',
  memberId: '成员编号',
  type: '类型',
  label: '说明',
  amount: '金额',
  unit: '金额单位',
  growth: '年增长率',
  startMonth: '开始年月',
  endMonth: '结束年月',
  spending: '支出',
  category: '支出类别',
  essential: '是否必要支出',
  continuesInRetirement: '退休后是否继续',
  assets: '资产',
  value: '市值',
  ownerId: '所属成员编号',
  annualIncome: '年收入',
  liabilities: '负债',
  balance: '剩余本金',
  annualRate: '年利率',
  monthsLeft: '剩余还款月数',
  method: '还款方式',
  source: '贷款来源',
  rateType: '利率类型',
  lprSpread: 'LPR 加点',
  borrowerId: '借款人编号',
  insurance: '保单',
  insuredId: '被保险人编号',
  sumAssured: '保额',
  annualPremium: '年缴保费',
  premiumYearsLeft: '剩余缴费年数',
  coverUntilAge: '保障至年龄',
  goals: '理财目标',
  year: '年份',
  age: '年龄',
  years: '持续年数',
  priority: '优先级',
  downPaymentRatio: '首付比例',
  education: '教育目标细节',
  stage: '教育阶段',
  location: '就读地',
  fundingAssetId: '资金来源资产编号',
  risk: '风险承受能力',
  level: '风险等级',
  questionnaire: '风险测评问卷',
  assumptions: '假设',
  inflation: '通货膨胀率',
  incomeGrowth: '收入增长率',
  educationInflation: '国内教育费用增长率',
  educationInflationAbroad: '海外教育费用增长率',
  medicalInflation: '医疗费用增长率',
  housePriceGrowth: '房价增长率',
  pensionGrowth: '养老金调整率',
  averageWageGrowth: '社会平均工资增长率',
  socialAverageWage: '养老金计发基数',
  returns: '收益率',
  cash: '现金收益率',
  deposit: '定期存款利率',
  bond: '债券收益率',
  equity: '股票收益率',
  realEstate: '房产增值率',
  pensionAccount: '养老金账户收益率',
  housingFund: '公积金账户利率',
  other: '其他资产收益率',
  retirementSpendingRatio: '退休支出比例',
  lifeExpectancyMale: '男性规划寿命',
  lifeExpectancyFemale: '女性规划寿命',
  report: '报告选项',
  reportNumber: '报告编号',
  planner: '理财师',
  certificate: '资格证书',
  phone: '联系电话',
  brand: '品牌',
  reportDate: '报告日期',
  clientTitle: '客户称呼',
  event: '活动',
  date: '日期',
};

/** Names of list items, for "家庭成员第 2 位" style paths. */
const LIST_ITEM_NAMES: Record<string, [string, string]> = {
  members: ['家庭成员', '位'],
  incomes: ['收入', '项'],
  spending: ['支出', '项'],
  assets: ['资产', '项'],
  liabilities: ['负债', '项'],
  insurance: ['保单', '份'],
  goals: ['理财目标', '项'],
  questionnaire: ['风险测评问卷', '题'],
};

export type PathSegment = string | number;

export function pathToString(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** "家庭成员第 2 位的出生年月" from ['members', 1, 'birthMonth']. */
export function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '档案';
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const next = path[i + 1];
    if (typeof seg === 'string' && typeof next === 'number' && LIST_ITEM_NAMES[seg]) {
      const [name, measure] = LIST_ITEM_NAMES[seg];
      parts.push(`${name}第 ${next + 1} ${measure}`);
      i++;
    } else if (typeof seg === 'string') {
      parts.push(FIELD_LABELS[seg] ?? `字段"${seg}"`);
    } else if (typeof seg === 'number') {
      parts.push(`第 ${seg + 1} 项`);
    }
  }
  return parts.join('的');
}

/** Make an issue for a path with a code and the Chinese predicate ("应为 YYYY-MM 格式的年月"). */
export function issueAt(path: readonly PathSegment[], code: IssueCode, predicate: string): InputIssue {
  return { path: pathToString(path), code, message: `${describePath(path)}${predicate}` };
}

// ---------------------------------------------------------------------------------------------
// zod issues → InputIssue

type ZodIssue = z.core.$ZodIssue;

/**
 * `jitless`: zod's fast path writes and compiles a JavaScript function for each object schema the
 * first time it parses with it. For the profile and the Plan (compose.ts checks every Plan) that
 * is 50–100 ms of a one-shot CLI run, and measured here it parses no faster afterwards (both
 * schemas are full of transforms and unions the fast path hands back to the runtime parser).
 * Both paths report the same issues.
 */
export const PARSE_OPTIONS = { reportInput: true, jitless: true } as const;

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '列表',
  int: '整数',
};

/**
 * Translate one zod issue into our InputIssue(s). Unrecognised keys become one issue per key, so
 * that a program can point at each misspelt field.
 *
 * Parse with `{ reportInput: true }` (PARSE_OPTIONS): zod then records the input on each issue,
 * which is how a missing field (input undefined) is told from a wrong type. The input is only
 * inspected here and never copied into an InputIssue.
 */
export function fromZodIssue(issue: ZodIssue): InputIssue[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  switch (issue.code) {
    case 'invalid_type': {
      // zod reports a missing required key as invalid_type with input undefined.
      if (issue.input === undefined) return [issueAt(path, 'required', '为必填项，不能缺少')];
      if (path.at(-1) === 'version' && path.length === 1)
        return [issueAt(path, 'invalid_version', '应为 1（当前支持的档案格式版本）')];
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return [issueAt(path, 'invalid_type', `应为${expected}`)];
    }
    case 'invalid_union': {
      // Only our decimal inputs are unions of number | string.
      if (issue.input === undefined) return [issueAt(path, 'required', '为必填项，不能缺少')];
      return [issueAt(path, 'invalid_decimal', '应为数字，或十进制数字文本（如 "12345.67"）')];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        issueAt([...path, key], 'unknown_key', '不是可识别的字段（可能拼写错误），请删除或更正'),
      );
    case 'invalid_value': {
      if (path.length === 1 && path[0] === 'version')
        return [issueAt(path, 'invalid_version', '应为 1（当前支持的档案格式版本）')];
      const options = issue.values.map((v) => String(v)).join(' / ');
      const what = issue.values.every((v) => typeof v === 'number') ? '取值' : '代码';
      return [issueAt(path, 'invalid_enum', `应为以下${what}之一：${options}`)];
    }
    case 'too_small':
      return [tooSmall(path, issue)];
    case 'too_big':
      return [tooBig(path, issue)];
    case 'invalid_format': {
      const code = formatCode(issue.message);
      return [issueAt(path, code, FORMAT_PREDICATES[code])];
    }
    case 'custom': {
      const params = (issue.params ?? {}) as { finplan?: string; min?: number; max?: number };
      if (params.finplan === 'out_of_range')
        return [issueAt(path, 'out_of_range', `应在 ${fmt(params.min)} 到 ${fmt(params.max)} 之间`)];
      if (params.finplan === 'not_integer') return [issueAt(path, 'not_integer', '应为整数')];
      if (params.finplan === 'not_finite') return [issueAt(path, 'invalid_decimal', '应为有限的数字')];
      return [issueAt(path, 'invalid_decimal', '应为数字，或十进制数字文本（如 "12345.67"），最多 4 位小数')];
    }
    case 'not_multiple_of':
      return [issueAt(path, 'not_integer', '应为整数')];
    default:
      return [issueAt(path, 'invalid_type', '格式不正确')];
  }
}

const FORMAT_PREDICATES = {
  invalid_year_month: '应为 YYYY-MM 格式的年月（如 2026-11）',
  invalid_date: '应为 YYYY-MM-DD 格式的日期',
  invalid_id: '应由英文字母、数字、下划线或连字符组成',
  invalid_phone: '应只含数字、空格、加号或连字符',
} as const;

function formatCode(message: string | undefined): keyof typeof FORMAT_PREDICATES {
  if (message && message in FORMAT_PREDICATES) return message as keyof typeof FORMAT_PREDICATES;
  return 'invalid_id';
}

function fmt(n: number | bigint | undefined): string {
  if (n === undefined) return '';
  return typeof n === 'number' ? n.toLocaleString('zh-CN', { maximumFractionDigits: 4 }) : String(n);
}

function tooSmall(path: PathSegment[], issue: z.core.$ZodIssueTooSmall): InputIssue {
  switch (issue.origin) {
    case 'string':
      return issueAt(
        path,
        'too_short',
        Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${fmt(issue.minimum)} 个字符`,
      );
    case 'array':
      return issueAt(path, 'too_few', `至少应有 ${fmt(issue.minimum)} 项`);
    default:
      return issueAt(path, 'out_of_range', `应不小于 ${fmt(issue.minimum)}`);
  }
}

function tooBig(path: PathSegment[], issue: z.core.$ZodIssueTooBig): InputIssue {
  switch (issue.origin) {
    case 'string':
      return issueAt(path, 'too_long', `最多 ${fmt(issue.maximum)} 个字符`);
    case 'array':
      return issueAt(path, 'too_many', `最多 ${fmt(issue.maximum)} 项`);
    default:
      return issueAt(path, 'out_of_range', `应不大于 ${fmt(issue.maximum)}`);
  }
}
