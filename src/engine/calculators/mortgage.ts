/**
 * mortgage — 房贷计算器: 等额本息 / 等额本金 schedules, 组合贷, prepayment, affordability.
 *
 * Conventions (china-rules.md §4.1; High):
 * - monthly rate i = annual rate ÷ 12; payments at the END of each month (期末); n months.
 * - 等额本息: exact payment M* = P·i·(1+i)^n / ((1+i)^n − 1) (P/n at i = 0).
 *   Schedule (bank convention): the payment is M = M* rounded half-up to the fen; each month's
 *   interest = (balance × i) rounded half-up to the fen, computed on the ROUNDED balance; principal
 *   = M − interest; the LAST payment absorbs the residue (principal = remaining balance), so the
 *   principal parts sum exactly to the loan.
 * - 等额本金: principal part = P/n rounded half-up to the fen for months 1..n−1 and the remaining
 *   balance in month n; interest as above; payment = principal + interest.
 * - Last payment, shown twice because the two differ by rounding: `lastPaymentFormula` is the
 *   textbook value — 等额本金 (P/n)(1+i), 等额本息 M* — rounded to the fen; `lastPayment` is the
 *   schedule's. In the schedule the monthly principal P/n (or the payment M*) is rounded to the fen
 *   for months 1..n−1, so the balance left for month n differs from P/n by (n−1) × that rounding
 *   error, and the last payment repays exactly that balance (e.g. 100万, 4.9%, 30年 等额本金:
 *   formula 2,789.12, schedule 2,788.32 — 359 × 0.00222 = 0.80 already repaid early).
 * - Totals, stated separately because they differ by the rounding of the payment:
 *   `totalInterest` — the published figure: 等额本息 n·M* − P (from the UNROUNDED payment; 100万,
 *   4.9%, 30年 → 910,616.19), 等额本金 (n+1)·P·i/2 (→ 737,041.67); rounded to the fen at the end.
 *   `scheduleTotalInterest` — the sum of the schedule's (rounded) monthly interest.
 *   `roundedPaymentTotalInterest` (等额本息 only) — M × n − P (→ 910,617.20), what a naive
 *   "payment × months" gives.
 * - 组合贷: each tranche (公积金, 商贷) is amortised separately at its own rate and the monthly rows
 *   are added; rates are never blended.
 * - Prepayment of A after the k-th payment: balance B' = B_k − A, then either keep the payment and
 *   shorten the term (缩短年限) or keep the term and lower the payment (减少月供); both use the
 *   schedule convention above, and interest saved = remaining schedule interest before − after.
 * - Affordability: bank underwriting lines (月房产支出 ≤ 50%, 全部债务 ≤ 55% of verified gross
 *   monthly income; 银监发〔2004〕57号, Medium) and the planner's 30%–40% of after-tax income (Low),
 *   tested on the FIRST (largest) monthly payment.
 * Defaults from the rule set in force on `date`: 商贷 rate = LPR (1-year for ≤ 60 months, 5-year
 * otherwise) + `lprSpread`; 公积金 rate by first/second home and term (≤ 5 years / > 5 years).
 */
import { z } from 'zod';
import {
  Dec,
  ONE,
  ZERO,
  compare,
  isPositive,
  maxOf,
  minOf,
  roundFen,
  sum,
  toMoneyString,
} from '../../domain/money.js';
import type { Dated } from '../rules/dated.js';
import {
  decimalField,
  intField,
  isNegligibleRate,
  moneyField,
  noAnswer,
  rateString,
  ratio4,
  resolveRules,
  ruleDateField,
  usedRules,
  type UsedRules,
} from './common.js';

export type RepaymentMethod = 'equal_payment' | 'equal_principal';

export interface ScheduleRow {
  month: number;
  payment: Dec;
  principal: Dec;
  interest: Dec;
  balance: Dec;
}

/** The exact (unrounded) 等额本息 payment. */
export function levelPayment(principal: Dec, monthlyRate: Dec, months: number): Dec {
  if (isNegligibleRate(monthlyRate)) return principal.div(months);
  const q = ONE.plus(monthlyRate).pow(months);
  return principal.times(monthlyRate).times(q).div(q.minus(1));
}

/**
 * Month by month: interest on the balance (to the fen), then the principal part `principalFor`
 * gives, until the balance is repaid or `maxMonths` have passed. Month numbers start at `firstMonth`.
 */
function amortize(
  balance: Dec,
  monthlyRate: Dec,
  maxMonths: number,
  firstMonth: number,
  partsFor: (k: number, interest: Dec, balance: Dec) => { principal: Dec; payment: Dec },
): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  let b = balance;
  for (let k = 1; k <= maxMonths && isPositive(b); k++) {
    const interest = roundFen(b.times(monthlyRate));
    const { principal, payment } = partsFor(k, interest, b);
    b = b.minus(principal);
    rows.push({ month: firstMonth + k - 1, payment, principal, interest, balance: b });
  }
  return rows;
}

/**
 * A fixed (rounded) payment until the balance is repaid; the last of at most `maxMonths` months
 * repays whatever remains. Month numbers start at `firstMonth`.
 */
export function levelPaymentSchedule(
  balance: Dec,
  monthlyRate: Dec,
  payment: Dec,
  maxMonths: number,
  firstMonth = 1,
): ScheduleRow[] {
  return amortize(balance, monthlyRate, maxMonths, firstMonth, (k, interest, b) => {
    const principal = payment.minus(interest);
    if (k === maxMonths || compare(principal, b) >= 0) return { principal: b, payment: b.plus(interest) };
    // A payment below the month's interest repays nothing (the interest is paid in full).
    if (principal.isNegative()) return { principal: ZERO, payment: interest };
    return { principal, payment };
  });
}

/** A fixed principal part each month; the last of at most `maxMonths` months repays the rest. */
export function equalPrincipalSchedule(
  balance: Dec,
  monthlyRate: Dec,
  principalPart: Dec,
  maxMonths: number,
  firstMonth = 1,
): ScheduleRow[] {
  return amortize(balance, monthlyRate, maxMonths, firstMonth, (k, interest, b) => {
    const principal = k === maxMonths ? b : minOf(principalPart, b);
    return { principal, payment: principal.plus(interest) };
  });
}

export interface LoanResult {
  principal: Dec;
  annualRate: Dec;
  monthlyRate: Dec;
  months: number;
  method: RepaymentMethod;
  /** 等额本息: the unrounded payment M*. */
  exactPayment?: Dec;
  /** 等额本息: the payment rounded to the fen; 等额本金: the rounded principal part. */
  roundedPayment?: Dec;
  principalPart?: Dec;
  /** 等额本金: (P/n)·i, the monthly decrease of the payment (exact). */
  monthlyDecrease?: Dec;
  totalInterest: Dec;
  scheduleTotalInterest: Dec;
  roundedPaymentTotalInterest?: Dec;
  schedule: ScheduleRow[];
}

/** Amortise one loan under the module's conventions. */
/** The month-by-month schedule alone (what a ledger needs), without amortizeLoan's totals. */
export function amortizationSchedule(
  principal: Dec,
  annualRate: Dec,
  months: number,
  method: RepaymentMethod,
): ScheduleRow[] {
  const i = annualRate.div(12);
  return method === 'equal_payment'
    ? levelPaymentSchedule(principal, i, roundFen(levelPayment(principal, i, months)), months)
    : equalPrincipalSchedule(principal, i, roundFen(principal.div(months)), months);
}

export function amortizeLoan(
  principal: Dec,
  annualRate: Dec,
  months: number,
  method: RepaymentMethod,
): LoanResult {
  const i = annualRate.div(12);
  if (method === 'equal_payment') {
    const exact = levelPayment(principal, i, months);
    const rounded = roundFen(exact);
    const schedule = levelPaymentSchedule(principal, i, rounded, months);
    return {
      principal,
      annualRate,
      monthlyRate: i,
      months,
      method,
      exactPayment: exact,
      roundedPayment: rounded,
      totalInterest: exact.times(months).minus(principal),
      scheduleTotalInterest: sum(schedule.map((r) => r.interest)),
      roundedPaymentTotalInterest: rounded.times(months).minus(principal),
      schedule,
    };
  }
  const part = principal.div(months);
  const schedule = equalPrincipalSchedule(principal, i, roundFen(part), months);
  return {
    principal,
    annualRate,
    monthlyRate: i,
    months,
    method,
    principalPart: roundFen(part),
    monthlyDecrease: part.times(i),
    totalInterest: principal
      .times(i)
      .times(months + 1)
      .div(2),
    scheduleTotalInterest: sum(schedule.map((r) => r.interest)),
    schedule,
  };
}

/** Add schedules month by month (组合贷). */
export function combineSchedules(schedules: readonly ScheduleRow[][]): ScheduleRow[] {
  const length = Math.max(0, ...schedules.map((s) => s.length));
  const out: ScheduleRow[] = [];
  for (let m = 0; m < length; m++) {
    const rows = schedules.map((s) => s[m]).filter((r): r is ScheduleRow => r !== undefined);
    const balance = sum(schedules.map((s) => (s[m] ?? s[s.length - 1])?.balance ?? ZERO));
    out.push({
      month: m + 1,
      payment: sum(rows.map((r) => r.payment)),
      principal: sum(rows.map((r) => r.principal)),
      interest: sum(rows.map((r) => r.interest)),
      balance,
    });
  }
  return out;
}

export interface PrepaymentOption {
  firstPayment: Dec;
  remainingMonths: number;
  interestAfter: Dec;
  interestSaved: Dec;
  schedule: ScheduleRow[];
}

export interface PrepaymentResult {
  afterMonth: number;
  amount: Dec;
  balanceBefore: Dec;
  balanceAfter: Dec;
  interestAfterWithout: Dec;
  shortenTerm: PrepaymentOption;
  lowerPayment: PrepaymentOption;
}

/** Prepay `amount` (capped at the balance) right after the `afterMonth`-th payment. */
export function prepay(loan: LoanResult, afterMonth: number, amount: Dec): PrepaymentResult {
  const row = loan.schedule[afterMonth - 1];
  const balanceBefore = row ? row.balance : ZERO;
  const paid = minOf(amount, balanceBefore);
  const balanceAfter = balanceBefore.minus(paid);
  const left = loan.months - afterMonth;
  const interestAfterWithout = sum(loan.schedule.slice(afterMonth).map((r) => r.interest));
  const i = loan.monthlyRate;
  const first = afterMonth + 1;
  let shorten: ScheduleRow[];
  let lower: ScheduleRow[];
  if (loan.method === 'equal_payment') {
    shorten = levelPaymentSchedule(balanceAfter, i, loan.roundedPayment ?? ZERO, left, first);
    const newPayment = left > 0 ? roundFen(levelPayment(balanceAfter, i, left)) : ZERO;
    lower = levelPaymentSchedule(balanceAfter, i, newPayment, left, first);
  } else {
    shorten = equalPrincipalSchedule(balanceAfter, i, loan.principalPart ?? ZERO, left, first);
    const part = left > 0 ? roundFen(balanceAfter.div(left)) : ZERO;
    lower = equalPrincipalSchedule(balanceAfter, i, part, left, first);
  }
  const option = (schedule: ScheduleRow[]): PrepaymentOption => {
    const interestAfter = sum(schedule.map((r) => r.interest));
    return {
      firstPayment: schedule[0]?.payment ?? ZERO,
      remainingMonths: schedule.length,
      interestAfter,
      interestSaved: interestAfterWithout.minus(interestAfter),
      schedule,
    };
  };
  return {
    afterMonth,
    amount: paid,
    balanceBefore,
    balanceAfter,
    interestAfterWithout,
    shortenTerm: option(shorten),
    lowerPayment: option(lower),
  };
}

// ---------------------------------------------------------------------------------------------
// Calculator

const trancheSchema = z.strictObject({
  source: z
    .enum(['commercial', 'housing_fund'])
    .describe('贷款来源：commercial 商业贷款 / housing_fund 公积金贷款'),
  principal: decimalField(0.01, 100_000_000_000).describe('贷款本金（元）'),
  annualRate: decimalField(0, 0.36)
    .optional()
    .describe(
      '年利率（年利率小数，如 0.031 表示 3.1%）；缺省：商贷按 LPR（≤5 年用 1 年期，否则 5 年期）+ 加点，公积金按首套/二套与期限',
    ),
  lprSpread: decimalField(-0.05, 0.05)
    .optional()
    .describe('商贷 LPR 加点（年利率小数，可为负，如 -0.0045 表示减 45 个基点），缺省 0'),
  label: z.string().max(40).optional().describe('说明，如"公积金部分"'),
});

export const mortgageInputSchema = z
  .strictObject({
    tranches: z
      .array(trancheSchema)
      .min(1)
      .max(4)
      .describe('贷款分笔：单一贷款填一笔；组合贷填公积金与商贷两笔'),
    months: intField(1, 360).describe('贷款期限（月，1–360）'),
    method: z
      .enum(['equal_payment', 'equal_principal'])
      .describe('还款方式：equal_payment 等额本息 / equal_principal 等额本金'),
    home: z
      .enum(['first', 'second'])
      .optional()
      .describe('首套 first / 二套 second（决定公积金利率与首付比例），缺省首套'),
    date: ruleDateField(),
    includeSchedule: z.boolean().optional().describe('是否输出逐月还款表（缺省 true）'),
    prepayment: z
      .strictObject({
        afterMonth: intField(1, 359).describe('在第几期（月）还款之后提前还款'),
        amount: decimalField(0.01, 100_000_000_000).describe('提前还款金额（元）'),
        tranche: intField(0, 3).optional().describe('提前偿还哪一笔（序号从 0 起）；缺省为利率最高的一笔'),
      })
      .optional()
      .describe('一次性提前还款'),
    affordability: z
      .strictObject({
        monthlyGrossIncome: moneyField()
          .optional()
          .describe('经核实的税前月收入（元/月），用于银行 50%/55% 线'),
        monthlyNetIncome: moneyField().optional().describe('税后月收入（元/月），用于理财规划 30%–40% 线'),
        otherMonthlyDebtPayments: moneyField().optional().describe('其他债务月还款额（元/月），缺省 0'),
        housePrice: moneyField().optional().describe('房屋总价（元），用于检查最低首付比例'),
      })
      .optional()
      .describe('负担能力检查'),
  })
  .describe('房贷计算器');

export type MortgageInput = z.input<typeof mortgageInputSchema>;

export interface ScheduleRowOut {
  month: number;
  payment: string;
  principal: string;
  interest: string;
  balance: string;
}

export interface AffordabilityLine {
  code: 'bank_housing' | 'bank_all_debt' | 'planner_mortgage' | 'planner_all_debt';
  ratio: string;
  limit: string;
  pass: boolean;
  /** Planner mortgage line: good ≤ 30%, watch ≤ 40%, poor above. */
  verdict?: 'good' | 'watch' | 'poor';
}

export interface MortgageOutput {
  method: RepaymentMethod;
  months: number;
  tranches: {
    label?: string;
    source: 'commercial' | 'housing_fund';
    principal: string;
    annualRate: string;
    monthlyRate: string;
    /** Where the rate came from: "input", "LPR 5年期 + 加点" or "公积金 首套 >5年". */
    rateBasis: string;
    /** 等额本息: the fen-rounded payment; 等额本金: null. */
    monthlyPayment: string | null;
    /** 等额本息: the unrounded payment to 10 places. */
    monthlyPaymentExact: string | null;
    firstPayment: string;
    /** The schedule's last payment (repays the exact remaining balance). */
    lastPayment: string;
    /** The formula's last payment: 等额本金 (P/n)(1+i), 等额本息 M*, to the fen. */
    lastPaymentFormula: string;
    /** lastPayment − lastPaymentFormula: the rounding residue the last month absorbs. */
    lastPaymentDifference: string;
    /** 等额本金: monthly decrease (P/n)·i, to the fen. */
    monthlyDecrease: string | null;
    totalInterest: string;
    scheduleTotalInterest: string;
    roundedPaymentTotalInterest: string | null;
    totalPayment: string;
  }[];
  total: {
    principal: string;
    firstPayment: string;
    totalInterest: string;
    scheduleTotalInterest: string;
    totalPayment: string;
  };
  /** Combined monthly rows (sum of the tranches); omitted when includeSchedule is false. */
  schedule?: ScheduleRowOut[];
  prepayment?: {
    tranche: number;
    afterMonth: number;
    amount: string;
    balanceBefore: string;
    balanceAfter: string;
    interestAfterWithoutPrepayment: string;
    shortenTerm: {
      monthlyPayment: string;
      remainingMonths: number;
      interestAfter: string;
      interestSaved: string;
    };
    lowerPayment: {
      monthlyPayment: string;
      remainingMonths: number;
      interestAfter: string;
      interestSaved: string;
    };
  };
  affordability?: {
    firstMonthPayment: string;
    lines: AffordabilityLine[];
    downPayment?: {
      housePrice: string;
      downPayment: string;
      ratio: string;
      minimumRatio: string;
      pass: boolean;
    };
  };
  used: UsedRules & {
    timing: 'end';
    monthlyRate: 'annual/12';
    rounding: string;
    totalInterestConvention: string;
    lastPaymentConvention: string;
  };
}

const lastOf = (loan: LoanResult): Dec => loan.schedule[loan.schedule.length - 1]?.payment ?? ZERO;

/** The textbook last payment: 等额本金 (P/n)(1 + i); 等额本息 the exact level payment M*. */
export function lastPaymentByFormula(loan: LoanResult): Dec {
  if (loan.method === 'equal_payment') return loan.exactPayment ?? ZERO;
  return loan.principal.div(loan.months).times(ONE.plus(loan.monthlyRate));
}

const out = (r: ScheduleRow): ScheduleRowOut => ({
  month: r.month,
  payment: toMoneyString(r.payment),
  principal: toMoneyString(r.principal),
  interest: toMoneyString(r.interest),
  balance: toMoneyString(r.balance),
});

/**
 * A loan's annual rate: the input's, or the rule set's — 商贷 LPR (1-year for ≤ 60 months, 5-year
 * otherwise) + spread, 公积金 by first/second home and term. The rule used is pushed to `sources`.
 */
export function loanRate(
  rules: ReturnType<typeof resolveRules>['rules'],
  t: { source: 'commercial' | 'housing_fund'; annualRate?: Dec | undefined; lprSpread?: Dec | undefined },
  months: number,
  home: 'first' | 'second',
  pathPrefix: string,
  sources: (Pick<Dated<unknown>, 'source' | 'certainty'> | undefined)[],
): { rate: Dec; basis: string } {
  if (t.annualRate !== undefined) return { rate: t.annualRate, basis: 'input' };
  const long = months > 60;
  if (t.source === 'commercial') {
    const lpr = rules.lpr;
    if (!lpr) throw noAnswer(`${pathPrefix}annualRate`, '该日期无 LPR 数据，请填写年利率');
    sources.push(lpr);
    const rate = new Dec(long ? lpr.value.fiveYear : lpr.value.oneYear).plus(t.lprSpread ?? ZERO);
    if (rate.isNegative()) throw noAnswer(`${pathPrefix}lprSpread`, 'LPR 加点后利率为负');
    return { rate, basis: `LPR ${long ? '5年期以上' : '1年期'} + 加点 ${rateString(t.lprSpread ?? ZERO)}` };
  }
  const hf = rules.housingFundLoanRates;
  if (!hf) throw noAnswer(`${pathPrefix}annualRate`, '该日期无公积金贷款利率数据，请填写年利率');
  sources.push(hf);
  const set = home === 'first' ? hf.value.firstHome : hf.value.secondHome;
  return {
    rate: new Dec(long ? set.over5Years : set.upTo5Years),
    basis: `公积金 ${home === 'first' ? '首套' : '二套'} ${long ? '5年以上' : '5年及以下'}`,
  };
}

export function runMortgage(input: z.output<typeof mortgageInputSchema>): MortgageOutput {
  const ctx = resolveRules(input.date);
  const { rules } = ctx;
  const home = input.home ?? 'first';
  const sources: (Pick<Dated<unknown>, 'source' | 'certainty'> | undefined)[] = [];

  const loans = input.tranches.map((t, index) => {
    const { rate, basis } = loanRate(rules, t, input.months, home, `tranches[${index}].`, sources);
    return { tranche: t, basis, loan: amortizeLoan(t.principal, rate, input.months, input.method) };
  });

  const combined = combineSchedules(loans.map((l) => l.loan.schedule));
  const firstPayment = combined[0]?.payment ?? ZERO;
  const totalPrincipal = sum(loans.map((l) => l.loan.principal));
  const result: MortgageOutput = {
    method: input.method,
    months: input.months,
    tranches: loans.map(({ tranche, basis, loan }) => ({
      ...(tranche.label !== undefined ? { label: tranche.label } : {}),
      source: tranche.source,
      principal: toMoneyString(loan.principal),
      annualRate: rateString(loan.annualRate),
      monthlyRate: rateString(loan.monthlyRate),
      rateBasis: basis,
      monthlyPayment:
        loan.roundedPayment && loan.method === 'equal_payment' ? toMoneyString(loan.roundedPayment) : null,
      monthlyPaymentExact: loan.exactPayment ? rateString(loan.exactPayment) : null,
      firstPayment: toMoneyString(loan.schedule[0]?.payment ?? ZERO),
      lastPayment: toMoneyString(lastOf(loan)),
      lastPaymentFormula: toMoneyString(lastPaymentByFormula(loan)),
      lastPaymentDifference: toMoneyString(
        roundFen(lastOf(loan)).minus(roundFen(lastPaymentByFormula(loan))),
      ),
      monthlyDecrease: loan.monthlyDecrease ? toMoneyString(loan.monthlyDecrease) : null,
      totalInterest: toMoneyString(loan.totalInterest),
      scheduleTotalInterest: toMoneyString(loan.scheduleTotalInterest),
      roundedPaymentTotalInterest: loan.roundedPaymentTotalInterest
        ? toMoneyString(loan.roundedPaymentTotalInterest)
        : null,
      totalPayment: toMoneyString(loan.principal.plus(loan.scheduleTotalInterest)),
    })),
    total: {
      principal: toMoneyString(totalPrincipal),
      firstPayment: toMoneyString(firstPayment),
      totalInterest: toMoneyString(sum(loans.map((l) => roundFen(l.loan.totalInterest)))),
      scheduleTotalInterest: toMoneyString(sum(loans.map((l) => l.loan.scheduleTotalInterest))),
      totalPayment: toMoneyString(totalPrincipal.plus(sum(loans.map((l) => l.loan.scheduleTotalInterest)))),
    },
    used: {
      ...usedRules(ctx, []),
      timing: 'end',
      monthlyRate: 'annual/12',
      rounding:
        '月供（等额本息）与每月本金（等额本金）四舍五入到分；每月利息 = 剩余本金 × 月利率，四舍五入到分；末期偿还全部剩余本金，各期本金之和恰为贷款额',
      totalInterestConvention:
        'totalInterest：等额本息 = 未舍入月供 × 月数 − 本金（银行计算器公布口径），等额本金 = (n+1)·P·i/2；scheduleTotalInterest：还款表逐月利息之和；roundedPaymentTotalInterest：舍入后月供 × 月数 − 本金',
      lastPaymentConvention:
        'lastPaymentFormula：公式末期月供（等额本金 (P/n)(1+i)，等额本息 未舍入月供），四舍五入到分；lastPayment：还款表末期，偿还前 n−1 期按分舍入后剩下的全部本金，故两者可差几分至几元（差额 = lastPaymentDifference）',
    },
  };
  if (input.includeSchedule !== false) result.schedule = combined.map(out);

  if (input.prepayment) {
    const p = input.prepayment;
    let index = p.tranche;
    if (index === undefined) {
      index = 0;
      loans.forEach((l, k) => {
        if (l.loan.annualRate.gt(loans[index as number]?.loan.annualRate ?? ZERO)) index = k;
      });
    }
    const target = loans[index];
    if (!target) throw noAnswer('prepayment.tranche', '提前还款所指的贷款分笔不存在');
    if (p.afterMonth >= input.months) throw noAnswer('prepayment.afterMonth', '提前还款期次应早于最后一期');
    const r = prepay(target.loan, p.afterMonth, p.amount);
    const opt = (o: PrepaymentOption) => ({
      monthlyPayment: toMoneyString(o.firstPayment),
      remainingMonths: o.remainingMonths,
      interestAfter: toMoneyString(o.interestAfter),
      interestSaved: toMoneyString(o.interestSaved),
    });
    result.prepayment = {
      tranche: index,
      afterMonth: r.afterMonth,
      amount: toMoneyString(r.amount),
      balanceBefore: toMoneyString(r.balanceBefore),
      balanceAfter: toMoneyString(r.balanceAfter),
      interestAfterWithoutPrepayment: toMoneyString(r.interestAfterWithout),
      shortenTerm: opt(r.shortenTerm),
      lowerPayment: opt(r.lowerPayment),
    };
  }

  if (input.affordability) {
    const a = input.affordability;
    const other = a.otherMonthlyDebtPayments ?? ZERO;
    const bank = rules.affordability.bank;
    const planner = rules.affordability.planner;
    sources.push(bank, planner);
    const lines: AffordabilityLine[] = [];
    const line = (code: AffordabilityLine['code'], num: Dec, den: Dec, limit: string) => {
      const ratio = num.div(den);
      lines.push({ code, ratio: ratio4(ratio), limit, pass: ratio.lte(limit) });
    };
    if (a.monthlyGrossIncome && a.monthlyGrossIncome.gt(0)) {
      line('bank_housing', firstPayment, a.monthlyGrossIncome, bank.value.bankHousingToIncomeMax);
      line('bank_all_debt', firstPayment.plus(other), a.monthlyGrossIncome, bank.value.bankDebtToIncomeMax);
    }
    if (a.monthlyNetIncome && a.monthlyNetIncome.gt(0)) {
      const ratio = firstPayment.div(a.monthlyNetIncome);
      const verdict = ratio.lte(planner.value.mortgageComfortMax)
        ? 'good'
        : ratio.lte(planner.value.mortgageStretchMax)
          ? 'watch'
          : 'poor';
      lines.push({
        code: 'planner_mortgage',
        ratio: ratio4(ratio),
        limit: planner.value.mortgageStretchMax,
        pass: verdict !== 'poor',
        verdict,
      });
      line(
        'planner_all_debt',
        firstPayment.plus(other),
        a.monthlyNetIncome,
        planner.value.totalDebtServiceMax,
      );
    }
    const affordability: NonNullable<MortgageOutput['affordability']> = {
      firstMonthPayment: toMoneyString(firstPayment),
      lines,
    };
    if (a.housePrice && a.housePrice.gt(0)) {
      const hasHf = input.tranches.some((t) => t.source === 'housing_fund');
      const hfMin = rules.downPayment.housingFund;
      const comMin = rules.downPayment.commercial;
      let minimum = ZERO;
      if (comMin) {
        minimum = maxOf(minimum, comMin.value);
        sources.push(comMin);
      }
      if (hasHf && hfMin) {
        minimum = maxOf(minimum, home === 'first' ? hfMin.value.firstHome : hfMin.value.secondHome);
        sources.push(hfMin);
      }
      const down = maxOf(ZERO, a.housePrice.minus(totalPrincipal));
      const ratio = down.div(a.housePrice);
      affordability.downPayment = {
        housePrice: toMoneyString(a.housePrice),
        downPayment: toMoneyString(down),
        ratio: ratio4(ratio),
        minimumRatio: rateString(minimum),
        pass: ratio.gte(minimum),
      };
    }
    result.affordability = affordability;
  }
  result.used = { ...result.used, ...usedRules(ctx, sources) };
  return result;
}
