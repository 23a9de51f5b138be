/**
 * 住房规划 (mortgage calculator):
 * - existing loans: 高息负债 (HIGH_INTEREST_DEBT: consumer credit, credit cards, and any debt whose
 *   rate exceeds the recommended mix's expected return) are recommended for repayment in full, by
 *   rate, highest first, with all their remaining interest as the saving; the funding pass pays
 *   them from movable assets, then from the surplus. Any other amortizing loan gets the prepayment
 *   comparison — the household's liquid assets above the emergency fund's upper target (at most
 *   half the balance), after the 12th payment, shortening the term versus lowering the payment —
 *   and is not recommended (the money earns more invested than it saves in interest);
 * - home goals: price at purchase, down payment, the loan the ledger takes (commercial, LPR-based,
 *   30 years), 等额本息 versus 等额本金, what moving 10万 to a 公积金 loan would save (the 公积金
 *   first-home rate), the payment against after-tax income in the purchase year (planner's line and
 *   the bank's), and the highest price the household can carry at the planner's line. A payment
 *   above the bank's line (50%, 银监发〔2004〕57号) is a gate: the plan prepares no purchase and no
 *   loan for that price, and gives the affordable price and the alternatives instead; between the
 *   planner's 40% and the bank's 50% it says that many banks apply about 40% in practice.
 */
import { Dec, ONE, ZERO, roundFen, toMoneyString, toRateString } from '../../domain/money.js';
import { amortizeLoan, levelPayment, prepay } from '../calculators/mortgage.js';
import { NEW_HOME_LOAN_MONTHS, type EngineRun } from '../run.js';
import { newHomeLoanRate, type LoanSpec } from '../projection/loans.js';
import type { HomePurchasePlan, HousingPlan, LoanPrepaymentAdvice } from '../plan-types.js';
import { HIGH_INTEREST_DEBT, MODEL_ALLOCATIONS } from '../rules/assumptions.js';
import { rulesAt } from '../rules/ruleset.js';

const PREPAY_AFTER_MONTH = 12;

/**
 * 高息负债 (HIGH_INTEREST_DEBT): consumer credit and credit cards whatever their rate, and any debt
 * whose after-tax rate (= its rate, see the rule's note) exceeds the recommended mix's return.
 */
export function isHighInterestDebt(type: string, annualRate: Dec, expectedReturn: Dec): boolean {
  return HIGH_INTEREST_DEBT.value.alwaysTypes.includes(type) || annualRate.gt(expectedReturn);
}

/** The loan's first regular monthly payment (interest only: the month's interest). */
function regularPayment(spec: LoanSpec): Dec {
  if (spec.method === 'interest_only') return roundFen(spec.balance.times(spec.annualRate).div(12));
  const loan = amortizeLoan(spec.balance, spec.annualRate, spec.months, spec.method);
  return loan.schedule[0]?.payment ?? ZERO;
}
const TEST_AMOUNT_FOR_FUND_COMPARISON = new Dec(100_000);

export function planHousing(run: EngineRun, liquid: Dec, emergencyMax: Dec): HousingPlan {
  const { h } = run;
  const expectedReturn = new Dec(MODEL_ALLOCATIONS.value[h.riskLevel].expectedReturn);
  const spare = Dec.max(ZERO, liquid.minus(emergencyMax));

  const existingLoans: LoanPrepaymentAdvice[] = [];
  for (const l of run.loans.filter((x) => x.spec.existing)) {
    const amortizing = l.spec.method !== 'interest_only';
    const high = isHighInterestDebt(l.spec.type, l.spec.annualRate, expectedReturn);
    if (high) {
      // Repaid in full now, in the funding pass's order: what it saves is all its remaining interest.
      const interestLeft = amortizing
        ? amortizeLoan(
            l.spec.balance,
            l.spec.annualRate,
            l.spec.months,
            l.spec.method as 'equal_payment' | 'equal_principal',
          ).totalInterest
        : l.spec.balance.times(l.spec.annualRate).times(l.spec.months).div(12);
      existingLoans.push({
        label: l.spec.label,
        type: l.spec.type as LoanPrepaymentAdvice['type'],
        balance: toMoneyString(l.spec.balance),
        annualRate: toRateString(l.spec.annualRate),
        amount: toMoneyString(l.spec.balance),
        afterMonth: 0,
        shortenTermInterestSaved: toMoneyString(roundFen(interestLeft)),
        shortenTermMonthsSaved: l.spec.months,
        lowerPaymentInterestSaved: toMoneyString(roundFen(interestLeft)),
        lowerPaymentNewPayment: '0.00',
        recommended: true,
        highInterest: high,
        monthsLeft: l.spec.months,
        monthlyPayment: toMoneyString(regularPayment(l.spec)),
        expectedReturn: toRateString(expectedReturn),
      });
      continue;
    }
    if (!amortizing || l.spec.months <= PREPAY_AFTER_MONTH + 1) continue;
    const loan = amortizeLoan(
      l.spec.balance,
      l.spec.annualRate,
      l.spec.months,
      l.spec.method as 'equal_payment' | 'equal_principal',
    );
    const balanceThen = loan.schedule[PREPAY_AFTER_MONTH - 1]?.balance ?? ZERO;
    const amount = roundFen(
      Dec.min(spare.gt(0) ? spare : TEST_AMOUNT_FOR_FUND_COMPARISON, balanceThen.times('0.5')),
    );
    if (amount.lte(0)) continue;
    const p = prepay(loan, PREPAY_AFTER_MONTH, amount);
    existingLoans.push({
      label: l.spec.label,
      type: l.spec.type as LoanPrepaymentAdvice['type'],
      balance: toMoneyString(l.spec.balance),
      annualRate: toRateString(l.spec.annualRate),
      amount: toMoneyString(amount),
      afterMonth: PREPAY_AFTER_MONTH,
      shortenTermInterestSaved: toMoneyString(p.shortenTerm.interestSaved),
      shortenTermMonthsSaved: l.spec.months - PREPAY_AFTER_MONTH - p.shortenTerm.remainingMonths,
      lowerPaymentInterestSaved: toMoneyString(p.lowerPayment.interestSaved),
      lowerPaymentNewPayment: toMoneyString(p.lowerPayment.firstPayment),
      // Below the mix's return, the money earns more invested than it saves in interest.
      recommended: false,
      highInterest: false,
      monthsLeft: l.spec.months,
      monthlyPayment: toMoneyString(regularPayment(l.spec)),
      expectedReturn: toRateString(expectedReturn),
    });
  }
  // 高息负债 first and by rate, highest first (the order the funding pass repays them in).
  existingLoans.sort(
    (a, b) =>
      Number(b.highInterest) - Number(a.highInterest) || new Dec(b.annualRate).comparedTo(a.annualRate),
  );

  const purchases: HomePurchasePlan[] = [];
  for (const g of run.goals) {
    // A home the plan does not buy is still described as it was asked for (its planned year), so
    // the plan can say what it would take and what the household can afford instead.
    const home = g.home ?? g.unbought;
    if (!home) continue;
    const loanSchedule = run.loans.find((l) => l.spec.id === `goal:${g.id}`);
    const rules = rulesAt(`${g.startYear}-01`);
    const loanAmount =
      loanSchedule?.spec.balance ?? roundFen(home.priceNominal.times(ONE.minus(home.downPaymentRatio)));
    const rate =
      loanSchedule?.spec.annualRate ??
      newHomeLoanRate(
        Math.max(h.valuationIndex, g.startYear * 12),
        new Dec(run.assumptions.newMortgageSpread),
      );
    const months = loanSchedule?.spec.months ?? NEW_HOME_LOAN_MONTHS;
    const ep = amortizeLoan(loanAmount.gt(0) ? loanAmount : ONE, rate, months, 'equal_payment');
    const epr = amortizeLoan(loanAmount.gt(0) ? loanAmount : ONE, rate, months, 'equal_principal');
    const hfRate = rules.housingFundLoanRates
      ? new Dec(rules.housingFundLoanRates.value.firstHome.over5Years)
      : null;
    const hfSaving =
      hfRate && rate.gt(hfRate)
        ? amortizeLoan(TEST_AMOUNT_FOR_FUND_COMPARISON, rate, months, 'equal_payment').totalInterest.minus(
            amortizeLoan(TEST_AMOUNT_FOR_FUND_COMPARISON, hfRate, months, 'equal_payment').totalInterest,
          )
        : null;
    const year = run.ledger.find((y) => y.period.year === g.startYear);
    const monthlyNet = year ? year.netIncome.div(year.period.months) : ZERO;
    const payment = ep.roundedPayment ?? ZERO;
    const plannerMax = new Dec(rules.affordability.planner.value.mortgageStretchMax);
    const bankMax = new Dec(rules.affordability.bank.value.bankHousingToIncomeMax);
    const bankPracticeMax = new Dec(rules.affordability.bankPractice.value.housingToIncomeMax);
    const ratio = monthlyNet.gt(0) ? payment.div(monthlyNet) : null;
    // The largest loan whose payment fits the planner's line, plus the planned down payment.
    const maxPayment = monthlyNet.times(plannerMax);
    const unitPayment = levelPayment(ONE, rate.div(12), months);
    const maxLoan = unitPayment.gt(0) ? maxPayment.div(unitPayment) : ZERO;
    const downPayment = home.priceNominal.times(home.downPaymentRatio);
    const affordablePrice = home.downPaymentRatio.lt(1)
      ? Dec.min(downPayment.div(home.downPaymentRatio), downPayment.plus(maxLoan))
      : downPayment;
    const result = run.ledger.flatMap((y) => y.goalPayments).filter((p) => p.goalId === g.id);
    purchases.push({
      goalId: g.id,
      year: g.startYear,
      priceNominal: toMoneyString(home.priceNominal),
      downPaymentRatio: toRateString(home.downPaymentRatio),
      minimumDownPaymentRatio: rules.downPayment.commercial?.value ?? '0.15',
      downPayment: toMoneyString(downPayment),
      loan: toMoneyString(loanAmount),
      loanRate: toRateString(rate),
      loanMonths: months,
      equalPaymentMonthly: toMoneyString(payment),
      equalPaymentTotalInterest: toMoneyString(ep.totalInterest),
      equalPrincipalFirstMonthly: toMoneyString(epr.schedule[0]?.payment ?? ZERO),
      equalPrincipalTotalInterest: toMoneyString(epr.totalInterest),
      housingFundRate: hfRate ? toRateString(hfRate) : null,
      housingFundSavingPer100k: hfSaving ? toMoneyString(hfSaving) : null,
      paymentToIncome: ratio ? toRateString(ratio, 4) : null,
      plannerMax: toRateString(plannerMax),
      bankMax: toRateString(bankMax),
      affordablePrice: toMoneyString(affordablePrice),
      bankPracticeMax: toRateString(bankPracticeMax),
      affordable: ratio !== null && ratio.lte(plannerMax),
      // The gate: above the bank's line (or with no income) no loan is advised or prepared for.
      affordability:
        ratio === null || ratio.gt(bankMax)
          ? 'above_bank'
          : ratio.gt(plannerMax)
            ? 'above_plan'
            : 'within_plan',
      downPaymentFunded: !!g.home && result.every((p) => p.short.isZero()),
    });
  }
  return { existingLoans, purchases };
}
