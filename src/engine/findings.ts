/**
 * The registry of finding and action codes: each code with the data it carries and the kind of
 * each datum. The engine emits codes and numbers only; the report formats each datum by its kind
 * (an amount as "42.3 万元", a rate as "81.3%", a member id as the member's name) and words it with
 * templates/findings/<CODE>.hbs and templates/actions/<CODE>.hbs. A test checks that every code
 * has a template and that the templates use only the data declared here.
 */
export type DatumKind =
  | 'money' // 元, decimal string
  | 'rate' // fraction, decimal string
  | 'count' // a whole number of things (trials, months)
  | 'year' // a calendar year
  | 'age' // years of age
  | 'months' // a number of months
  | 'member' // a member id
  | 'members' // member ids joined with commas
  | 'goal' // a goal id
  | 'level' // a risk level code (C1–C5)
  | 'cover' // a cover kind: life, criticalIllness, medical, accident
  | 'category' // a retirement category code
  | 'scheme' // a pension scheme code (urban_employee, ...)
  | 'change' // a candidate change code
  | 'flag' // true / false
  | 'text'; // a short text, shown as is

type Spec = Readonly<Record<string, DatumKind>>;

const STRESS_EFFECT = {
  retirementGapChange: 'money',
  shortfallChange: 'money',
  endingWealthChange: 'money',
  moneyRunsOutAge: 'age',
  additionalCoverNeeded: 'money',
} as const satisfies Spec;

export const FINDINGS = {
  RETIREMENT_CATEGORY_DEFAULTED: { memberId: 'member', category: 'category' },
  LPR_SPREAD_DERIVED: { liabilityIndex: 'count' },
  ELDERLY_DEDUCTION_ASSUMED: { memberId: 'member' },
  SI_BASE_LIMITS_UNKNOWN: { city: 'text' },
  PENSION_NOT_ESTIMATED: { memberId: 'member', scheme: 'scheme' },
  PENSION_BASE_DERIVED: { memberId: 'member', computationBase: 'money' },
  PENSION_MINIMUM_YEARS_NOT_MET: { memberId: 'member', years: 'rate', minimum: 'rate' },
  EMERGENCY_FUND_SHORT: { gap: 'money', months: 'months' },
  COVER_GAP: { memberId: 'member', kind: 'cover', gap: 'money' },
  PREMIUM_ABOVE_BUDGET: { share: 'rate' },
  GOAL_SHORTFALL: { goalId: 'goal', firstShortYear: 'year', firstShortAmount: 'money', total: 'money' },
  RETIREMENT_GAP: { gap: 'money', monthlySaving: 'money' },
  MONEY_RUNS_OUT: { year: 'year', age: 'age' },
  MIX_ABOVE_RISK_LEVEL: { level: 'level', equity: 'rate' },
  BONUS_IN_INVALID_INTERVAL: { memberId: 'member' },
  HOME_NOT_AFFORDABLE: {
    goalId: 'goal',
    paymentToIncome: 'rate',
    affordablePrice: 'money',
    aboveBank: 'flag',
    bankMax: 'rate',
    bankPracticeMax: 'rate',
  },
  MC_SUCCESS: { trials: 'count', successCount: 'count', successRate: 'rate' },
  FUNDING_SHORT: {
    surplus: 'money',
    budget: 'money',
    requested: 'money',
    unfunded: 'money',
    goalsOnTrack: 'flag',
  },
  GOAL_POSTPONED: { goalId: 'goal', plannedYear: 'year', year: 'year', shortAtPlanned: 'money' },
  GOAL_UNACHIEVABLE: { goalId: 'goal', plannedYear: 'year', shortAtPlanned: 'money', maxYears: 'count' },
  MONEY_LASTS: { year: 'year', rate: 'rate' },
  MONEY_RUNS_OUT_MC: { age: 'age', rate: 'rate' },
  STRESS_MARKET_CRASH_BEFORE_RETIREMENT: {
    year: 'year',
    timing: 'text',
    age: 'age',
    fall: 'rate',
    recoveryYears: 'count',
    recoveryReturn: 'rate',
    ...STRESS_EFFECT,
  },
  STRESS_INCOME_LOSS_12_MONTHS: {
    memberId: 'member',
    year: 'year',
    age: 'age',
    months: 'months',
    ...STRESS_EFFECT,
  },
  STRESS_CRITICAL_ILLNESS: {
    memberId: 'member',
    year: 'year',
    age: 'age',
    treatment: 'money',
    reducedIncomeYears: 'count',
    incomeFactor: 'rate',
    coverPaid: 'money',
    ...STRESS_EFFECT,
  },
  STRESS_DEATH_OF_EARNER: { memberId: 'member', year: 'year', age: 'age', ...STRESS_EFFECT },
  STRESS_DISABILITY_LONG_TERM_CARE: {
    memberId: 'member',
    year: 'year',
    age: 'age',
    careCost: 'money',
    careYears: 'count',
    ...STRESS_EFFECT,
  },
  STRESS_MEDICAL_COST_SHOCK: {
    memberId: 'member',
    year: 'year',
    age: 'age',
    treatment: 'money',
    ...STRESS_EFFECT,
  },
  STRESS_LONGEVITY_95: { memberIds: 'members', age: 'age', ...STRESS_EFFECT },
  STRESS_LPR_UP_150BP: { delta: 'rate', fromYear: 'year', applies: 'flag', ...STRESS_EFFECT },
  STRESS_INFLATION_5PCT_5Y: { rate: 'rate', years: 'count', fromYear: 'year', ...STRESS_EFFECT },
  BEST_CHANGE: {
    change: 'change',
    discretionaryCut: 'rate',
    spendingCut: 'rate',
    months: 'months',
    level: 'level',
    successBefore: 'rate',
    successAfter: 'rate',
    shortfallChange: 'money',
  },
} as const satisfies Record<string, Spec>;

export type FindingCode = keyof typeof FINDINGS;
export const FINDING_CODES = Object.keys(FINDINGS) as [FindingCode, ...FindingCode[]];

export const ACTIONS = {
  EMERGENCY_TOP_UP: { amount: 'money', monthly: 'money' },
  INSURE_MEDICAL: { memberIds: 'members', premium: 'money' },
  INSURE_ACCIDENT: { memberIds: 'members', premium: 'money' },
  INSURE_CRITICAL_ILLNESS: { memberId: 'member', gap: 'money', premium: 'money' },
  INSURE_LIFE: { memberId: 'member', gap: 'money', premium: 'money' },
  REBALANCE: { cash: 'money', deposit: 'money', bond: 'money', equity: 'money', riskLevel: 'level' },
  EDUCATION_SAVING: { goalId: 'goal', monthly: 'money', unfunded: 'money' },
  RETIREMENT_SAVING: { monthly: 'money', unfunded: 'money' },
  OPEN_PRIVATE_PENSION: { memberId: 'member', saving: 'money', monthly: 'money' },
  PREPAY_LOAN: {
    label: 'text',
    rate: 'rate',
    amount: 'money',
    saved: 'money',
    monthly: 'money',
    months: 'months',
    unfunded: 'money',
  },
  PREPARE_HOME_PURCHASE: { goalId: 'goal', downPayment: 'money', year: 'year' },
  GOAL_SAVING: { goalId: 'goal', monthly: 'money', unfunded: 'money' },
  ANNUAL_REVIEW: {},
} as const satisfies Record<string, Spec>;

export type ActionCode = keyof typeof ACTIONS;
export const ACTION_CODES = Object.keys(ACTIONS) as [ActionCode, ...ActionCode[]];
