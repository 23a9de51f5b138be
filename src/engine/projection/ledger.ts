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
 *     3% tax); the 公积金 balance pays towards a home's down payment and is withdrawn to cash when
 *     the self retires; life cover pays out on a death (stress test).
 *  5. Outflows in order: living spending, loan payments, insurance premiums and one-off costs,
 *     then goals by priority (必须 → 重要 → 期望, then by year). What the investment pool cannot
 *     pay is recorded as a shortfall; the pool never goes below zero.
 *  6. The pool (cash, deposits, bonds, equities) is rebalanced at year end: cash holds the
 *     emergency fund, the rest follows the recommended allocation for the client's risk level.
 * Every flow is rounded half-up to the fen when booked, so the identity holds exactly in the JSON.
 */
import { Dec, ONE, ZERO, compound, dec, roundFen, sum } from '../../domain/money.js';
import { monthIndex } from '../../domain/month.js';
import type { Profile } from '../../domain/profile.js';
import type { Assumptions } from '../assumptions.js';
import type { HouseholdFacts } from '../household.js';
import { memberIncomeForPeriod, sumIncomes, type IncomeSetup, type MemberIncome } from './income.js';
import { balanceAfter, loanTotals, type LoanSchedule } from './loans.js';
import { monthsIn, yearPeriod, type Period } from './period.js';
import type { FinancialClass, Scenario, ScenarioRates } from './scenario.js';
import { retirementBudgetForPeriod, spendingForPeriod, type SpendingSetup } from './spending.js';
import type { ScheduledGoal } from './goals.js';
import { ASSET_CLASS_OF } from '../balance-sheet.js';

export const LEDGER_CONVENTIONS = [
  '年度口径：首年从估值月起至当年 12 月，其后每年 1 月至 12 月；按月计提，年度收入、支出与保费按月均摊。',
  '增长：收入、支出与目标费用每年 1 月按各自增长率调整；目标费用 = 今日金额 × (1 + 增长率)^(支付年份 − 估值年份)。',
  '收益：各类资产按年初余额 × 年收益率 × 当年月数 ÷ 12 计算；当年净现金流在年末计入，当年不计收益。',
  '税费：工资奖金按当年规则计算个税与五险一金；年终奖在单独计税政策有效期内（至 2027 年底）取较低税负的方式。',
  '支出顺序：先付生活支出、房贷车贷与保费，再按优先级（必须、重要、期望）支付目标；资金不足部分记为缺口，资产不为负。',
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
  livingShortfall: Dec;
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

export function runLedger(s: LedgerSetup): LedgerYear[] {
  const { profile, h, a, scenario, rates } = s;
  // --- opening balances ------------------------------------------------------------------------
  const pool: Record<PoolAccount, Dec> = { cash: ZERO, deposit: ZERO, bond: ZERO, equity: ZERO };
  const pensionAccounts: PensionAccount[] = [];
  const properties: Property[] = [];
  let housingFund = ZERO;
  let otherAssets = ZERO;
  for (const asset of profile.assets) {
    const value = dec(asset.value);
    const cls = ASSET_CLASS_OF[asset.type];
    if (cls === 'cash' || cls === 'deposit' || cls === 'bond' || cls === 'equity')
      pool[cls] = pool[cls].plus(value);
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
  const initialWeights = poolWeights(pool);
  const homeGoals = s.goals.filter((g) => g.home);

  const years: LedgerYear[] = [];
  for (let year = h.firstYear; year <= h.lastYear; year++) {
    const p = yearPeriod(year, h.firstYear, h.valuationIndex);
    const months = dec(p.months);
    const frac = months.div(12);
    const priceIndex = rates.inflationIndex.at(year);
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

    // 2. returns -------------------------------------------------------------------------------
    const poolReturn: Record<PoolAccount, Dec> = { cash: ZERO, deposit: ZERO, bond: ZERO, equity: ZERO };
    for (const cls of POOL)
      poolReturn[cls] = roundFen(pool[cls].times(rates.returnOf(cls, year)).times(frac));
    const hfReturn = roundFen(housingFund.times(a.returns.housingFund).times(frac));
    const paReturns = pensionAccounts.map((x) =>
      roundFen(x.balance.times(a.returns.pensionAccount).times(frac)),
    );
    const propReturns = properties.map((x) => roundFen(x.value.times(a.returns.realEstate).times(frac)));
    const otherReturn = roundFen(otherAssets.times(a.returns.other).times(frac));

    // 3. incomes ----------------------------------------------------------------------------------
    const incomes = h.members
      .filter((f) => f.isAdult)
      .map((f) => memberIncomeForPeriod(f, p, profile, h, a, rates, scenario, s.incomeSetup));
    const inc = sumIncomes(incomes);
    const rentalIncome = roundFen(
      sum(properties.map((x) => x.annualIncomeToday))
        .times(priceIndex)
        .times(frac),
    );

    // 4. transfers --------------------------------------------------------------------------------
    let toCash = ZERO;
    let pensionAccountOut = ZERO;
    let pensionWithdrawalTax = ZERO;
    pensionAccounts.forEach((x, i) => {
      const owner = x.ownerId ? h.byId.get(x.ownerId) : h.self;
      const retireYear =
        owner?.retirementIndex !== null && owner?.retirementIndex !== undefined
          ? Math.floor(owner.retirementIndex / 12)
          : h.firstYear;
      if (year === Math.max(retireYear, h.firstYear)) {
        const amount = x.balance.plus(paReturns[i] ?? ZERO);
        const tax = x.privatePension ? roundFen(amount.times(privatePensionWithdrawalRate(p))) : ZERO;
        pensionAccountOut = pensionAccountOut.plus(amount);
        pensionWithdrawalTax = pensionWithdrawalTax.plus(tax);
        toCash = toCash.plus(amount.minus(tax));
      }
    });
    // The 公积金 balance pays towards a home's down payment first, and is withdrawn when the self retires.
    let hfAvailable = housingFund.plus(hfReturn).plus(inc.housingFund).plus(inc.housingFundEmployer);
    const hfForHome = new Map<string, Dec>();
    for (const g of homeGoals) {
      if (g.startYear !== year) continue;
      const use = Dec.min(hfAvailable, roundFen(g.costs[0]?.amount ?? ZERO));
      hfForHome.set(g.id, use);
      hfAvailable = hfAvailable.minus(use);
    }
    let hfOut = sum([...hfForHome.values()]);
    const selfRetireYear = h.self.retirementIndex !== null ? Math.floor(h.self.retirementIndex / 12) : null;
    if (selfRetireYear !== null && year === Math.max(selfRetireYear, h.firstYear) && hfAvailable.gt(0)) {
      hfOut = hfOut.plus(hfAvailable);
      toCash = toCash.plus(hfAvailable);
      hfAvailable = ZERO;
    }
    let lifeCover = ZERO;
    if (scenario.death && scenario.death.year === year)
      lifeCover = lifeCoverPayout(profile, scenario.death.memberId, h, year);

    // 5. outflows ---------------------------------------------------------------------------------
    const spending = spendingForPeriod(profile, p, a, rates, scenario, s.spendingSetup);
    const budget = roundFen(retirementBudgetForPeriod(p, rates, scenario, s.spendingSetup));
    const livingSpending = sum(spending.map((x) => roundFen(x.amount))).plus(budget);
    const essentialSpending = sum(spending.filter((x) => x.essential).map((x) => roundFen(x.amount))).plus(
      budget,
    );
    const loanRows = s.loans.map((l) => loanTotals(l, p.startIndex, p.endIndex));
    const debtService = sum(loanRows.map((r) => r.payment));
    const interestPaid = sum(loanRows.map((r) => r.interest));
    const principalRepaid = sum(loanRows.map((r) => r.principal));
    const premiums = roundFen(premiumsForPeriod(profile, p, h, scenario, a, rates));
    const extraSpending = roundFen(
      sum(scenario.extraSpending.filter((x) => x.year === year).map((x) => x.amount)),
    );

    const poolOpening = sum(POOL.map((c) => pool[c]));
    const poolReturnTotal = sum(POOL.map((c) => poolReturn[c]));
    const inflows = inc.net.plus(rentalIncome).plus(toCash).plus(lifeCover);
    const privatePensionIn = inc.privatePension;
    let available = poolOpening.plus(poolReturnTotal).plus(inflows).minus(privatePensionIn);
    const mandatory = livingSpending.plus(debtService).plus(premiums).plus(extraSpending);
    let livingShortfall = ZERO;
    let mandatoryPaid = mandatory;
    if (available.lt(mandatory)) {
      livingShortfall = mandatory.minus(Dec.max(ZERO, available));
      mandatoryPaid = Dec.max(ZERO, available);
      available = ZERO;
    } else available = available.minus(mandatory);

    const goalPayments: GoalPayment[] = [];
    let goalPaidFromPool = ZERO;
    for (const g of s.goals) {
      for (const c of g.costs) {
        if (c.year !== year) continue;
        const cost = roundFen(c.amount);
        const fromHf = hfForHome.get(g.id) ?? ZERO;
        const fromPool = Dec.min(cost.minus(fromHf), available);
        available = available.minus(fromPool);
        goalPaidFromPool = goalPaidFromPool.plus(fromPool);
        goalPayments.push({
          goalId: g.id,
          cost,
          paid: fromHf.plus(fromPool),
          short: cost.minus(fromHf).minus(fromPool),
        });
      }
    }
    const goalCosts = sum(goalPayments.map((x) => x.cost));
    const goalPaid = sum(goalPayments.map((x) => x.paid));

    // 6. rebalance the pool ---------------------------------------------------------------------------
    const poolClosingTotal = available;
    const target = rebalance(
      poolClosingTotal,
      scenario.allocation === 'current' ? null : s,
      initialWeights,
      priceIndex,
    );
    const accounts: Record<string, Flow> = {};
    for (const cls of POOL) {
      const closing = target[cls];
      const base = pool[cls].plus(poolReturn[cls]);
      const external =
        cls === 'cash' ? inflows.minus(privatePensionIn).minus(mandatoryPaid).minus(goalPaidFromPool) : ZERO;
      const transfer = closing.minus(base).minus(external);
      const inflowTotal = poolReturn[cls].isNeg() ? ZERO : poolReturn[cls];
      const outflowTotal = poolReturn[cls].isNeg() ? poolReturn[cls].neg() : ZERO;
      const extIn = external.isNeg() ? ZERO : external;
      const extOut = external.isNeg() ? external.neg() : ZERO;
      const trIn = transfer.isNeg() ? ZERO : transfer;
      const trOut = transfer.isNeg() ? transfer.neg() : ZERO;
      accounts[cls] = {
        opening: pool[cls],
        inflows: inflowTotal.plus(extIn).plus(trIn),
        outflows: outflowTotal.plus(extOut).plus(trOut),
        closing,
      };
      pool[cls] = closing;
    }

    // Other accounts.
    const hfClosing = housingFund
      .plus(hfReturn)
      .plus(inc.housingFund)
      .plus(inc.housingFundEmployer)
      .minus(hfOut);
    accounts.housingFund = flow(
      housingFund,
      hfReturn.plus(inc.housingFund).plus(inc.housingFundEmployer),
      hfOut,
    );
    housingFund = hfClosing;

    const paOpening = sum(pensionAccounts.map((x) => x.balance));
    const paIn = sum(paReturns).plus(privatePensionIn);
    // Contributions go to the first private pension account of the contributor, else a new one.
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
      const owner = x.ownerId ? h.byId.get(x.ownerId) : h.self;
      const retireYear =
        owner?.retirementIndex !== null && owner?.retirementIndex !== undefined
          ? Math.floor(owner.retirementIndex / 12)
          : h.firstYear;
      x.balance = year >= Math.max(retireYear, h.firstYear) ? ZERO : x.balance.plus(paReturns[i] ?? ZERO);
    });
    accounts.pensionAccounts = flow(paOpening, paIn, pensionAccountOut);

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
    otherAssets = otherAssets.plus(otherReturn);

    const newLoans = sum(
      s.loans
        .filter(
          (l) => !l.spec.existing && l.spec.startIndex >= p.startIndex && l.spec.startIndex <= p.endIndex,
        )
        .map((l) => l.spec.balance),
    );
    const liabilitiesClosing = sum(s.loans.map((l) => balanceAfter(l, p.endIndex)));
    accounts.liabilities = flow(openingLiabilities, newLoans, principalRepaid);
    // Guard the identity: the schedule's balances are exact, so this only differs on a logic error.
    if (!accounts.liabilities.closing.eq(liabilitiesClosing))
      accounts.liabilities.closing = liabilitiesClosing;

    const poolTotal = sum(POOL.map((c) => pool[c]));
    const paTotal = sum(pensionAccounts.map((x) => x.balance));
    const reTotal = sum(properties.map((x) => x.value));
    const financialAssets = poolTotal.plus(paTotal);
    const netWorth = financialAssets
      .plus(housingFund)
      .plus(reTotal)
      .plus(otherAssets)
      .minus(liabilitiesClosing);

    const ages: Record<string, number> = {};
    for (const f of h.members) ages[f.member.id] = year - f.birthYear;

    years.push({
      period: p,
      ages,
      priceIndex,
      incomes,
      grossIncome: inc.gross.plus(rentalIncome),
      incomeTax: inc.tax,
      socialInsurance: inc.socialInsurance,
      housingFund: inc.housingFund,
      netIncome: inc.net.plus(rentalIncome),
      salaryAndBonus: inc.salary.plus(inc.bonus),
      pensionIncome: inc.pension,
      otherIncome: inc.otherNet,
      rentalIncome,
      livingSpending,
      essentialSpending,
      debtService,
      interestPaid,
      premiums,
      extraSpending,
      goalCosts,
      goalPaid,
      goalPayments,
      livingShortfall,
      // Income less what was paid out: internal transfers are not cash flow (they are in `accounts`).
      netCashFlow: inflows.minus(toCash).minus(privatePensionIn).minus(mandatoryPaid).minus(goalPaidFromPool),
      transfersIn: toCash,
      contributionsOut: privatePensionIn,
      poolInflow: inflows.minus(privatePensionIn),
      mandatoryDue: mandatory,
      poolReturns: poolReturnTotal,
      accounts,
      pool: { ...pool },
      financialAssets,
      housingFundBalance: housingFund,
      pensionAccounts: paTotal,
      realEstate: reTotal,
      otherAssets,
      liabilities: liabilitiesClosing,
      netWorth,
    });
  }
  return years;
}

function flow(opening: Dec, inflows: Dec, outflows: Dec): Flow {
  return { opening, inflows, outflows, closing: opening.plus(inflows).minus(outflows) };
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
  s: LedgerSetup | null,
  currentWeights: Record<PoolAccount, Dec>,
  priceIndex: Dec,
): Record<PoolAccount, Dec> {
  if (total.lte(0)) return { cash: ZERO, deposit: ZERO, bond: ZERO, equity: ZERO };
  let weights: Record<PoolAccount, Dec>;
  let reserve = ZERO;
  if (s) {
    reserve = Dec.min(total, s.emergencyReserveToday.times(priceIndex));
    weights = {
      cash: s.targetWeights.cash,
      deposit: ZERO,
      bond: s.targetWeights.bond,
      equity: s.targetWeights.equity,
    };
  } else weights = currentWeights;
  const rest = total.minus(reserve);
  const deposit = roundFen(rest.times(weights.deposit));
  const bond = roundFen(rest.times(weights.bond));
  const equity = roundFen(rest.times(weights.equity));
  const cash = total.minus(deposit).minus(bond).minus(equity);
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
    const growth = renewable ? compound(rates.priceGrowth(a.medicalInflation), p.t) : ONE;
    total = total.plus(dec(x.annualPremium).div(12).times(months).times(growth));
  }
  return total;
}
