/**
 * A valid example input per calculator: the registry fuzz tests perturb them, and docs/calculators.md
 * shows them with the output the code produced for them.
 */
export const EXAMPLES: Record<string, Record<string, unknown>> = {
  tvm: { solve: 'rate', nper: 360, pmt: -5307.27, pv: 1000000 },
  mortgage: {
    tranches: [
      { source: 'housing_fund', principal: 600000 },
      { source: 'commercial', principal: 400000, lprSpread: -0.0045 },
    ],
    months: 360,
    method: 'equal_payment',
    prepayment: { afterMonth: 24, amount: 100000 },
    affordability: { monthlyGrossIncome: 20000, monthlyNetIncome: 16000, housePrice: 1500000 },
  },
  iit: {
    annualIncome: 360000,
    specialDeduction: 54000,
    specialAdditional: { children: { count: 1 } },
    withholding: { monthlyIncome: 30000 },
  },
  'annual-bonus': { bonus: 37000, otherTaxableIncome: 100000 },
  'social-insurance': { monthlyWage: 50000, city: '北京', date: '2025-09' },
  pension: {
    birthMonth: '1980-05',
    category: 'male60',
    contributionYears: 20,
    accountBalance: 150000,
    currentBase: 20000,
    averageIndex: 1.5,
    computationBase: 12000,
  },
  'retirement-age': { birthMonth: '1971-04', category: 'female55' },
  education: { stages: [{ stage: 'undergraduate', location: 'domestic', startInYears: 10 }] },
  retirement: { currentAge: 40, retirementAge: 63, annualSpendingToday: 120000 },
  insurance: {
    annualIncome: 300000,
    hlv: { yearsToRetirement: 25, consumptionShare: 0.3 },
    needs: { funeral: 50000 },
  },
  'emergency-fund': { monthlyEssentialSpending: 10000, cash: 20000 },
  ratios: {
    annualAfterTaxIncome: 400000,
    annualSpending: 250000,
    totalAssets: 5000000,
    totalLiabilities: 1500000,
  },
};
