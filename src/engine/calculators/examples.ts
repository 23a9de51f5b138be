/**
 * Example inputs per calculator. docs/calculators.md shows each with the output the code produces
 * for it (`npm run docs` writes the doc; test/docs.test.ts fails when an example's output in the
 * doc differs from what the code gives now), and the registry fuzz tests perturb the first one.
 */
import type { CalculatorName } from './index.js';

export interface CalculatorExample {
  /** What the example shows (Chinese, then English). */
  title: string;
  input: Record<string, unknown>;
}

export const CALCULATOR_EXAMPLES: Record<CalculatorName, readonly CalculatorExample[]> = {
  tvm: [
    {
      title: '由月供反求利率 / Solve the rate from a payment',
      input: { solve: 'rate', nper: 360, pmt: -5307.27, pv: 1000000 },
    },
  ],
  mortgage: [
    {
      title: '组合贷、提前还款与负担能力 / Combination loan, prepayment, affordability',
      input: {
        tranches: [
          { source: 'housing_fund', principal: 600000 },
          { source: 'commercial', principal: 400000, lprSpread: -0.0045 },
        ],
        months: 360,
        method: 'equal_payment',
        prepayment: { afterMonth: 24, amount: 100000 },
        affordability: { monthlyGrossIncome: 20000, monthlyNetIncome: 16000, housePrice: 1500000 },
      },
    },
    {
      title:
        '等额本金：公式末期月供与还款表末期月供 / Equal principal: last payment by formula and by schedule',
      input: {
        tranches: [{ source: 'commercial', principal: 1000000, annualRate: 0.049 }],
        months: 360,
        method: 'equal_principal',
        includeSchedule: false,
      },
    },
  ],
  'mortgage-affordability': [
    {
      title: '月供 5,307.27 元、4.9%、30 年 / The classic bank example in reverse',
      input: { monthlyPayment: 5307.27, months: 360, annualRate: 0.049, downPaymentRatio: 0.3 },
    },
    {
      title: '按规则集 LPR 与最低首付，并考虑首付存款 / Rule-set rate and minimum down payment, with savings',
      input: { monthlyPayment: 8000, months: 300, lprSpread: -0.0045, savingsForDownPayment: 300000 },
    },
  ],
  iit: [
    {
      title: '全年税额与按月累计预扣 / Annual tax and monthly withholding',
      input: {
        annualIncome: 360000,
        specialDeduction: 54000,
        specialAdditional: { children: { count: 1 } },
        withholding: { monthlyIncome: 30000 },
      },
    },
    {
      title: '已知应纳税所得额直接查表 / From a known taxable income',
      input: { taxableIncome: 120000 },
    },
    {
      title: '改写基本减除费用 / Overriding the basic deduction',
      input: { annualIncome: 200000, basicDeduction: 72000, specialDeduction: 20000 },
    },
  ],
  'annual-bonus': [
    {
      title: '已知不含奖金的应纳税所得额 / From the taxable income without the bonus',
      input: { bonus: 37000, otherTaxableIncome: 100000 },
    },
    {
      title: '由月薪、五险一金与专项附加扣除计算 / From the monthly salary and deductions',
      input: {
        bonus: 36000,
        monthlySalary: 20000,
        monthlySpecialDeduction: 2000,
        monthlySpecialAdditional: 3000,
      },
    },
  ],
  'social-insurance': [
    {
      title: '北京，工资高于缴费基数上限 / Beijing, wage above the base cap',
      input: { monthlyWage: 50000, city: '北京', date: '2025-09' },
    },
  ],
  pension: [
    {
      title: '基础养老金与个人账户养老金 / Pooled part and personal account',
      input: {
        birthMonth: '1980-05',
        category: 'male60',
        contributionYears: 20,
        accountBalance: 150000,
        currentBase: 20000,
        averageIndex: 1.5,
        computationBase: 12000,
      },
    },
  ],
  'retirement-age': [
    {
      title: '原 55 岁退休女职工 / Woman with original retirement age 55',
      input: { birthMonth: '1971-04', category: 'female55' },
    },
  ],
  savings: [
    {
      title: '10 年后 50 万：每月、每年末或今日一次性 / 500,000 in 10 years three ways',
      input: { targetAmount: 500000, years: 10, annualReturn: 0.03, existingSavings: 50000 },
    },
    {
      title: '按今日价格计的目标，缺省存款利率与通胀 / A target in today’s money, default rates',
      input: { targetAmountToday: 200000, years: 5 },
    },
  ],
  education: [
    {
      title: '按预设费用：国内本科 / Preset costs: domestic undergraduate',
      input: { stages: [{ stage: 'undergraduate', location: 'domestic', startInYears: 10 }] },
    },
    {
      title: '总额模式：费用已知，无需阶段与就读地 / Plain total cost: no stage or location',
      input: {
        stages: [
          { startInYears: 6, annualCost: 30000, years: 3 },
          { startInYears: 12, totalCost: 400000, growth: 0.05 },
        ],
        investmentReturn: 0.03,
        existingFund: 50000,
      },
    },
  ],
  retirement: [
    {
      title: '按支出测算退休缺口 / Gap from retirement spending',
      input: { currentAge: 40, retirementAge: 63, annualSpendingToday: 120000 },
    },
    {
      title: '总额模式：已知退休时所需资金 / Plain total: the fund needed at retirement is known',
      input: {
        needAtRetirement: 3000000,
        yearsToRetirement: 20,
        currentAssets: 400000,
        returnBeforeRetirement: 0.04,
      },
    },
  ],
  insurance: [
    {
      title: '三种方法并列 / The three methods side by side',
      input: {
        annualIncome: 300000,
        hlv: { yearsToRetirement: 25, consumptionShare: 0.3 },
        needs: { funeral: 50000 },
      },
    },
    {
      title: '仅需求分析，无需收入 / Needs analysis only, no income',
      input: {
        existingCover: 500000,
        needs: {
          funeral: 50000,
          debts: 1200000,
          educationPv: 300000,
          survivorsAnnualSpending: 80000,
          survivorsYears: 15,
          emergencyFund: 60000,
          liquidAssets: 200000,
        },
      },
    },
  ],
  'emergency-fund': [
    {
      title: '必要支出与流动资产 / Essential spending vs liquid assets',
      input: { monthlyEssentialSpending: 10000, cash: 20000 },
    },
  ],
  ratios: [
    {
      title: '家庭财务比率 / Household ratios',
      input: {
        annualAfterTaxIncome: 400000,
        annualSpending: 250000,
        totalAssets: 5000000,
        totalLiabilities: 1500000,
      },
    },
  ],
};
