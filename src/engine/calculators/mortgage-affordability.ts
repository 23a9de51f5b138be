/**
 * mortgage-affordability — 房贷可贷额度: the largest loan and house price a known monthly payment
 * carries, the inverse of the mortgage calculator. china-rules.md §4.1, §4.3.
 *
 * With the payment M (元/月), monthly rate i = annual rate ÷ 12, n months, payments at the END of
 * each month (期末):
 * - 等额本息: P = M × (1 − (1 + i)^−n) / i   (M × n at i = 0), the loan whose exact level payment
 *   M* = P·i·(1+i)^n / ((1+i)^n − 1) is M;
 * - 等额本金: M is the FIRST (largest) payment P/n + P·i, so P = M / (1/n + i).
 * The loan is rounded DOWN to the fen, so its payment never exceeds M; the payment of that loan
 * (to the fen, as the mortgage calculator shows it) is reported beside it and is within a fen of M.
 * House price: with a down-payment ratio d (the rule set's minimum for the loan source and home —
 * 商贷 15%, 公积金 首套 20% — unless given), price = P / (1 − d), rounded down to the fen, and the
 * down payment = price − P. With the savings S available for the down payment as well, the price is
 * also capped by what S can put down: price = min(P + S, S / d) (the binding limit is named).
 * Rate defaults as in the mortgage calculator: 商贷 = LPR (1-year for ≤ 60 months, else 5-year) +
 * spread; 公积金 by first/second home and term. Money in decimal; rounded only as stated.
 */
import { z } from 'zod';
import { Dec, ONE, ZERO, minOf, toMoneyString } from '../../domain/money.js';
import type { Dated } from '../rules/dated.js';
import {
  decimalField,
  intField,
  isNegligibleRate,
  moneyField,
  rateString,
  resolveRules,
  ruleDateField,
  usedRules,
  type UsedRules,
} from './common.js';
import { amortizeLoan, loanRate, type RepaymentMethod } from './mortgage.js';

/** The largest loan (exact, unrounded) whose 等额本息 payment / 等额本金 first payment is `payment`. */
export function loanForPayment(payment: Dec, monthlyRate: Dec, months: number, method: RepaymentMethod): Dec {
  if (method === 'equal_principal') return payment.div(ONE.div(months).plus(monthlyRate));
  if (isNegligibleRate(monthlyRate)) return payment.times(months);
  return payment.times(ONE.minus(ONE.plus(monthlyRate).pow(-months))).div(monthlyRate);
}

export const mortgageAffordabilityInputSchema = z
  .strictObject({
    monthlyPayment: decimalField(0.01, 100_000_000).describe(
      '可承受的月供（元/月）；等额本金时为首月（最高）月供',
    ),
    months: intField(1, 360).describe('贷款期限（月，1–360；30 年 = 360）'),
    method: z
      .enum(['equal_payment', 'equal_principal'])
      .optional()
      .describe('还款方式：equal_payment 等额本息（缺省）/ equal_principal 等额本金'),
    source: z
      .enum(['commercial', 'housing_fund'])
      .optional()
      .describe('贷款来源：commercial 商业贷款（缺省）/ housing_fund 公积金贷款'),
    annualRate: decimalField(0, 0.36)
      .optional()
      .describe('年利率（年利率小数，如 0.031 表示 3.1%）；缺省：商贷按 LPR + 加点，公积金按首套/二套与期限'),
    lprSpread: decimalField(-0.05, 0.05)
      .optional()
      .describe('商贷 LPR 加点（年利率小数，可为负，如 -0.0045 表示减 45 个基点），缺省 0'),
    home: z
      .enum(['first', 'second'])
      .optional()
      .describe('首套 first（缺省）/ 二套 second（决定公积金利率与最低首付比例）'),
    downPaymentRatio: decimalField(0, 0.99)
      .optional()
      .describe('首付比例（小数，如 0.3 表示 30%）；缺省按规则集的最低首付比例（商贷 15%，公积金首套 20%）'),
    savingsForDownPayment: moneyField()
      .optional()
      .describe('可用于首付的存款（元）；填写时房价同时受首付能力限制'),
    date: ruleDateField(),
  })
  .describe('房贷可贷额度（由月供反推贷款额与房价）');

export type MortgageAffordabilityInput = z.input<typeof mortgageAffordabilityInputSchema>;

export interface MortgageAffordabilityOutput {
  method: RepaymentMethod;
  months: number;
  monthlyPayment: string;
  annualRate: string;
  monthlyRate: string;
  rateBasis: string;
  /** The largest loan in fen whose payment does not exceed monthlyPayment. */
  maxLoan: string;
  /** The same, unrounded (10 places). */
  maxLoanExact: string;
  /** The payment of maxLoan as the mortgage calculator shows it (等额本金: the first payment). */
  paymentOfMaxLoan: string;
  /** Total interest of maxLoan (the published convention of the mortgage calculator). */
  totalInterest: string;
  downPaymentRatio: string;
  downPaymentRatioSource: 'input' | 'rule_minimum';
  /** Price the payment carries at the down-payment ratio: maxLoan / (1 − d), down to the fen. */
  maxHousePrice: string;
  downPayment: string;
  /** When savings are given: the price both the payment and the savings allow. */
  withSavings?: {
    savings: string;
    maxHousePrice: string;
    loan: string;
    downPayment: string;
    /** payment: the loan is at its maximum; down_payment: the savings cap the price at S / d. */
    limitedBy: 'payment' | 'down_payment';
  };
  used: UsedRules & { timing: 'end'; monthlyRate: 'annual/12'; rounding: string };
}

const fenDown = (x: Dec) => x.toDecimalPlaces(2, Dec.ROUND_DOWN);

export function runMortgageAffordability(
  input: z.output<typeof mortgageAffordabilityInputSchema>,
): MortgageAffordabilityOutput {
  const ctx = resolveRules(input.date);
  const { rules } = ctx;
  const home = input.home ?? 'first';
  const method = input.method ?? 'equal_payment';
  const source = input.source ?? 'commercial';
  const sources: (Pick<Dated<unknown>, 'source' | 'certainty'> | undefined)[] = [];
  const { rate, basis } = loanRate(
    rules,
    { source, annualRate: input.annualRate, lprSpread: input.lprSpread },
    input.months,
    home,
    '',
    sources,
  );
  const i = rate.div(12);
  const exact = loanForPayment(input.monthlyPayment, i, input.months, method);
  const loan = fenDown(exact);
  const check = amortizeLoan(loan, rate, input.months, method);

  let ratio = input.downPaymentRatio;
  if (ratio === undefined) {
    ratio = ZERO;
    const com = rules.downPayment.commercial;
    const hf = rules.downPayment.housingFund;
    if (com) {
      ratio = Dec.max(ratio, com.value);
      sources.push(com);
    }
    if (source === 'housing_fund' && hf) {
      ratio = Dec.max(ratio, home === 'first' ? hf.value.firstHome : hf.value.secondHome);
      sources.push(hf);
    }
  }
  const price = fenDown(loan.div(ONE.minus(ratio)));
  const out: MortgageAffordabilityOutput = {
    method,
    months: input.months,
    monthlyPayment: toMoneyString(input.monthlyPayment),
    annualRate: rateString(rate),
    monthlyRate: rateString(i),
    rateBasis: basis,
    maxLoan: toMoneyString(loan),
    maxLoanExact: rateString(exact),
    paymentOfMaxLoan: toMoneyString(check.schedule[0]?.payment ?? ZERO),
    totalInterest: toMoneyString(check.totalInterest),
    downPaymentRatio: rateString(ratio),
    downPaymentRatioSource: input.downPaymentRatio === undefined ? 'rule_minimum' : 'input',
    maxHousePrice: toMoneyString(price),
    downPayment: toMoneyString(price.minus(loan)),
    used: {
      ...usedRules(ctx, sources),
      timing: 'end',
      monthlyRate: 'annual/12',
      rounding:
        '可贷额度向下取整到分（其月供不超过输入月供）；房价 = 贷款 ÷ (1 − 首付比例)，向下取整到分；首付 = 房价 − 贷款',
    },
  };
  if (input.savingsForDownPayment !== undefined) {
    const s = input.savingsForDownPayment;
    const byPayment = loan.plus(s);
    const bySavings = ratio.gt(0) ? fenDown(s.div(ratio)) : byPayment;
    const p = minOf(byPayment, bySavings);
    const l = Dec.max(ZERO, p.minus(s));
    out.withSavings = {
      savings: toMoneyString(s),
      maxHousePrice: toMoneyString(p),
      loan: toMoneyString(l),
      downPayment: toMoneyString(p.minus(l)),
      limitedBy: byPayment.lte(bySavings) ? 'payment' : 'down_payment',
    };
  }
  return out;
}
