/**
 * annual-bonus — 全年一次性奖金: separate taxation vs merged into 综合所得, the cheaper choice,
 * and the 无效区间 warning. china-rules.md §1.3 (High).
 *
 * - 单独计税 (财税〔2018〕164号, extended to 2027-12-31 by 财政部 税务总局公告2023年第30号):
 *   tax = bonus × rate − quickDeduction, where rate and the FULL monthly quick deduction are looked
 *   up with bonus ÷ 12 in the monthly table (annual table ÷ 12); rounded half-up to the fen.
 *   The rest of the year's 综合所得 is taxed on its own by the annual table.
 * - 并入综合所得: tax = annual table on max(0, otherTaxableIncome + bonus).
 *   `otherTaxableIncome` is the year's 综合所得 after ALL deductions but before the bonus; it may be
 *   negative (unused deductions, which a merged bonus can use).
 * - After 2027-12-31 separate taxation is not available (rule BONUS_SUNSET_RULE_ID): only merged.
 * - 无效区间: for each boundary B (monthly bracket top × 12) the after-tax bonus just above B is less
 *   than at B until X, where X − tax_{k+1}(X) = B − tax_k(B), i.e.
 *   X = (B·(1 − r_k) + q_k − q_{k+1}) / (1 − r_{k+1}); the interval (B, X) is open. Computed from the
 *   table, not hard-coded.
 * - From the salary (portal use): instead of `otherTaxableIncome`, give the year's salary (annual
 *   or monthly × 12), 五险一金 (专项扣除), 专项附加扣除 and other deductions; then
 *   otherTaxableIncome = salary − basic deduction (the dated rule, 60,000/yr, unless overridden)
 *   − 专项扣除 − 专项附加扣除 − 其他扣除 (negative when the deductions exceed the salary), and each
 *   method also reports the year's take-home pay = salary + bonus − 专项扣除 − total tax.
 */
import { z } from 'zod';
import { Dec, ONE, ZERO, dec, maxOf, toMoneyString } from '../../domain/money.js';
import { BONUS_SUNSET_RULE_ID, type TaxBracket } from '../rules/iit.js';
import { RULE_SET_MONTH, rulesAt } from '../rules/ruleset.js';
import {
  conflictingFields,
  intField,
  moneyField,
  requireField,
  signedMoneyField,
  usedRules,
  type UsedRules,
} from './common.js';
import { bracketFor, taxByTable } from './iit.js';

/** Tax on a bonus taxed separately (monthly table looked up with bonus ÷ 12). */
export function separateBonusTax(
  bonus: Dec,
  monthlyTable: readonly TaxBracket[],
): { tax: Dec; bracket: TaxBracket; level: number } {
  const { bracket, level } = bracketFor(bonus.div(12), monthlyTable);
  const tax = maxOf(ZERO, bonus.times(dec(bracket.rate)).minus(dec(bracket.quickDeduction))).toDecimalPlaces(
    2,
    Dec.ROUND_HALF_UP,
  );
  return { tax, bracket, level };
}

export interface InvalidInterval {
  /** Exclusive lower end: the bracket boundary (monthly top × 12). */
  from: Dec;
  /** Exclusive upper end (exact; display rounded to the fen). */
  to: Dec;
}

const intervalsByTable = new WeakMap<readonly TaxBracket[], InvalidInterval[]>();

/** The 无效区间 of separate bonus taxation, computed from the monthly table (once per table). */
export function bonusInvalidIntervals(monthlyTable: readonly TaxBracket[]): InvalidInterval[] {
  const known = intervalsByTable.get(monthlyTable);
  if (known) return known;
  const out: InvalidInterval[] = [];
  for (let k = 0; k + 1 < monthlyTable.length; k++) {
    const lower = monthlyTable[k] as TaxBracket;
    const upper = monthlyTable[k + 1] as TaxBracket;
    if (lower.upTo === null) continue;
    const b = new Dec(lower.upTo).times(12);
    const afterTaxAtB = b.times(ONE.minus(lower.rate)).plus(lower.quickDeduction);
    const to = afterTaxAtB.minus(upper.quickDeduction).div(ONE.minus(upper.rate));
    out.push({ from: b, to });
  }
  intervalsByTable.set(monthlyTable, out);
  return out;
}

export interface BonusComparison {
  separateAvailable: boolean;
  separate?: { bonusTax: Dec; otherTax: Dec; totalTax: Dec; level: number; bracket: TaxBracket };
  merged: { totalTax: Dec; bonusTax: Dec; level: number; bracket: TaxBracket };
  cheaper: 'separate' | 'merged' | 'equal';
  saving: Dec;
  invalidInterval?: InvalidInterval;
}

export function compareBonusTaxation(
  bonus: Dec,
  otherTaxableIncome: Dec,
  annualTable: readonly TaxBracket[],
  monthlyTable: readonly TaxBracket[] | undefined,
): BonusComparison {
  const otherTax = taxByTable(otherTaxableIncome, annualTable).tax;
  const mergedAll = taxByTable(otherTaxableIncome.plus(bonus), annualTable);
  const merged = {
    totalTax: mergedAll.tax,
    bonusTax: mergedAll.tax.minus(otherTax),
    level: mergedAll.level,
    bracket: mergedAll.bracket,
  };
  if (!monthlyTable) return { separateAvailable: false, merged, cheaper: 'merged', saving: ZERO };
  const sep = separateBonusTax(bonus, monthlyTable);
  const separate = {
    bonusTax: sep.tax,
    otherTax,
    totalTax: sep.tax.plus(otherTax),
    level: sep.level,
    bracket: sep.bracket,
  };
  const diff = merged.totalTax.minus(separate.totalTax);
  const cheaper = diff.isZero() ? 'equal' : diff.isPositive() ? 'separate' : 'merged';
  const invalid = bonusInvalidIntervals(monthlyTable).find((iv) => bonus.gt(iv.from) && bonus.lt(iv.to));
  return {
    separateAvailable: true,
    separate,
    merged,
    cheaper,
    saving: diff.abs(),
    ...(invalid ? { invalidInterval: invalid } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Calculator

export const annualBonusInputSchema = z
  .strictObject({
    bonus: moneyField().describe('全年一次性奖金（元，税前，一次）'),
    otherTaxableIncome: signedMoneyField()
      .optional()
      .describe(
        '不含奖金的全年综合所得应纳税所得额（元/年）= 收入 − 6 万 − 专项扣除 − 专项附加扣除 − 其他扣除；扣除未用完时为负数。与按工资填写（annualSalary 或 monthlySalary 等）二选一',
      ),
    annualSalary: moneyField()
      .optional()
      .describe('不含奖金的全年工资薪金（元/年，税前）；与 monthlySalary 二选一'),
    monthlySalary: moneyField().optional().describe('每月工资薪金（元/月，税前），按 12 个月计'),
    annualSpecialDeduction: moneyField()
      .optional()
      .describe(
        '专项扣除：个人缴纳的五险一金（三险一金）全年合计（元/年），缺省 0；与 monthlySpecialDeduction 二选一',
      ),
    monthlySpecialDeduction: moneyField()
      .optional()
      .describe('专项扣除：每月个人缴纳的五险一金（元/月），按 12 个月计'),
    annualSpecialAdditional: moneyField()
      .optional()
      .describe('专项附加扣除全年合计（元/年），缺省 0；与 monthlySpecialAdditional 二选一'),
    monthlySpecialAdditional: moneyField().optional().describe('专项附加扣除每月合计（元/月），按 12 个月计'),
    annualOtherDeductions: moneyField()
      .optional()
      .describe('其他扣除全年合计（元/年：个人养老金、商业健康险等），缺省 0'),
    basicDeduction: moneyField()
      .optional()
      .describe('基本减除费用（元/年）；缺省按纳税年度规则（2019 年起 60,000 元/年）'),
    taxYear: intField(2019, 2200)
      .optional()
      .describe('纳税年度；缺省为规则集口径日期所在年度（2026）；2028 年起只能并入综合所得'),
  })
  .superRefine((v, ctx) => {
    if (v.otherTaxableIncome === undefined && v.annualSalary === undefined && v.monthlySalary === undefined)
      requireField(ctx, ['otherTaxableIncome']);
  })
  .describe('全年一次性奖金计税方式比较');

const SALARY_SIDE = [
  'annualSalary',
  'monthlySalary',
  'annualSpecialDeduction',
  'monthlySpecialDeduction',
  'annualSpecialAdditional',
  'monthlySpecialAdditional',
  'annualOtherDeductions',
  'basicDeduction',
] as const;

type BonusInput = z.output<typeof annualBonusInputSchema>;

/** One of an annual amount or a monthly amount × 12 (at most one may be given). */
function annualOf(
  input: BonusInput,
  annual: (typeof SALARY_SIDE)[number],
  monthly: (typeof SALARY_SIDE)[number],
): Dec {
  const a = input[annual];
  const m = input[monthly];
  if (a !== undefined && m !== undefined) throw conflictingFields(monthly, annual);
  return a ?? (m ? m.times(12) : ZERO);
}

export type AnnualBonusInput = z.input<typeof annualBonusInputSchema>;

export interface AnnualBonusOutput {
  taxYear: number;
  bonus: string;
  otherTaxableIncome: string;
  /** When the salary was given: how otherTaxableIncome was derived (元/年). */
  fromSalary?: {
    annualSalary: string;
    basicDeduction: string;
    specialDeduction: string;
    specialAdditional: string;
    otherDeductions: string;
    otherTaxableIncome: string;
  };
  separateAvailable: boolean;
  /** When separate taxation is not available: the rule that ended it. */
  unavailableRule?: string;
  separate?: {
    bonusTax: string;
    otherIncomeTax: string;
    totalTax: string;
    afterTaxBonus: string;
    /** Salary + bonus − 专项扣除 − total tax (元/年); only when the salary was given. */
    takeHome?: string;
    bracket: { level: number; rate: string; quickDeduction: string };
  };
  merged: {
    totalTax: string;
    /** Extra tax the bonus causes when merged. */
    bonusTax: string;
    afterTaxBonus: string;
    /** Salary + bonus − 专项扣除 − total tax (元/年); only when the salary was given. */
    takeHome?: string;
    bracket: { level: number; rate: string; quickDeduction: string };
  };
  cheaper: 'separate' | 'merged' | 'equal';
  saving: string;
  /** Set when the bonus lies in a 无效区间 of separate taxation. */
  invalidInterval?: {
    from: string;
    to: string;
    afterTaxAtLowerBound: string;
    afterTaxBonus: string;
    loss: string;
  };
  warnings: string[];
  /** All 无效区间 of the monthly table in force (empty when separate taxation is unavailable). */
  invalidIntervals: { from: string; to: string }[];
  used: UsedRules & { monthlyTable: TaxBracket[] | null; annualTable: TaxBracket[] };
}

export function runAnnualBonus(input: z.output<typeof annualBonusInputSchema>): AnnualBonusOutput {
  const taxYear = input.taxYear ?? Number(RULE_SET_MONTH.slice(0, 4));
  const month = `${taxYear}-01`;
  const rules = rulesAt(month);
  const monthly = rules.bonus?.value;
  const annual = rules.iit.annualTable.value;
  const salaryGiven = SALARY_SIDE.filter((k) => input[k] !== undefined);
  let otherTaxable: Dec;
  let fromSalary: { salary: Dec; basic: Dec; special: Dec; additional: Dec; other: Dec } | undefined;
  if (input.otherTaxableIncome !== undefined) {
    const first = salaryGiven[0];
    if (first !== undefined) throw conflictingFields(first, 'otherTaxableIncome');
    otherTaxable = input.otherTaxableIncome;
  } else {
    fromSalary = {
      salary: annualOf(input, 'annualSalary', 'monthlySalary'),
      basic: input.basicDeduction ?? dec(rules.iit.basicDeduction.value),
      special: annualOf(input, 'annualSpecialDeduction', 'monthlySpecialDeduction'),
      additional: annualOf(input, 'annualSpecialAdditional', 'monthlySpecialAdditional'),
      other: input.annualOtherDeductions ?? ZERO,
    };
    const f = fromSalary;
    otherTaxable = f.salary.minus(f.basic).minus(f.special).minus(f.additional).minus(f.other);
  }
  const c = compareBonusTaxation(input.bonus, otherTaxable, annual, monthly);
  const takeHome = (totalTax: Dec) =>
    fromSalary
      ? {
          takeHome: toMoneyString(
            fromSalary.salary.plus(input.bonus).minus(fromSalary.special).minus(totalTax),
          ),
        }
      : {};
  const br = (b: TaxBracket, level: number) => ({ level, rate: b.rate, quickDeduction: b.quickDeduction });
  const warnings: string[] = [];
  const out: AnnualBonusOutput = {
    taxYear,
    bonus: toMoneyString(input.bonus),
    otherTaxableIncome: toMoneyString(otherTaxable),
    ...(fromSalary
      ? {
          fromSalary: {
            annualSalary: toMoneyString(fromSalary.salary),
            basicDeduction: toMoneyString(fromSalary.basic),
            specialDeduction: toMoneyString(fromSalary.special),
            specialAdditional: toMoneyString(fromSalary.additional),
            otherDeductions: toMoneyString(fromSalary.other),
            otherTaxableIncome: toMoneyString(otherTaxable),
          },
        }
      : {}),
    separateAvailable: c.separateAvailable,
    merged: {
      totalTax: toMoneyString(c.merged.totalTax),
      bonusTax: toMoneyString(c.merged.bonusTax),
      afterTaxBonus: toMoneyString(input.bonus.minus(c.merged.bonusTax)),
      ...takeHome(c.merged.totalTax),
      bracket: br(c.merged.bracket, c.merged.level),
    },
    cheaper: c.cheaper,
    saving: toMoneyString(c.saving),
    warnings,
    invalidIntervals: monthly
      ? bonusInvalidIntervals(monthly).map((iv) => ({
          from: toMoneyString(iv.from),
          to: toMoneyString(iv.to),
        }))
      : [],
    used: {
      ...usedRules({ month, defaulted: input.taxYear === undefined }, [
        rules.iit.annualTable,
        rules.bonus,
        fromSalary && input.basicDeduction === undefined ? rules.iit.basicDeduction : undefined,
      ]),
      monthlyTable: monthly ? [...monthly] : null,
      annualTable: [...annual],
    },
  };
  if (!c.separateAvailable) {
    out.unavailableRule = BONUS_SUNSET_RULE_ID;
    warnings.push('BONUS_SEPARATE_TAXATION_EXPIRED');
  }
  if (c.separate) {
    out.separate = {
      bonusTax: toMoneyString(c.separate.bonusTax),
      otherIncomeTax: toMoneyString(c.separate.otherTax),
      totalTax: toMoneyString(c.separate.totalTax),
      afterTaxBonus: toMoneyString(input.bonus.minus(c.separate.bonusTax)),
      ...takeHome(c.separate.totalTax),
      bracket: br(c.separate.bracket, c.separate.level),
    };
  }
  if (c.invalidInterval && monthly) {
    const iv = c.invalidInterval;
    const atBound = iv.from.minus(separateBonusTax(iv.from, monthly).tax);
    const afterTax = input.bonus.minus(c.separate?.bonusTax ?? ZERO);
    out.invalidInterval = {
      from: toMoneyString(iv.from),
      to: toMoneyString(iv.to),
      afterTaxAtLowerBound: toMoneyString(atBound),
      afterTaxBonus: toMoneyString(afterTax),
      loss: toMoneyString(atBound.minus(afterTax)),
    };
    warnings.push('BONUS_IN_INVALID_INTERVAL');
  }
  return out;
}
