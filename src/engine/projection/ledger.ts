/**
 * The yearly ledger: calendar-year rows from the valuation month to the last adult's life
 * expectancy, every account balanced every year (opening + inflows − outflows = closing).
 *
 * Order of events within a year (documented in docs/plan-format.md and printed in the report):
 *  1. Opening balances (the valuation month's balances for the first year).
 *  2. Returns on opening balances for the months of the year (rate × months ÷ 12).
 *  3. Incomes after 个税 and 五险一金 arrive in cash; 公积金 contributions (employee and employer)
 *     go to the 公积金 account; 个人养老金 contributions move from cash to the pension accounts.
 *  4. Transfers: pension accounts pay out to cash in their owner's retirement year (个人养老金 less
 *     3% tax); the 公积金 balance pays towards a home's down payment, repays the year's home-loan
 *     payments (提取公积金还贷) and is withdrawn to cash when the self retires; life cover pays out
 *     on a death (stress test).
 *  5. Outflows in order: living spending, loan payments, insurance premiums and one-off costs,
 *     then goals by priority (必须 → 重要 → 期望, then by year). What the investment pool cannot
 *     pay is recorded as a shortfall; the pool never goes below zero.
 *  6. The pool (cash, deposits, bonds, equities) is rebalanced at year end: cash holds the
 *     emergency fund, the rest follows the recommended allocation for the client's risk level.
 * Every flow is rounded half-up to the fen when booked, so the identity holds exactly in the JSON.
 */
import {
  Dec,
  ONE,
  ZERO,
  add,
  compound,
  dec,
  isPositive,
  maxOf,
  minOf,
  roundFen,
  scale,
  subtract,
  sum,
} from '../../domain/money.js';
import { monthIndex } from '../../domain/month.js';
import type { Profile } from '../../domain/profile.js';
import type { Assumptions } from '../assumptions.js';
import type { HouseholdFacts } from '../household.js';
import {
  memberIncomeForPeriod,
  sumIncomes,
  withBenefits,
  type IncomeSetup,
  type MemberIncome,
} from './income.js';
import { childcareSubsidies } from './benefits.js';
import { balanceAfter, loanTotals, type LoanSchedule } from './loans.js';
import { monthsIn, yearFraction, yearPeriod, type Period } from './period.js';
import type { FinancialClass, Scenario, ScenarioRates } from './scenario.js';
import {
  retirementBudgetForPeriod,
  spendingForPeriod,
  type SpendingLineAmount,
  type SpendingSetup,
} from './spending.js';
import type { ScheduledGoal } from './goals.js';
import { ASSET_CLASS_OF } from '../balance-sheet.js';

export const LEDGER_CONVENTIONS = [
  '年度口径：首年从估值月起至当年 12 月，其后每年 1 月至 12 月；按月计提，年度收入、支出与保费按月均摊。',
  '增长：收入、支出与目标费用每年 1 月按各自增长率调整；目标费用 = 今日金额 × (1 + 增长率)^(支付年份 − 估值年份)。',
  '收益：各类资产按年初余额 × 年收益率 × 当年月数 ÷ 12 计算；当年净现金流在年末计入，当年不计收益。',
  '税费：工资奖金按当年规则计算个税与五险一金；年终奖在单独计税政策有效期内（至 2027 年底）取较低税负的方式；3 岁以下子女的育儿补贴按月折算计入免税收入，不随通胀调整。',
  '支出顺序：先付生活支出、房贷车贷与保费，再按优先级（必须、重要、期望）支付目标；资金不足部分记为缺口，资产不为负。',
  '公积金：先用于购房首付，每年提取用于偿还当年房贷，退休时余额一次提取。',
  '年末再平衡：现金保留应急准备金，其余按风险等级对应的配置比例投资。',
  '今日价值 = 名义金额 ÷ 累计通胀系数（按通货膨胀率逐年累计）。',
];

export type PoolAccount = FinancialClass;
const POOL: PoolAccount[] = ['cash', 'deposit', 'bond', 'equity'];

export interface Flow {
  opening: Dec;
  inflows: Dec;
  outflows: Dec;
  closing: Dec;
}

export interface GoalPayment {
  goalId: string;
  cost: Dec;
  /** Paid from the 公积金 account (a home's down payment), not from the pool. */
  fromHousingFund: Dec;
  paid: Dec;
  short: Dec;
}

export interface LedgerYear {
  period: Period;
  ages: Record<string, number>;
  priceIndex: Dec;
  incomes: MemberIncome[];
  grossIncome: Dec;
  incomeTax: Dec;
  socialInsurance: Dec;
  housingFund: Dec;
  netIncome: Dec;
  salaryAndBonus: Dec;
  pensionIncome: Dec;
  otherIncome: Dec;
  rentalIncome: Dec;
  livingSpending: Dec;
  essentialSpending: Dec;
  debtService: Dec;
  interestPaid: Dec;
  premiums: Dec;
  extraSpending: Dec;
  goalCosts: Dec;
  goalPaid: Dec;
  goalPayments: GoalPayment[];
  /** Due this year and not paid: living costs, loan payments, premiums and one-off costs. */
  livingShortfall: Dec;
  /** Loan payments owed and not yet made at year end (in liabilities). */
  arrears: Dec;
  /** External net flow into the pool (after mandatory outflows and goals actually paid). */
  netCashFlow: Dec;
  /** Money moved into the pool from the household's other accounts (公积金, pension accounts). */
  transfersIn: Dec;
  /** 个人养老金 contributions moved out of the pool into the pension accounts. */
  contributionsOut: Dec;
  /** Everything the pool receives before outflows: net income + rent + transfers − contributions. */
  poolInflow: Dec;
  /** Living spending + loan payments + premiums + one-off costs due this year (paid or not). */
  mandatoryDue: Dec;
  /** Net flow before goals: what the household saves from income (Monte Carlo uses it with goals). */
  poolReturns: Dec;
  accounts: Record<string, Flow>;
  pool: Record<PoolAccount, Dec>;
  financialAssets: Dec;
  housingFundBalance: Dec;
  pensionAccounts: Dec;
  realEstate: Dec;
  otherAssets: Dec;
  liabilities: Dec;
  netWorth: Dec;
}

export interface LedgerSetup {
  profile: Profile;
  h: HouseholdFacts;
  a: Assumptions;
  scenario: Scenario;
  rates: ScenarioRates;
  goals: ScheduledGoal[];
  loans: LoanSchedule[];
  incomeSetup: IncomeSetup;
  spendingSetup: SpendingSetup;
  /** Target weights of the pool beyond the emergency fund (cash, bond, equity). */
  targetWeights: Record<'cash' | 'bond' | 'equity', Dec>;
  /** Emergency fund in today's money, held in cash. */
  emergencyReserveToday: Dec;
}

interface PensionAccount {
  ownerId: string | undefined;
  privatePension: boolean;
  balance: Dec;
}

interface Property {
  label: string;
  value: Dec;
  annualIncomeToday: Dec;
}

/**
 * Everything in a year that does not depend on the investment pool: incomes, taxes, spending,
 * loans, premiums, goal costs, and the 公积金, pension, property and other accounts. Scenarios that
 * change only returns or the allocation reuse these flows and rerun the pool alone (runPool).
 */
export interface YearFlows {
  period: Period;
  priceIndex: Dec;
  ages: Record<string, number>;
  incomes: MemberIncome[];
  inc: ReturnType<typeof sumIncomes>;
  rentalIncome: Dec;
  /** Money into the pool from other accounts (pension accounts, 公积金 at retirement). */
  toCash: Dec;
  lifeCover: Dec;
  privatePensionIn: Dec;
  livingSpending: Dec;
  essentialSpending: Dec;
  debtService: Dec;
  interestPaid: Dec;
  premiums: Dec;
  extraSpending: Dec;
  /** Goal costs due this year in payment order, with what the 公积金 pays towards each. */
  goals: { goalId: string; cost: Dec; fromHousingFund: Dec }[];
  accounts: Record<string, Flow>;
  housingFundBalance: Dec;
  pensionAccounts: Dec;
  realEstate: Dec;
  otherAssets: Dec;
  liabilities: Dec;
}

export interface PoolSetup {
  /** Opening balances of the pool in the valuation month. */
  opening: Record<PoolAccount, Dec>;
  returnOf: (cls: PoolAccount, year: number) => Dec;
  allocation: 'recommended' | 'current';
  targetWeights: Record<'cash' | 'bond' | 'equity', Dec>;
  emergencyReserveToday: Dec;
}

export function computeFlows(s: LedgerSetup): { flows: YearFlows[]; poolOpening: Record<PoolAccount, Dec> } {
  const { profile, h, a, scenario, rates } = s;
  // --- opening balances ------------------------------------------------------------------------
  const poolOpening: Record<PoolAccount, Dec> = { cash: ZERO, deposit: ZERO, bond: ZERO, equity: ZERO };
  const pensionAccounts: PensionAccount[] = [];
  const properties: Property[] = [];
  let housingFund = ZERO;
  let otherAssets = ZERO;
  for (const asset of profile.assets) {
    const value = dec(asset.value);
    const cls = ASSET_CLASS_OF[asset.type];
    if (cls === 'cash' || cls === 'deposit' || cls === 'bond' || cls === 'equity')
      poolOpening[cls] = poolOpening[cls].plus(value);
    else if (cls === 'pensionAccount')
      pensionAccounts.push({
        ownerId: asset.ownerId,
        privatePension: asset.type === 'private_pension',
        balance: value,
      });
    else if (cls === 'housingFund') housingFund = housingFund.plus(value);
    else if (cls === 'realEstate')
      properties.push({
        label: asset.label ?? asset.type,
        value,
        annualIncomeToday: asset.annualIncome ? dec(asset.annualIncome) : ZERO,
      });
    else otherAssets = otherAssets.plus(value);
  }
  const homeGoals = s.goals.filter((g) => g.home);
  const retireYearOf = (ownerId: string | undefined) => {
    const owner = ownerId ? h.byId.get(ownerId) : h.self;
    const index = owner?.retirementIndex;
    return Math.max(
      index !== null && index !== undefined ? Math.floor(index / 12) : h.firstYear,
      h.firstYear,
    );
  };
  const selfRetireYear = h.self.retirementIndex !== null ? Math.floor(h.self.retirementIndex / 12) : null;

  // Reruns of one profile (sensitivity, stress tests) repeat most of a year's incomes or spending:
  // both are cached per profile under a key of exactly the scenario fields they depend on.
  const caches = cachesFor(profile);
  const incomeCache = caches.income;
  const spendingCache = caches.spending;
  const incomeKey = scenarioKey(scenario, [
    'incomeGrowthShift',
    'retirementShiftMonths',
    'incomeCuts',
    'death',
    'inflationShift',
    'goalYears', // a home's loan brings the 住房贷款利息 deduction
  ]);
  const spendingKey = scenarioKey(scenario, [
    'spendingFactor',
    'discretionaryFactor',
    'inflationShift',
    'inflationOverrides',
    'retirementShiftMonths',
    'goalYears', // rent stops when a home is bought
  ]);

  const flows: YearFlows[] = [];
  for (let year = h.firstYear; year <= h.lastYear; year++) {
    const p = yearPeriod(year, h.firstYear, h.valuationIndex);
    const priceIndex = rates.inflationIndex.at(year);
    const accounts: Record<string, Flow> = {};
    // Existing loans open at their stated balance; a loan taken during the year is new borrowing.
    const openingLiabilities = sum(
      s.loans.map((l) =>
        l.spec.existing && l.spec.startIndex === p.startIndex
          ? l.spec.balance
          : l.spec.startIndex < p.startIndex
            ? balanceAfter(l, p.startIndex - 1)
            : ZERO,
      ),
    );

    // Returns on the non-pool accounts.
    const hfReturn = periodReturn(housingFund, a.returns.housingFund, p);
    const paReturns = pensionAccounts.map((x) => periodReturn(x.balance, a.returns.pensionAccount, p));
    const propReturns = properties.map((x) => periodReturn(x.value, a.returns.realEstate, p));
    const otherReturn = periodReturn(otherAssets, a.returns.other, p);

    // Incomes.
    const incomes = h.members
      .filter((f) => f.isAdult)
      .map((f) =>
        memo(incomeCache, `${incomeKey}|${f.member.id}|${year}`, () =>
          memberIncomeForPeriod(f, p, profile, h, a, rates, scenario, s.incomeSetup),
        ),
      );
    const inc = withBenefits(sumIncomes(incomes), childcareSubsidies(h, p).total);
    const rentToday = sum(properties.map((x) => x.annualIncomeToday));
    const rentalIncome = rentToday.isZero()
      ? ZERO
      : roundFen(scale(rentToday.times(priceIndex), yearFraction(p)));

    // Transfers: pension accounts pay out in their owner's retirement year (个人养老金 less its tax).
    let toCash = ZERO;
    let pensionAccountOut = ZERO;
    pensionAccounts.forEach((x, i) => {
      if (year !== retireYearOf(x.ownerId)) return;
      const amount = x.balance.plus(paReturns[i] ?? ZERO);
      const tax = x.privatePension ? roundFen(amount.times(privatePensionWithdrawalRate(p))) : ZERO;
      pensionAccountOut = pensionAccountOut.plus(amount);
      toCash = toCash.plus(amount.minus(tax));
    });
    // The 公积金 balance pays towards a home's down payment first, and is withdrawn when the self retires.
    let hfAvailable = sum([housingFund, hfReturn, inc.housingFund, inc.housingFundEmployer]);
    const hfForHome = new Map<string, Dec>();
    for (const g of homeGoals) {
      if (g.startYear !== year) continue;
      const use = minOf(hfAvailable, roundFen(g.costs[0]?.amount ?? ZERO));
      hfForHome.set(g.id, use);
      hfAvailable = hfAvailable.minus(use);
    }
    let hfOut = sum([...hfForHome.values()]);
    // 提取公积金还贷: the balance repays the year's home-loan payments (moved to cash, which pays them).
    const loanRows = s.loans.map((l) => loanTotals(l, p.startIndex, p.endIndex));
    const mortgagePayments = sum(
      loanRows.filter((_r, i) => s.loans[i]!.spec.type === 'mortgage').map((r) => r.payment),
    );
    const forRepayment = minOf(hfAvailable, mortgagePayments);
    if (isPositive(forRepayment)) {
      hfOut = hfOut.plus(forRepayment);
      toCash = toCash.plus(forRepayment);
      hfAvailable = hfAvailable.minus(forRepayment);
    }
    if (
      selfRetireYear !== null &&
      year === Math.max(selfRetireYear, h.firstYear) &&
      isPositive(hfAvailable)
    ) {
      hfOut = hfOut.plus(hfAvailable);
      toCash = toCash.plus(hfAvailable);
    }
    // Insurance paid out in a stress scenario: life cover on a death, a lump sum on an illness.
    const lifeCover = add(
      scenario.death && scenario.death.year === year
        ? lifeCoverPayout(profile, scenario.death.memberId, h, year)
        : ZERO,
      sum(scenario.extraIncome.filter((x) => x.year === year).map((x) => roundFen(x.amount))),
    );

    // Outflows due.
    const spending = memo(spendingCache, `${spendingKey}|${year}`, () =>
      spendingForPeriod(profile, p, a, rates, scenario, s.spendingSetup),
    );
    const budget = roundFen(retirementBudgetForPeriod(p, rates, scenario, s.spendingSetup));
    const essentialSpending = add(sum(spending.filter((x) => x.essential).map((x) => x.amount)), budget);
    const livingSpending = add(
      essentialSpending,
      sum(spending.filter((x) => !x.essential).map((x) => x.amount)),
    );
    const premiums = roundFen(premiumsForPeriod(profile, p, h, scenario, a, rates));
    const extraSpending = roundFen(
      sum(scenario.extraSpending.filter((x) => x.year === year).map((x) => x.amount)),
    );
    const goals: YearFlows['goals'] = [];
    for (const g of s.goals)
      for (const c of g.costs)
        if (c.year === year)
          goals.push({
            goalId: g.id,
            cost: roundFen(c.amount),
            fromHousingFund: hfForHome.get(g.id) ?? ZERO,
          });

    // The accounts outside the pool.
    accounts.housingFund = flow(
      housingFund,
      sum([hfReturn, inc.housingFund, inc.housingFundEmployer]),
      hfOut,
    );
    housingFund = accounts.housingFund.closing;

    const paOpening = sum(pensionAccounts.map((x) => x.balance));
    const privatePensionIn = inc.privatePension;
    // Contributions go to the contributor's private pension account (opened if need be).
    for (const m of incomes) {
      if (m.privatePensionContribution.isZero()) continue;
      let acct = pensionAccounts.find((x) => x.privatePension && x.ownerId === m.memberId);
      if (!acct) {
        acct = { ownerId: m.memberId, privatePension: true, balance: ZERO };
        pensionAccounts.push(acct);
        paReturns.push(ZERO);
      }
      acct.balance = acct.balance.plus(m.privatePensionContribution);
    }
    pensionAccounts.forEach((x, i) => {
      x.balance = year >= retireYearOf(x.ownerId) ? ZERO : x.balance.plus(paReturns[i] ?? ZERO);
    });
    accounts.pensionAccounts = flow(paOpening, sum(paReturns).plus(privatePensionIn), pensionAccountOut);

    const reOpening = sum(properties.map((x) => x.value));
    properties.forEach((x, i) => (x.value = x.value.plus(propReturns[i] ?? ZERO)));
    let reIn = sum(propReturns);
    for (const g of homeGoals) {
      if (g.startYear !== year || !g.home) continue;
      const price = roundFen(g.home.priceNominal);
      properties.push({ label: g.goal.label ?? '新购住房', value: price, annualIncomeToday: ZERO });
      reIn = reIn.plus(price);
    }
    accounts.realEstate = flow(reOpening, reIn, ZERO);
    accounts.otherAssets = flow(otherAssets, otherReturn, ZERO);
    otherAssets = accounts.otherAssets.closing;

    const newLoans = sum(
      s.loans
        .filter(
          (l) => !l.spec.existing && l.spec.startIndex >= p.startIndex && l.spec.startIndex <= p.endIndex,
        )
        .map((l) => l.spec.balance),
    );
    const liabilities = sum(s.loans.map((l) => balanceAfter(l, p.endIndex)));
    accounts.liabilities = flow(openingLiabilities, newLoans, sum(loanRows.map((r) => r.principal)));
    // The schedule's balances are exact, so the identity holds; keep the schedule's figure regardless.
    accounts.liabilities.closing = liabilities;

    const ages: Record<string, number> = {};
    for (const f of h.members) ages[f.member.id] = year - f.birthYear;
    flows.push({
      period: p,
      priceIndex,
      ages,
      incomes,
      inc,
      rentalIncome,
      toCash,
      lifeCover,
      privatePensionIn,
      livingSpending,
      essentialSpending,
      debtService: sum(loanRows.map((r) => r.payment)),
      interestPaid: sum(loanRows.map((r) => r.interest)),
      premiums,
      extraSpending,
      goals,
      accounts,
      housingFundBalance: housingFund,
      pensionAccounts: sum(pensionAccounts.map((x) => x.balance)),
      realEstate: sum(properties.map((x) => x.value)),
      otherAssets,
      liabilities,
    });
  }
  return { flows, poolOpening };
}

/** The investment pool through the years: returns, paying what is due, the year-end rebalance. */
export function runPool(flows: YearFlows[], s: PoolSetup): LedgerYear[] {
  const pool: Record<PoolAccount, Dec> = { ...s.opening };
  const initialWeights = poolWeights(pool);
  const years: LedgerYear[] = [];
  let arrears = ZERO;
  for (const f of flows) {
    const p = f.period;
    const poolReturn: Record<PoolAccount, Dec> = { cash: ZERO, deposit: ZERO, bond: ZERO, equity: ZERO };
    for (const cls of POOL) poolReturn[cls] = periodReturn(pool[cls], s.returnOf(cls, p.year), p);
    const poolOpeningTotal = sum(POOL.map((c) => pool[c]));
    const poolReturnTotal = sum(POOL.map((c) => poolReturn[c]));
    const inflows = sum([f.inc.net, f.rentalIncome, f.toCash, f.lifeCover]);
    let available = subtract(sum([poolOpeningTotal, poolReturnTotal, inflows]), f.privatePensionIn);
    // What is due, paid in this order while money lasts: living costs, loan payments (earlier
    // arrears first), premiums, one-off costs. A loan payment that cannot be made is not paid
    // down: it stays owed as arrears (a liability) and is paid first when money comes back.
    const debtDue = add(f.debtService, arrears);
    const mandatory = sum([f.livingSpending, debtDue, f.premiums, f.extraSpending]);
    const arrearsOpening = arrears;
    let unpaidOther = ZERO; // living costs, premiums and one-off costs not paid
    let owed = ZERO; // loan payments still owed at year end, earlier arrears included
    if (available.lt(mandatory)) {
      let money = maxOf(ZERO, available);
      const pay = (due: Dec) => {
        const paid = minOf(due, money);
        money = subtract(money, paid);
        return subtract(due, paid);
      };
      const livingUnpaid = pay(f.livingSpending);
      owed = pay(debtDue);
      unpaidOther = sum([livingUnpaid, pay(f.premiums), pay(f.extraSpending)]);
      available = ZERO;
    } else available = subtract(available, mandatory);
    const mandatoryPaid = subtract(mandatory, add(unpaidOther, owed));
    // Payments go to the oldest arrears first; this year's unpaid loan payments are what is owed
    // beyond the arrears still outstanding (those were counted in the year they arose).
    const arrearsRepaid = minOf(arrearsOpening, subtract(debtDue, owed));
    const debtUnpaid = subtract(owed, subtract(arrearsOpening, arrearsRepaid));
    const livingShortfall = add(unpaidOther, debtUnpaid);
    arrears = owed;

    const goalPayments: GoalPayment[] = [];
    let goalPaidFromPool = ZERO;
    for (const g of f.goals) {
      const fromPool = minOf(subtract(g.cost, g.fromHousingFund), available);
      available = subtract(available, fromPool);
      goalPaidFromPool = add(goalPaidFromPool, fromPool);
      goalPayments.push({
        goalId: g.goalId,
        cost: g.cost,
        fromHousingFund: g.fromHousingFund,
        paid: add(g.fromHousingFund, fromPool),
        short: subtract(subtract(g.cost, g.fromHousingFund), fromPool),
      });
    }

    const target = rebalance(available, s.allocation === 'current' ? null : s, initialWeights, f.priceIndex);
    const accounts: Record<string, Flow> = {};
    const external = subtract(inflows, sum([f.privatePensionIn, mandatoryPaid, goalPaidFromPool]));
    for (const cls of POOL) {
      const closing = target[cls];
      const ext = cls === 'cash' ? external : ZERO;
      if (closing.isZero() && pool[cls].isZero() && poolReturn[cls].isZero() && ext.isZero()) {
        accounts[cls] = { opening: ZERO, inflows: ZERO, outflows: ZERO, closing: ZERO };
        continue;
      }
      const transfer = subtract(closing, sum([pool[cls], poolReturn[cls], ext]));
      const parts = [poolReturn[cls], ext, transfer];
      accounts[cls] = {
        opening: pool[cls],
        inflows: sum(parts.filter((x) => !x.isNeg())),
        outflows: sum(parts.filter((x) => x.isNeg()).map((x) => x.neg())),
        closing,
      };
      pool[cls] = closing;
    }
    Object.assign(accounts, f.accounts);
    if (isPositive(arrearsOpening) || isPositive(arrears))
      accounts.arrears = {
        opening: arrearsOpening,
        inflows: subtract(arrears, subtract(arrearsOpening, arrearsRepaid)),
        outflows: arrearsRepaid,
        closing: arrears,
      };

    const financialAssets = sum([...POOL.map((c) => pool[c]), f.pensionAccounts]);
    const liabilities = add(f.liabilities, arrears);
    const netWorth = subtract(
      sum([financialAssets, f.housingFundBalance, f.realEstate, f.otherAssets]),
      liabilities,
    );
    years.push({
      period: p,
      ages: f.ages,
      priceIndex: f.priceIndex,
      incomes: f.incomes,
      grossIncome: add(f.inc.gross, f.rentalIncome),
      incomeTax: f.inc.tax,
      socialInsurance: f.inc.socialInsurance,
      housingFund: f.inc.housingFund,
      netIncome: add(f.inc.net, f.rentalIncome),
      salaryAndBonus: add(f.inc.salary, f.inc.bonus),
      pensionIncome: f.inc.pension,
      otherIncome: f.inc.otherNet,
      rentalIncome: f.rentalIncome,
      livingSpending: f.livingSpending,
      essentialSpending: f.essentialSpending,
      debtService: f.debtService,
      interestPaid: f.interestPaid,
      premiums: f.premiums,
      extraSpending: f.extraSpending,
      goalCosts: sum(goalPayments.map((x) => x.cost)),
      goalPaid: sum(goalPayments.map((x) => x.paid)),
      goalPayments,
      livingShortfall,
      // Income less what was paid out: internal transfers are not cash flow (they are in `accounts`).
      netCashFlow: subtract(external, f.toCash),
      transfersIn: f.toCash,
      contributionsOut: f.privatePensionIn,
      poolInflow: subtract(inflows, f.privatePensionIn),
      // This year's dues only: arrears were already due (and counted) in the year they arose.
      mandatoryDue: subtract(mandatory, arrearsOpening),
      poolReturns: poolReturnTotal,
      accounts,
      pool: { ...pool },
      financialAssets,
      housingFundBalance: f.housingFundBalance,
      pensionAccounts: f.pensionAccounts,
      realEstate: f.realEstate,
      otherAssets: f.otherAssets,
      liabilities,
      arrears,
      netWorth,
    });
  }
  return years;
}

const profileCaches = new WeakMap<
  Profile,
  { income: Map<string, MemberIncome>; spending: Map<string, SpendingLineAmount[]> }
>();

function cachesFor(profile: Profile) {
  let c = profileCaches.get(profile);
  if (!c) profileCaches.set(profile, (c = { income: new Map(), spending: new Map() }));
  // Bounded: a profile has at most a few dozen scenarios × a century of years.
  if (c.income.size > 20_000) c.income.clear();
  if (c.spending.size > 20_000) c.spending.clear();
  return c;
}

function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = compute()));
  return v;
}

/** A stable text key of the chosen scenario fields (Decimals by value, Maps as entry lists). */
function scenarioKey(scenario: Scenario, fields: (keyof Scenario)[]): string {
  return JSON.stringify(
    fields.map((f) => scenario[f]),
    (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Dec ? v.toString() : v),
  );
}

/** Return on an opening balance for the months of the period (rate × months ÷ 12), to the fen. */
function periodReturn(balance: Dec, annualRate: Dec, p: Period): Dec {
  if (balance.isZero() || annualRate.isZero()) return ZERO;
  const full = balance.times(annualRate);
  return roundFen(p.months === 12 ? full : full.times(yearFraction(p)));
}

function flow(opening: Dec, inflows: Dec, outflows: Dec): Flow {
  return { opening, inflows, outflows, closing: subtract(add(opening, inflows), outflows) };
}

function poolWeights(pool: Record<PoolAccount, Dec>): Record<PoolAccount, Dec> {
  const total = sum(POOL.map((c) => pool[c]));
  if (total.isZero()) return { cash: ONE, deposit: ZERO, bond: ZERO, equity: ZERO };
  return {
    cash: pool.cash.div(total),
    deposit: pool.deposit.div(total),
    bond: pool.bond.div(total),
    equity: pool.equity.div(total),
  };
}

/** Split the pool's closing total into target balances that add up exactly (fen). */
function rebalance(
  total: Dec,
  s: Pick<PoolSetup, 'emergencyReserveToday' | 'targetWeights'> | null,
  currentWeights: Record<PoolAccount, Dec>,
  priceIndex: Dec,
): Record<PoolAccount, Dec> {
  if (total.lte(0)) return { cash: ZERO, deposit: ZERO, bond: ZERO, equity: ZERO };
  let weights: Record<PoolAccount, Dec>;
  let reserve = ZERO;
  if (s) {
    reserve = minOf(total, s.emergencyReserveToday.times(priceIndex));
    weights = {
      cash: s.targetWeights.cash,
      deposit: ZERO,
      bond: s.targetWeights.bond,
      equity: s.targetWeights.equity,
    };
  } else weights = currentWeights;
  const rest = subtract(total, reserve);
  const part = (w: Dec) => (w.isZero() ? ZERO : roundFen(rest.times(w)));
  const deposit = part(weights.deposit);
  const bond = part(weights.bond);
  const equity = part(weights.equity);
  const cash = subtract(total, sum([deposit, bond, equity]));
  return { cash, deposit, bond, equity };
}

function privatePensionWithdrawalRate(p: Period): Dec {
  const pp = p.rules.iit.privatePension?.value;
  return pp ? dec(pp.privatePensionWithdrawalRate) : ZERO;
}

/** Life cover paid on the insured's death in a year: term cover still in force and whole life. */
function lifeCoverPayout(profile: Profile, memberId: string, h: HouseholdFacts, year: number): Dec {
  const f = h.byId.get(memberId);
  if (!f) return ZERO;
  const age = year - f.birthYear;
  return sum(
    profile.insurance
      .filter((x) => x.insuredId === memberId && (x.type === 'term_life' || x.type === 'whole_life'))
      .filter((x) => x.coverUntilAge === undefined || age <= x.coverUntilAge)
      .map((x) => dec(x.sumAssured)),
  );
}

/**
 * Premiums accrue monthly (annual premium ÷ 12) for the remaining payment years. Medical and
 * accident policies are one-year policies renewed every year: they are paid until the cover age
 * (or for life), growing with medical inflation.
 */
export function premiumsForPeriod(
  profile: Profile,
  p: Period,
  h: HouseholdFacts,
  scenario: Scenario,
  a: Assumptions,
  rates: ScenarioRates,
): Dec {
  let total = ZERO;
  for (const x of profile.insurance) {
    const f = h.byId.get(x.insuredId);
    if (!f) continue;
    let last = f.lastYear * 12 + 11;
    if (scenario.death?.memberId === x.insuredId) last = Math.min(last, scenario.death.year * 12 - 1);
    const renewable = x.type === 'medical' || x.type === 'accident';
    let end: number;
    if (renewable)
      end = x.coverUntilAge !== undefined ? monthIndex(f.member.birthMonth) + x.coverUntilAge * 12 - 1 : last;
    else end = h.valuationIndex + x.premiumYearsLeft * 12 - 1;
    const months = monthsIn(p, h.valuationIndex, Math.min(end, last));
    if (months === 0) continue;
    // annual × growth × months ÷ 12: a full year's premium needs no division.
    let premium = dec(x.annualPremium);
    if (renewable) premium = premium.times(compound(rates.priceGrowth(a.medicalInflation), p.t));
    total = add(total, months === 12 ? premium : premium.times(months).div(12));
  }
  return total;
}
