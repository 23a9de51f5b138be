/**
 * The household's statements for the first twelve months: the 收支表 (each income line, the tax and
 * 五险一金 of every earner, spending, loan payments and premiums) and the financial ratios with
 * their textbook references. Read from one engine run; the Plan shows them as they are.
 */
import { Dec, ZERO, roundFen, sum, toMoneyString, toRateString } from '../domain/money.js';
import { householdRatios, verdictOf } from './calculators/ratios.js';
import { type CashFlowStatement, type Plan, type RatioResult } from './plan-types.js';
import { childcareSubsidies } from './projection/benefits.js';
import { memberIncomeForPeriod, sumIncomes, withBenefits } from './projection/income.js';
import { premiumsForPeriod } from './projection/ledger.js';
import { loanTotals } from './projection/loans.js';
import { annualAmount, firstTwelveMonths } from './projection/period.js';
import { spendingForPeriod } from './projection/spending.js';
import { RATIO_REFERENCES } from './rules/assumptions.js';
import { type EngineRun } from './run.js';
import { essentialOutflowMonthly } from './planning/emergency.js';
import type { MemberIncome } from './projection/income.js';

export function buildCashFlowStatement(run: EngineRun): {
  statement: CashFlowStatement;
  incomes: MemberIncome[];
} {
  const { profile, h, assumptions: a, rates, scenario } = run;
  const p = firstTwelveMonths(h.valuationIndex, h.firstYear);
  const incomes = h.members
    .filter((f) => f.isAdult)
    .map((f) => memberIncomeForPeriod(f, p, profile, h, a, rates, scenario, run.incomeSetup));
  const subsidies = childcareSubsidies(h, p);
  const tot = withBenefits(sumIncomes(incomes), subsidies.total);
  const lines = spendingForPeriod(profile, p, a, rates, scenario, run.spendingSetup).map((l) => ({
    ...l,
    amount: roundFen(l.amount),
  }));
  const living = sum(lines.map((l) => l.amount));
  const essential = sum(lines.filter((l) => l.essential).map((l) => l.amount));
  const debt = sum(run.loans.map((l) => loanTotals(l, p.startIndex, p.endIndex).payment));
  const premiums = roundFen(premiumsForPeriod(profile, p, h, scenario, a, rates));
  const rental = roundFen(sum(profile.assets.map((x) => (x.annualIncome ? new Dec(x.annualIncome) : ZERO))));
  const net = tot.net.plus(rental);
  const outflow = living.plus(debt).plus(premiums);
  const incomeLines = profile.incomes.map((i) => {
    return {
      memberId: i.memberId,
      type: i.type,
      label: i.label ?? '',
      gross: toMoneyString(annualAmount(i)),
    };
  });
  for (const x of profile.assets.filter((x) => x.annualIncome))
    incomeLines.push({
      memberId: x.ownerId ?? h.self.member.id,
      type: 'rental',
      label: x.label ?? '租金',
      gross: toMoneyString(x.annualIncome!),
    });
  for (const b of subsidies.byChild)
    incomeLines.push({
      memberId: b.memberId,
      type: 'other',
      label: '育儿补贴',
      gross: toMoneyString(b.amount),
    });
  const statement: CashFlowStatement = {
    incomes: incomeLines,
    taxes: incomes.map((i) => ({
      memberId: i.memberId,
      grossSalary: toMoneyString(i.salary),
      bonus: toMoneyString(i.bonus),
      socialInsurance: toMoneyString(i.socialInsurance),
      housingFund: toMoneyString(i.housingFund),
      specialAdditionalDeductions: toMoneyString(i.specialAdditional),
      salaryTax: toMoneyString(i.salaryTax),
      bonusTax: toMoneyString(i.bonusTax),
      bonusMethod: i.bonusMethod,
      otherTax: '0.00',
      netIncome: toMoneyString(i.net),
    })),
    spending: lines.map((l) => {
      const s = profile.spending[l.index]!;
      return {
        category: s.category,
        label: s.label ?? '',
        essential: s.essential,
        annual: toMoneyString(l.amount),
      };
    }),
    totals: {
      grossIncome: toMoneyString(tot.gross.plus(rental)),
      incomeTax: toMoneyString(tot.tax),
      socialInsurance: toMoneyString(tot.socialInsurance),
      housingFund: toMoneyString(tot.housingFund),
      netIncome: toMoneyString(net),
      essentialSpending: toMoneyString(essential),
      discretionarySpending: toMoneyString(living.minus(essential)),
      livingSpending: toMoneyString(living),
      debtService: toMoneyString(debt),
      insurancePremiums: toMoneyString(premiums),
      totalOutflow: toMoneyString(outflow),
      surplus: toMoneyString(net.minus(outflow)),
    },
  };
  return { statement, incomes };
}

export function buildRatios(
  run: EngineRun,
  t: Plan['balanceSheet']['totals'],
  cf: CashFlowStatement,
): RatioResult[] {
  const { profile } = run;
  const d = (s: string) => new Dec(s);
  const investmentAssets = sum(
    profile.assets
      .filter((x) =>
        [
          'time_deposit',
          'bond',
          'equity',
          'real_estate_investment',
          'private_pension',
          'enterprise_annuity',
          'business_equity',
        ].includes(x.type),
      )
      .map((x) => x.value),
  );
  const protectionPremium = sum(
    profile.insurance
      .filter((x) => x.type !== 'annuity' && x.type !== 'whole_life')
      .map((x) => x.annualPremium),
  );
  const passive = sum(profile.assets.map((x) => (x.annualIncome ? new Dec(x.annualIncome) : ZERO)));
  const annualSpending = d(cf.totals.totalOutflow);
  const values = householdRatios({
    annualAfterTaxIncome: d(cf.totals.netIncome),
    annualSpending,
    totalAssets: d(t.totalAssets),
    totalLiabilities: d(t.totalLiabilities),
    investmentAssets,
    liquidAssets: d(t.liquid),
    // The liquidity ratio's months are the emergency fund's: liquid assets ÷ essential outflows.
    monthlySpending: essentialOutflowMonthly(cf),
    monthlySpendingBasis: '每月必要流出（必要生活支出 + 贷款月供 + 保费）',
    annualDebtService: d(cf.totals.debtService),
    annualPassiveIncome: passive.plus(investmentIncomeOf(run)),
    annualProtectionPremium: protectionPremium,
  });
  const refs = RATIO_REFERENCES.value;
  return values.map((v) => {
    const ref = refs[v.code];
    return {
      code: v.code,
      name: ref.name,
      formula: ref.formula,
      reference: ref.reference,
      value: v.value === null ? null : toRateString(v.value, 4),
      reason: v.reason ?? null,
      verdict: v.value === null ? 'na' : (verdictOf(v.value, ref.bands) ?? 'na'),
      basis: v.basis ?? null,
    };
  });
}

/** Expected yearly return of the financial pool at today's balances (for 财务自由度). */
function investmentIncomeOf(run: EngineRun): Dec {
  const first = run.ledger[0];
  if (!first) return ZERO;
  return first.period.months === 12
    ? first.poolReturns
    : first.poolReturns.times(12).div(first.period.months);
}
