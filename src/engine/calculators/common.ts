/**
 * Shared building blocks of the calculators: zod inputs that parse money and rates into `Dec`
 * (never through a binary float), the coded error for inputs that parse but have no answer, and
 * the `used` echo every output carries.
 *
 * Issues raised here use the conventions of src/domain/issues.ts (`params.finplan`), so that
 * `fromZodIssue` renders them in Chinese.
 */
import { z } from 'zod';
import type { InputIssue } from '../../domain/issues.js';
import { Dec } from '../../domain/money.js';
import { YEAR_MONTH_PATTERN } from '../../domain/month.js';
import { FinplanError } from '../../errors.js';
import type { Dated } from '../rules/dated.js';
import {
  RULE_SET_ID,
  RULE_SET_MONTH,
  RULES_COVERAGE_START,
  rulesAt,
  type RulesAt,
} from '../rules/ruleset.js';

/** Largest amount of money accepted, 元 (1,000 亿, as in the profile limits). */
export const MAX_AMOUNT = 100_000_000_000;
const DECIMAL_TEXT = /^-?\d{1,15}(\.\d{1,40})?$/;

/**
 * A decimal input — a JSON number or a decimal string ("12345.67") — parsed to a Dec. Numbers are
 * read through their shortest round-trip text (0.1 stays 0.1). Bounds are inclusive.
 */
export function decimalField(min: number, max: number) {
  return z.union([z.number(), z.string()], { error: 'invalid_decimal' }).transform((value, ctx): Dec => {
    let parsed: Dec;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        ctx.addIssue({ code: 'custom', message: 'not_finite', params: { finplan: 'not_finite' } });
        return z.NEVER;
      }
      parsed = new Dec(value);
    } else {
      const text = value.trim();
      if (!DECIMAL_TEXT.test(text)) {
        ctx.addIssue({ code: 'custom', message: 'invalid_decimal', params: { finplan: 'invalid_decimal' } });
        return z.NEVER;
      }
      parsed = new Dec(text);
    }
    if (parsed.lt(min) || parsed.gt(max)) {
      ctx.addIssue({
        code: 'custom',
        message: 'out_of_range',
        params: { finplan: 'out_of_range', min, max },
      });
      return z.NEVER;
    }
    return parsed;
  });
}

/** Money in 元, 0 … 1,000 亿. */
export const moneyField = () => decimalField(0, MAX_AMOUNT);
/** A signed amount in 元 (cash-flow sign conventions), ±1,000 亿. */
export const signedMoneyField = () => decimalField(-MAX_AMOUNT, MAX_AMOUNT);
/** A rate as a fraction in [min, max]. */
export const rateField = (min: number, max: number) => decimalField(min, max);
/** An integer in [min, max]. */
export const intField = (min: number, max: number) => z.number().int().min(min).max(max);

/** A "YYYY-MM" month between 1900-01 and 2200-12. */
export const yearMonthField = () =>
  z
    .string()
    .max(7)
    .regex(YEAR_MONTH_PATTERN, { error: 'invalid_year_month' })
    .refine((s) => s >= '1900-01' && s <= '2200-12', {
      message: 'out_of_range',
      params: { finplan: 'out_of_range', min: 1900, max: 2200 },
    });

/** The rule date of a calculator: a "YYYY-MM" month from 2019-01 (the rule set's start). */
export const ruleDateField = () =>
  yearMonthField()
    .refine((s) => `${s}-01` >= RULES_COVERAGE_START, {
      message: 'out_of_range',
      params: { finplan: 'out_of_range', min: 2019, max: 2200 },
    })
    .optional()
    .describe(`规则口径年月 YYYY-MM（2019-01 起）；缺省为规则集 ${RULE_SET_ID} 的口径日期 ${RULE_SET_MONTH}`);

/** Resolve the date a calculator uses: the input's, or the rule set's 口径日期. */
export function resolveRules(date: string | undefined): {
  rules: RulesAt;
  month: string;
  defaulted: boolean;
} {
  const month = date ?? RULE_SET_MONTH;
  return { rules: rulesAt(month), month, defaulted: date === undefined };
}

/** How each calculator says which rules and conventions it used. */
export interface UsedRules {
  ruleSetId: string;
  /** The month whose rules were applied ("YYYY-MM"). */
  effectiveDate: string;
  /** True when no date was given and the 口径日期 was used. */
  dateDefaulted: boolean;
  /** Sources of the rules used that were carried forward past their last known entry (see rulesAt). */
  carriedForward: string[];
  /** Each rule or assumption the result depends on: "source（certainty）". */
  sources: string[];
}

export function usedRules(
  ctx: { month: string; defaulted: boolean },
  entries: readonly (Pick<Dated<unknown>, 'source' | 'certainty'> | undefined)[],
): UsedRules {
  const sources: string[] = [];
  const carriedForward: string[] = [];
  for (const e of entries) {
    if (!e) continue;
    const s = `${e.source}（${e.certainty}）`;
    if (!sources.includes(s)) sources.push(s);
    if ((e as { carriedForward?: boolean }).carriedForward === true && !carriedForward.includes(e.source))
      carriedForward.push(e.source);
  }
  return {
    ruleSetId: RULE_SET_ID,
    effectiveDate: ctx.month,
    dateDefaulted: ctx.defaulted,
    carriedForward,
    sources,
  };
}

/** Sources for calculators that use no dated rule. */
export function conventionOnly(sources: string[]): UsedRules {
  return {
    ruleSetId: RULE_SET_ID,
    effectiveDate: RULE_SET_MONTH,
    dateDefaulted: true,
    carriedForward: [],
    sources,
  };
}

/** An input that parses but has no answer (no solution, a contradiction): a coded input error. */
export function noAnswer(path: string, message: string): FinplanError {
  const issue: InputIssue = { path, code: 'no_solution', message };
  return new FinplanError('FINPLAN_E_INVALID_CALCULATOR_INPUT', message, { issues: [issue] });
}

/**
 * Fields that cannot be given together (e.g. a taxable income and the deductions it already
 * nets): a coded input error at the second field, naming the first.
 */
export function conflictingFields(path: string, withPath: string): FinplanError {
  const message = `不能与 ${withPath} 同时填写`;
  const issue: InputIssue = { path, code: 'mutually_exclusive', message };
  return new FinplanError('FINPLAN_E_INVALID_CALCULATOR_INPUT', message, { issues: [issue] });
}

/** Add a "required" issue from a cross-field check (rendered as 为必填项 by fromZodIssue). */
export function requireField(ctx: z.RefinementCtx, path: (string | number)[]): void {
  ctx.addIssue({ code: 'invalid_type', expected: 'number', input: undefined, path });
}

/** A rate as a string, up to 10 places, trailing zeros removed. */
export function rateString(x: Dec): string {
  const r = x.toDecimalPlaces(10, Dec.ROUND_HALF_UP);
  return (r.isZero() ? new Dec(0) : r).toString();
}

/** A ratio as a string with exactly 4 places (reports show ratios to 4 places). */
export function ratio4(x: Dec): string {
  const r = x.toDecimalPlaces(4, Dec.ROUND_HALF_UP);
  return (r.isZero() ? new Dec(0) : r).toFixed(4);
}

/** A plain decimal string for a non-money quantity (months, years), up to `places` places. */
export function numberString(x: Dec, places = 4): string {
  const r = x.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  return (r.isZero() ? new Dec(0) : r).toString();
}

/**
 * Rates this close to zero are treated as zero (their limits are used): at 40 significant digits
 * (1 + r)^n − 1 would vanish and a formula dividing by it would blow up. The error of the limit is
 * of order n²·r, far below a fen.
 */
export const NEGLIGIBLE_RATE = new Dec('1e-20');

export function isNegligibleRate(rate: Dec): boolean {
  return rate.abs().lt(NEGLIGIBLE_RATE);
}
