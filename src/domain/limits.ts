/**
 * Size limits on every input. A bank API sends untrusted data: every string, list and amount is
 * bounded so that one request can neither exhaust memory nor make a projection run for hours.
 * The limits are generous for a real household (six members, fifteen goals, amounts in the 亿).
 */
export const LIMITS = {
  shortText: 40, // names, labels, codes
  longText: 200, // occupation, health notes, free-text remarks
  members: 12,
  incomes: 60,
  spending: 60,
  assets: 100,
  liabilities: 30,
  insurancePolicies: 60,
  goals: 30,
  questionnaireAnswers: 30,
  /** Largest amount accepted anywhere, in 元: 1,000 亿. */
  maxAmount: 100_000_000_000,
  /** Decimal places accepted in an amount of money (分 and a little more for rates of pay). */
  amountDecimals: 4,
  maxLoanMonths: 360,
  maxPolicyYears: 100,
  /** Profiles larger than this (bytes of JSON) are refused before parsing. */
  maxProfileBytes: 256 * 1024,
  earliestBirthYear: 1900,
  latestYear: 2200,
} as const;
