/**
 * The calculator catalogue: one pure function and one zod input schema per calculator, keyed by
 * the names the CLI (`finplan calc NAME`), the HTTP API and docs/calculators.md use.
 *
 * `runCalculator(name, input)` validates untrusted input and never throws anything but a
 * FinplanError: FINPLAN_E_UNKNOWN_CALCULATOR for an unknown name, FINPLAN_E_INVALID_CALCULATOR_INPUT
 * (with per-field issues) for input that does not parse or has no answer.
 */
import { z } from 'zod';
import { fromZodIssue, PARSE_OPTIONS } from '../../domain/issues.js';
import { FinplanError } from '../../errors.js';
import { annualBonusInputSchema, runAnnualBonus } from './annual-bonus.js';
import { educationInputSchema, runEducation } from './education.js';
import { emergencyFundInputSchema, runEmergencyFund } from './emergency-fund.js';
import { iitInputSchema, runIit } from './iit.js';
import { insuranceInputSchema, runInsurance } from './insurance.js';
import { mortgageInputSchema, runMortgage } from './mortgage.js';
import { mortgageAffordabilityInputSchema, runMortgageAffordability } from './mortgage-affordability.js';
import { pensionInputSchema, runPension } from './pension.js';
import { ratiosInputSchema, runRatios } from './ratios.js';
import { retirementAgeInputSchema, runRetirementAge } from './retirement-age.js';
import { retirementInputSchema, runRetirement } from './retirement.js';
import { runSavings, savingsInputSchema } from './savings.js';
import { runSocialInsurance, socialInsuranceInputSchema } from './social-insurance.js';
import { runTvm, tvmInputSchema } from './tvm.js';

export interface CalculatorDef<S extends z.ZodType, O> {
  name: string;
  /** Chinese title. */
  title: string;
  /** One line: Chinese, then English. */
  description: string;
  inputSchema: S;
  run: (input: z.output<S>) => O;
}

function def<S extends z.ZodType, O>(d: CalculatorDef<S, O>): CalculatorDef<S, O> {
  return d;
}

export const calculators = {
  tvm: def({
    name: 'tvm',
    title: '货币时间价值',
    description:
      '终值、现值、年金、期数、利率、增长年金与实际利率。FV, PV, PMT, NPER, RATE, growing annuities, real rate.',
    inputSchema: tvmInputSchema,
    run: runTvm,
  }),
  mortgage: def({
    name: 'mortgage',
    title: '房贷计算器',
    description:
      '等额本息/等额本金还款表、组合贷、提前还款与负担能力。Mortgage schedules, combination loans, prepayment, affordability.',
    inputSchema: mortgageInputSchema,
    run: runMortgage,
  }),
  'mortgage-affordability': def({
    name: 'mortgage-affordability',
    title: '房贷可贷额度',
    description:
      '由可承受月供反推最高贷款额、房价与首付。Max loan and house price from a known monthly payment.',
    inputSchema: mortgageAffordabilityInputSchema,
    run: runMortgageAffordability,
  }),
  iit: def({
    name: 'iit',
    title: '个人所得税（综合所得）',
    description:
      '全年综合所得个税与专项附加扣除，按月累计预扣。Annual comprehensive-income tax and monthly cumulative withholding.',
    inputSchema: iitInputSchema,
    run: runIit,
  }),
  'annual-bonus': def({
    name: 'annual-bonus',
    title: '全年一次性奖金计税',
    description:
      '单独计税与并入综合所得比较，无效区间提示。Annual bonus: separate vs merged taxation, dead zones.',
    inputSchema: annualBonusInputSchema,
    run: runAnnualBonus,
  }),
  'social-insurance': def({
    name: 'social-insurance',
    title: '五险一金个人缴费',
    description:
      '按城市基数上下限计算个人社保与公积金缴费。Employee social insurance and housing fund contributions.',
    inputSchema: socialInsuranceInputSchema,
    run: runSocialInsurance,
  }),
  pension: def({
    name: 'pension',
    title: '基本养老金测算',
    description:
      '退休时的基础养老金与个人账户养老金。Basic pension at retirement (pooled part + personal account).',
    inputSchema: pensionInputSchema,
    run: runPension,
  }),
  'retirement-age': def({
    name: 'retirement-age',
    title: '法定退休年龄',
    description:
      '2025 年延迟退休改革下的法定退休年月与最低缴费年限。Statutory retirement month under the 2025 reform.',
    inputSchema: retirementAgeInputSchema,
    run: runRetirementAge,
  }),
  savings: def({
    name: 'savings',
    title: '储蓄目标',
    description:
      '达到目标金额需每月、每年末或今日一次性存多少。Saving towards a target: monthly, year-end or a lump sum today.',
    inputSchema: savingsInputSchema,
    run: runSavings,
  }),
  education: def({
    name: 'education',
    title: '子女教育金',
    description:
      '各教育阶段费用、今日一次性投入与每月储蓄。Education fund per stage: costs, lump sum today, monthly saving.',
    inputSchema: educationInputSchema,
    run: runEducation,
  }),
  retirement: def({
    name: 'retirement',
    title: '退休资金需求',
    description:
      '退休时所需资金、养老金与现有资产覆盖后的缺口及每月储蓄。Retirement need, gap and the saving that closes it.',
    inputSchema: retirementInputSchema,
    run: runRetirement,
  }),
  insurance: def({
    name: 'insurance',
    title: '寿险需求',
    description:
      '双十原则、生命价值法与需求分析法。Life cover by the double-ten rule, human life value and needs analysis.',
    inputSchema: insuranceInputSchema,
    run: runInsurance,
  }),
  'emergency-fund': def({
    name: 'emergency-fund',
    title: '紧急备用金',
    description: '3–6（或 6–12）个月必要支出与流动资产比较。Emergency fund target vs liquid assets.',
    inputSchema: emergencyFundInputSchema,
    run: runEmergencyFund,
  }),
  ratios: def({
    name: 'ratios',
    title: '家庭财务比率',
    description:
      '结余、清偿、负债、流动性等比率及参考区间。Household financial ratios with reference ranges.',
    inputSchema: ratiosInputSchema,
    run: runRatios,
  }),
} as const;

export type CalculatorName = keyof typeof calculators;
export const CALCULATOR_NAMES = Object.keys(calculators) as CalculatorName[];

export type CalculatorOutput<N extends CalculatorName> = ReturnType<(typeof calculators)[N]['run']>;

export function isCalculatorName(name: string): name is CalculatorName {
  return Object.prototype.hasOwnProperty.call(calculators, name);
}

/**
 * Validate `input` with the calculator's schema and run it. Throws only FinplanError:
 * FINPLAN_E_UNKNOWN_CALCULATOR or FINPLAN_E_INVALID_CALCULATOR_INPUT (issues from fromZodIssue).
 */
export function runCalculator(name: string, input: unknown): unknown {
  if (!isCalculatorName(name))
    throw new FinplanError('FINPLAN_E_UNKNOWN_CALCULATOR', `可用的计算器：${CALCULATOR_NAMES.join('、')}`);
  const calc = calculators[name] as CalculatorDef<z.ZodType, unknown>;
  const parsed = calc.inputSchema.safeParse(input, PARSE_OPTIONS);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(fromZodIssue);
    throw new FinplanError(
      'FINPLAN_E_INVALID_CALCULATOR_INPUT',
      `${calc.title}的输入有 ${issues.length} 处问题`,
      { issues },
    );
  }
  return calc.run(parsed.data);
}

/** The JSON Schema (input side) of a calculator's input. */
export function calculatorJsonSchema(name: string): Record<string, unknown> {
  if (!isCalculatorName(name))
    throw new FinplanError('FINPLAN_E_UNKNOWN_CALCULATOR', `可用的计算器：${CALCULATOR_NAMES.join('、')}`);
  return z.toJSONSchema(calculators[name].inputSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

export * from './common.js';
export * from './tvm.js';
export * from './mortgage.js';
export * from './mortgage-affordability.js';
export * from './iit.js';
export * from './annual-bonus.js';
export * from './social-insurance.js';
export * from './pension.js';
export * from './retirement-age.js';
export * from './savings.js';
export * from './education.js';
export * from './retirement.js';
export * from './insurance.js';
export * from './emergency-fund.js';
export * from './ratios.js';
