/**
 * The Plan: the engine's answer, and the real product. The PDF, the HTTP JSON answer and the batch
 * summary are views of it.
 *
 * It is plain JSON: money as decimal strings in 元 (two decimals), rates as decimal strings
 * (fractions), months as "YYYY-MM", years as numbers; no Decimal or Date objects. It crosses
 * threads, processes and queues unchanged and renders identically after a JSON round trip.
 * docs/plan-format.md documents every field; docs/plan.schema.json is generated from planSchema.
 */
import type {
  AssetType,
  EducationLocation,
  EducationStage,
  EmploymentType,
  Gender,
  GoalPriority,
  GoalType,
  IncomeType,
  InsuranceType,
  LiabilityType,
  MemberRole,
  PensionScheme,
  RepaymentMethod,
  RetirementCategory,
  RiskLevel,
  SpendingCategory,
} from '../domain/codes.js';

/** Money in 元, decimal string with two decimals ("1234.50"). */
export type MoneyString = string;
/** A rate or ratio as a decimal string fraction ("0.035"). */
export type RateString = string;

export const PLAN_FORMAT_VERSION = 1;

export interface Plan {
  planFormatVersion: typeof PLAN_FORMAT_VERSION;
  engineVersion: string;
  ruleSetId: string;
  /** 口径日期: the date the rule set describes ("YYYY-MM-DD"). */
  rulesAsOf: string;
  /** sha256 of the canonical profile: different plans get different PDF IDs. */
  inputHash: string;
  valuationMonth: string;
  /** "YYYY-MM-DD": the profile's report date, else the first day of the valuation month. */
  reportDate: string;
  report: PlanReportInfo;
  household: PlanHousehold;
  members: PlanMember[];
  assumptions: PlanAssumptions;
  balanceSheet: BalanceSheet;
  cashFlow: CashFlowStatement;
  ratios: RatioResult[];
  emergencyFund: EmergencyFundPlan;
  projection: Projection;
  tier: ClientTierResult;
  goals: GoalResult[];
  planning: PlanningModules;
  actions: Action[];
  findings: Finding[];
}

export interface PlanReportInfo {
  reportNumber: string;
  plannerName: string | null;
  plannerCertificate: string | null;
  plannerPhone: string | null;
  brand: string | null;
}

export interface PlanHousehold {
  familyName: string;
  city: string;
  /** Rule-table city code when the city is one the rules know ("beijing"), else null. */
  cityCode: string | null;
  /** How the report addresses the client: "王先生". */
  clientTitle: string;
  /** 家庭生命周期 stage code. */
  lifeStage: LifeStage;
  riskLevel: RiskLevel;
  /** How the risk level was obtained. */
  riskLevelSource: 'stated' | 'questionnaire';
  questionnaireScore: number | null;
}

export type LifeStage = 'single' | 'formation' | 'growth' | 'maturity' | 'retirement';

export interface PlanMember {
  id: string;
  role: MemberRole;
  name: string;
  gender: Gender;
  birthMonth: string;
  ageAtValuation: number;
  occupation: string | null;
  employment: EmploymentType | null;
  pensionScheme: PensionScheme | null;
  healthNotes: string | null;
  lifeExpectancy: number;
  /** Last calendar year the member is alive in the plan. */
  lastYear: number;
  retirement: MemberRetirement | null;
}

export interface MemberRetirement {
  category: RetirementCategory;
  /** Whether the category was stated or defaulted from gender. */
  categorySource: 'stated' | 'defaulted';
  /** Statutory retirement month under the 2025 reform. */
  statutoryMonth: string;
  statutoryAgeYears: number;
  statutoryAgeMonths: number;
  /** Month salary stops in the plan (statutory ± 弹性退休). */
  plannedMonth: string;
  alreadyRetired: boolean;
}

export interface AssumptionValue {
  value: RateString;
  /** Where the value came from: the rule set's default or the profile's override. */
  origin: 'default' | 'profile';
  /** Why this value (Chinese, for the 假设 section). */
  note: string;
}

export interface PlanAssumptions {
  inflation: AssumptionValue;
  incomeGrowth: AssumptionValue;
  educationInflation: AssumptionValue;
  educationInflationAbroad: AssumptionValue;
  medicalInflation: AssumptionValue;
  housePriceGrowth: AssumptionValue;
  pensionGrowth: AssumptionValue;
  averageWageGrowth: AssumptionValue;
  retirementSpendingRatio: AssumptionValue;
  returns: Record<AssetClass, AssumptionValue>;
  lifeExpectancyMale: number;
  lifeExpectancyFemale: number;
}

/** Asset classes that earn a return in the ledger. */
export type AssetClass =
  'cash' | 'deposit' | 'bond' | 'equity' | 'realEstate' | 'pensionAccount' | 'housingFund' | 'other';

// ---------------------------------------------------------------------------------------------
// 资产负债表

export type AssetGroup = 'liquid' | 'investment' | 'realEstate' | 'retirement' | 'other';

export interface BalanceSheetAsset {
  type: AssetType;
  label: string;
  group: AssetGroup;
  value: MoneyString;
}

export interface BalanceSheetLiability {
  type: LiabilityType;
  label: string;
  balance: MoneyString;
  annualRate: RateString;
  monthsLeft: number;
  method: RepaymentMethod;
  /** Payment in the valuation month (first payment for 等额本金). */
  monthlyPayment: MoneyString;
}

export interface BalanceSheet {
  assets: BalanceSheetAsset[];
  liabilities: BalanceSheetLiability[];
  totals: {
    liquid: MoneyString;
    investment: MoneyString;
    realEstate: MoneyString;
    retirement: MoneyString;
    other: MoneyString;
    /** Liquid + investment + retirement accounts: what the client tier is measured on. */
    financialAssets: MoneyString;
    totalAssets: MoneyString;
    totalLiabilities: MoneyString;
    netWorth: MoneyString;
  };
}

// ---------------------------------------------------------------------------------------------
// 收支表 (the first 12 months from the valuation month, annualised)

export interface IncomeLine {
  memberId: string;
  type: IncomeType;
  label: string;
  gross: MoneyString;
}

export interface MemberTaxLine {
  memberId: string;
  grossSalary: MoneyString;
  bonus: MoneyString;
  socialInsurance: MoneyString;
  housingFund: MoneyString;
  specialAdditionalDeductions: MoneyString;
  salaryTax: MoneyString;
  bonusTax: MoneyString;
  bonusMethod: 'separate' | 'merged' | 'none';
  otherTax: MoneyString;
  netIncome: MoneyString;
}

export interface SpendingLine {
  category: SpendingCategory;
  label: string;
  essential: boolean;
  annual: MoneyString;
}

export interface CashFlowStatement {
  incomes: IncomeLine[];
  taxes: MemberTaxLine[];
  spending: SpendingLine[];
  totals: {
    grossIncome: MoneyString;
    incomeTax: MoneyString;
    socialInsurance: MoneyString;
    housingFund: MoneyString;
    netIncome: MoneyString;
    essentialSpending: MoneyString;
    discretionarySpending: MoneyString;
    livingSpending: MoneyString;
    debtService: MoneyString;
    insurancePremiums: MoneyString;
    totalOutflow: MoneyString;
    surplus: MoneyString;
  };
}

// ---------------------------------------------------------------------------------------------
// Ratios, emergency fund

export type Verdict = 'good' | 'watch' | 'poor' | 'na';

export interface RatioResult {
  code: RatioCode;
  name: string;
  formula: string;
  /** Reference range as the textbook states it. */
  reference: string;
  /** Exact value rounded to 4 places; null when it cannot be computed (see reason). */
  value: RateString | null;
  reason: 'zero_denominator' | 'net_assets_not_positive' | 'no_liabilities' | null;
  verdict: Verdict;
  /** The denominator convention when it matters ("税后收入口径"). */
  basis: string | null;
}

export type RatioCode =
  | 'savingsRatio'
  | 'investmentToNetWorth'
  | 'solvencyRatio'
  | 'debtRatio'
  | 'currentRatio'
  | 'debtServiceRatio'
  | 'liquidityRatio'
  | 'consumptionRatio'
  | 'financialFreedom'
  | 'premiumBurden';

export interface EmergencyFundPlan {
  /** Essential living spending per month (today's money, the 收支表's first 12 months ÷ 12). */
  monthlyEssential: MoneyString;
  monthsMin: number;
  monthsMax: number;
  incomeStability: 'stable' | 'unstable';
  targetMin: MoneyString;
  targetMax: MoneyString;
  /** Cash, demand deposits and money-market funds (time deposits excluded). */
  liquid: MoneyString;
  /** What is missing to reach the lower end of the range. */
  gap: MoneyString;
  /** What is missing to reach the upper end. */
  gapToMax: MoneyString;
  status: 'short' | 'adequate' | 'excess';
  monthsCovered: RateString | null;
}

// ---------------------------------------------------------------------------------------------
// The yearly projection (ledger)

export interface Projection {
  firstYear: number;
  lastYear: number;
  /** Months covered by the first year (valuation month to December). */
  firstYearMonths: number;
  /** Order of events within a year, as documented in docs/plan-format.md. */
  conventions: string[];
  years: ProjectionYear[];
}

export interface ProjectionYear {
  year: number;
  months: number;
  /** Ages at the end of the year by member id. */
  ages: Record<string, number>;
  /** Cumulative inflation index from the valuation month to the end of this year. */
  priceIndex: RateString;
  grossIncomeNominal: MoneyString;
  incomeTaxNominal: MoneyString;
  socialInsuranceNominal: MoneyString;
  netIncomeNominal: MoneyString;
  livingSpendingNominal: MoneyString;
  debtServiceNominal: MoneyString;
  insurancePremiumsNominal: MoneyString;
  goalSpendingNominal: MoneyString;
  netCashFlowNominal: MoneyString;
  investmentReturnNominal: MoneyString;
  financialAssetsEndNominal: MoneyString;
  liabilitiesEndNominal: MoneyString;
  netWorthEndNominal: MoneyString;
  netIncomeReal: MoneyString;
  livingSpendingReal: MoneyString;
  netCashFlowReal: MoneyString;
  financialAssetsEndReal: MoneyString;
  netWorthEndReal: MoneyString;
  /** Unpaid spending in this year when the liquid and investment accounts ran dry. */
  shortfallNominal: MoneyString;
  accounts: AccountFlow[];
}

/** Opening + inflows − outflows = closing, for every account every year. */
export interface AccountFlow {
  account: string;
  opening: MoneyString;
  inflows: MoneyString;
  outflows: MoneyString;
  closing: MoneyString;
}

// ---------------------------------------------------------------------------------------------
// Goals and planning modules. Each module answers: the need, what exists, the gap, what to do,
// and its effect on cash flow. Money in 元 as decimal strings.

export interface ClientTierResult {
  code: 'T0' | 'T1' | 'T2' | 'T3' | 'T4';
  name: string;
  servedBy: string;
  financialAssets: MoneyString;
  /** Lower bound of the tier (元). */
  minAssets: MoneyString;
}

export type GoalStatus = 'on_track' | 'at_risk' | 'short';

export interface GoalResult {
  goalId: string;
  type: GoalType;
  label: string;
  priority: GoalPriority;
  memberId: string | null;
  startYear: number;
  endYear: number;
  /** Cost in today's money (per year for yearly goals; the down payment for a home). */
  todayCost: MoneyString;
  /** Total nominal cost over the goal's years. */
  totalNominalCost: MoneyString;
  growth: RateString;
  amountSource: 'profile' | 'preset';
  paidNominal: MoneyString;
  shortfallNominal: MoneyString;
  /** First year the ledger cannot pay the goal in full, and that year's unpaid amount. */
  firstShortYear: number | null;
  firstShortAmount: MoneyString;
  status: GoalStatus;
}

/** How a recommendation changes the household's cash flow. */
export interface CashFlowEffect {
  /** Per year in today's money (positive = more spending or saving out of income). */
  annualToday: MoneyString;
  fromYear: number;
  toYear: number | null;
  /** One-off transfer between accounts (e.g. into the emergency fund), if any. */
  oneOff: MoneyString;
}

export interface PlanningModules {
  emergency: EmergencyFundPlan & { recommendation: CashFlowEffect | null };
  insurance: InsurancePlan;
  education: EducationPlan;
  housing: HousingPlan;
  retirement: RetirementPlan;
  investment: InvestmentPlan;
  tax: TaxPlan;
  otherGoals: OtherGoalsPlan;
}

export interface CoverLine {
  kind: 'life' | 'criticalIllness' | 'medical' | 'accident';
  /** Cover needed; null for medical and accident, where the question is whether a policy exists. */
  need: MoneyString | null;
  existing: MoneyString;
  gap: MoneyString | null;
  /** Whether the member has adequate cover of this kind (no gap, or a policy for medical/accident). */
  covered: boolean;
  /** Order in which to buy (1 first): 先大人后小孩; 医疗/意外 → 重疾 → 寿险. */
  order: number;
}

export interface MemberInsurance {
  memberId: string;
  annualIncome: MoneyString;
  /** Share of household income: the economic pillar has the largest. */
  incomeShare: RateString;
  lines: CoverLine[];
  life: {
    doubleTen: MoneyString;
    humanLifeValue: MoneyString | null;
    needsAnalysis: MoneyString | null;
    needsComponents: { code: string; amount: MoneyString }[];
    /** The figure the plan recommends and why. */
    recommended: MoneyString;
    method: 'needsAnalysis' | 'humanLifeValue' | 'doubleTen' | 'none';
  } | null;
}

export interface InsurancePlan {
  members: MemberInsurance[];
  householdIncome: MoneyString;
  currentPremiums: MoneyString;
  /** 双十原则: premiums ≤ 10% of income. */
  premiumBudget: MoneyString;
  premiumBudgetLeft: MoneyString;
  premiumShare: RateString | null;
}

export interface EducationGoalPlan {
  goalId: string;
  childId: string | null;
  stage: EducationStage | null;
  location: EducationLocation | null;
  startYear: number;
  years: number;
  annualCostToday: MoneyString;
  totalNominal: MoneyString;
  lumpSumToday: MoneyString;
  /** Earmarked asset (fundingAssetId) value today, counted towards this goal. */
  earmarked: MoneyString;
  gapToday: MoneyString;
  monthlySaving: MoneyString | null;
  returnAssumption: RateString;
  fundedInLedger: boolean;
}

export interface EducationPlan {
  goals: EducationGoalPlan[];
  totalLumpSumToday: MoneyString;
  totalMonthlySaving: MoneyString;
}

export interface LoanPrepaymentAdvice {
  label: string;
  balance: MoneyString;
  annualRate: RateString;
  /** The prepayment tested (元) and after which month. */
  amount: MoneyString;
  afterMonth: number;
  shortenTermInterestSaved: MoneyString;
  shortenTermMonthsSaved: number;
  lowerPaymentInterestSaved: MoneyString;
  lowerPaymentNewPayment: MoneyString;
  /** Prepay when the loan rate exceeds the expected after-tax return of the recommended mix. */
  recommended: boolean;
  expectedReturn: RateString;
}

export interface HomePurchasePlan {
  goalId: string;
  year: number;
  priceNominal: MoneyString;
  downPaymentRatio: RateString;
  minimumDownPaymentRatio: RateString;
  downPayment: MoneyString;
  loan: MoneyString;
  loanRate: RateString;
  loanMonths: number;
  equalPaymentMonthly: MoneyString;
  equalPaymentTotalInterest: MoneyString;
  equalPrincipalFirstMonthly: MoneyString;
  equalPrincipalTotalInterest: MoneyString;
  /** 公积金 first-home rate (>5 years) for comparison: interest saved per 10万 moved to 公积金. */
  housingFundRate: RateString | null;
  housingFundSavingPer100k: MoneyString | null;
  /** Payment ÷ after-tax monthly income in the purchase year, and the planner's line. */
  paymentToIncome: RateString | null;
  plannerMax: RateString;
  bankMax: RateString;
  /** Highest price the household can carry at the planner's line with the planned down payment. */
  affordablePrice: MoneyString;
  affordable: boolean;
  downPaymentFunded: boolean;
}

export interface HousingPlan {
  existingLoans: LoanPrepaymentAdvice[];
  purchases: HomePurchasePlan[];
}

export interface MemberRetirementPlan {
  memberId: string;
  retirementMonth: string;
  monthlyPension: MoneyString | null;
  /** Pension ÷ final salary (monthly, nominal) — the replacement ratio. */
  replacementRatio: RateString | null;
  contributionYears: RateString | null;
  minimumContributionYears: RateString | null;
  /** 个人养老金: tax saved per year at the member's marginal rate, net of the 3% on withdrawal. */
  privatePensionTaxSaving: MoneyString;
  marginalRate: RateString;
}

export interface RetirementPlan {
  retirementYear: number | null;
  yearsInRetirement: number;
  spendingToday: MoneyString;
  spendingAtRetirement: MoneyString;
  needReal: MoneyString;
  needNominal: MoneyString;
  pensionPv: MoneyString;
  assetsAtRetirement: MoneyString;
  gap: MoneyString;
  monthlySaving: MoneyString | null;
  returnBefore: RateString;
  returnAfter: RateString;
  members: MemberRetirementPlan[];
  /** From the ledger: the age of the self when money first runs short, if it does. */
  ledgerShortfallAge: number | null;
  ledgerShortfallYear: number | null;
}

export interface AllocationMix {
  cash: RateString;
  deposit: RateString;
  bond: RateString;
  equity: RateString;
  expectedReturn: RateString;
  volatility: RateString;
}

export interface InvestmentPlan {
  riskLevel: RiskLevel;
  modelName: string;
  current: AllocationMix;
  recommended: AllocationMix;
  /** Amount to move into (positive) or out of (negative) each class, 元. */
  moves: { cash: MoneyString; deposit: MoneyString; bond: MoneyString; equity: MoneyString };
  investable: MoneyString;
  /** Product risk levels suitable for the client (R1..). */
  suitableProducts: string[];
  /** Whether today's mix carries more equity than the model for the client's level allows. */
  currentAboveLevel: boolean;
  badYear: RateString;
}

export interface MemberTaxPlan {
  memberId: string;
  bonusMethod: 'separate' | 'merged' | 'none';
  bonusSaving: MoneyString;
  bonusInInvalidInterval: boolean;
  claimedDeductions: { code: string; amount: MoneyString }[];
  /** Deductions the household could claim but the plan did not assume (to check with the client). */
  possibleDeductions: string[];
  marginalRate: RateString;
  privatePensionTaxSaving: MoneyString;
  annualTax: MoneyString;
}

export interface TaxPlan {
  members: MemberTaxPlan[];
  bonusSeparateUntil: string;
}

export interface OtherGoalPlan {
  goalId: string;
  /** Monthly saving from now that would fund the ledger's shortfalls (at the recommended return). */
  monthlySaving: MoneyString | null;
}

export interface OtherGoalsPlan {
  goals: OtherGoalPlan[];
}

export interface Action {
  code: string;
  module: keyof PlanningModules | 'review';
  /** Month by which to act ("YYYY-MM"). */
  due: string;
  priority: 1 | 2 | 3;
  data: Record<string, string | number | boolean | null>;
}

// ---------------------------------------------------------------------------------------------
// Findings: codes and numbers; the words are in templates/findings/<code>.hbs

export type Severity = 'info' | 'warning' | 'critical';

export interface Finding {
  code: string;
  /** The module that raised it, if any. */
  module?: keyof PlanningModules | 'household';
  severity: Severity;
  /** Numbers and codes the template may use; money as decimal strings. */
  data: Record<string, string | number | boolean | null>;
}

export type { EducationLocation, EducationStage, GoalPriority, GoalType, InsuranceType };
