/**
 * Loan schedules month by month, from the mortgage calculator's amortisation (payment and interest
 * rounded to the fen, the last payment absorbing the residue). LPR-floating loans reprice each
 * January to the 5-year LPR in force plus the loan's spread (and any scenario shift), re-amortising
 * the remaining balance over the remaining months; fixed and 公积金 loans keep their rate.
 * 按期付息到期还本 loans pay interest monthly and the principal in their last month.
 */
import { Dec, ZERO, add, dec, maxOf, roundFen, subtract } from '../../domain/money.js';
import { fromMonthIndex } from '../../domain/month.js';
import type { RepaymentMethod } from '../../domain/codes.js';
import { amortizationSchedule } from '../calculators/mortgage.js';
import { rulesAt } from '../rules/ruleset.js';
import type { Scenario } from './scenario.js';

export interface LoanSpec {
  id: string;
  label: string;
  type: string;
  borrowerId: string;
  balance: Dec;
  annualRate: Dec;
  months: number;
  method: RepaymentMethod;
  floating: boolean;
  /** Spread over the 5-year LPR for floating loans. */
  spread: Dec;
  /** Month index of the first payment. */
  startIndex: number;
  /** Eligible for the first-home loan-interest deduction. */
  firstHome: boolean;
  /** A loan the household already has (its balance is an opening balance, not new borrowing). */
  existing: boolean;
}

export interface LoanMonth {
  payment: Dec;
  interest: Dec;
  principal: Dec;
  /** Balance after this month's payment. */
  balance: Dec;
  rate: Dec;
}

export interface LoanSchedule {
  spec: LoanSpec;
  /** By month index. */
  months: Map<number, LoanMonth>;
  lastIndex: number;
}

/** The 5-year LPR in force in a month (carried forward past the rule set). */
export function lpr5y(index: number): Dec | undefined {
  const lpr = rulesAt(fromMonthIndex(index)).lpr;
  return lpr ? dec(lpr.value.fiveYear) : undefined;
}

/** The rate of a new home loan starting in a month: the 5-year LPR then plus the spread assumed. */
export function newHomeLoanRate(startIndex: number, spread: Dec): Dec {
  return Dec.max(ZERO, (lpr5y(startIndex) ?? ZERO).plus(spread));
}

export function scheduleLoan(spec: LoanSpec, scenario: Scenario): LoanSchedule {
  const months = new Map<number, LoanMonth>();
  let balance = spec.balance;
  let rate = spec.annualRate;
  let remaining = spec.months;
  let index = spec.startIndex;
  if (spec.method === 'interest_only') {
    for (let k = 0; k < spec.months; k++, index++) {
      const interest = roundFen(balance.times(rate).div(12));
      const principal = k === spec.months - 1 ? balance : ZERO;
      balance = balance.minus(principal);
      months.set(index, { payment: interest.plus(principal), interest, principal, balance, rate });
    }
    return { spec, months, lastIndex: index - 1 };
  }
  while (remaining > 0 && balance.gt(0)) {
    const segment = amortizationSchedule(balance, rate, remaining, spec.method);
    let repriced = false;
    for (const row of segment) {
      months.set(index, {
        payment: row.payment,
        interest: row.interest,
        principal: row.principal,
        balance: row.balance,
        rate,
      });
      balance = row.balance;
      remaining -= 1;
      index += 1;
      // Reprice floating loans on 1 January.
      if (spec.floating && index % 12 === 0 && remaining > 0) {
        const base = lpr5y(index);
        if (base) {
          const shift =
            scenario.lprShift && index / 12 >= scenario.lprShift.fromYear ? scenario.lprShift.delta : ZERO;
          const next = maxOf(ZERO, base.plus(spec.spread).plus(shift));
          if (!next.eq(rate)) {
            rate = next;
            repriced = true;
            break;
          }
        }
      }
    }
    if (!repriced) break;
  }
  return { spec, months, lastIndex: index - 1 };
}

export interface LoanTotals {
  payment: Dec;
  interest: Dec;
  principal: Dec;
  /** Balance at the end of the range (after the last month in it). */
  endBalance: Dec;
}

/**
 * Payments, interest and principal over months [fromIndex, toIndex]. Every month's payment is its
 * principal plus its interest and every balance is the one before less the principal (exactly, in
 * decimal), so the principal repaid is the fall in the balance and only interest is added up.
 */
export function loanTotals(s: LoanSchedule, fromIndex: number, toIndex: number): LoanTotals {
  const endBalance = balanceAfter(s, toIndex);
  const first = Math.max(fromIndex, s.spec.startIndex);
  const last = Math.min(toIndex, s.lastIndex);
  if (last < first) return { payment: ZERO, interest: ZERO, principal: ZERO, endBalance };
  let interest = ZERO;
  for (let i = first; i <= last; i++) interest = add(interest, s.months.get(i)?.interest ?? ZERO);
  const opening = first === s.spec.startIndex ? s.spec.balance : balanceAfter(s, first - 1);
  const principal = subtract(opening, endBalance);
  return { payment: add(principal, interest), interest, principal, endBalance };
}

/** Outstanding balance after month `index` (zero before the loan starts and after its last month). */
export function balanceAfter(s: LoanSchedule, index: number): Dec {
  if (index < s.spec.startIndex || index >= s.lastIndex) return ZERO;
  return s.months.get(index)?.balance ?? ZERO;
}

/** The payment due in the first month of the loan (for the balance sheet's 月供). */
export function firstPayment(s: LoanSchedule): Dec {
  return s.months.get(s.spec.startIndex)?.payment ?? ZERO;
}
