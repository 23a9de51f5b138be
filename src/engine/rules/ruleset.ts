/**
 * The rule set: every dated table of china-rules.md in one object, its identifier and its 口径日期
 * (the date the rules were compiled), and `rulesAt(date)` — the values in force on a date as one
 * plain object, convenient for a yearly projection that calls it once per calendar year.
 *
 * Carry-forward policy: for a date after the last known entry of a parameter, the latest entry is
 * carried forward and flagged (`carriedForward: true`, and its key listed in `carriedForward`) —
 * projections decades ahead need some value. Two deliberate exceptions:
 * - the 全年一次性奖金 table ends by law on 2027-12-31: after that `bonus` is undefined;
 * - the 个人账户记账利率 is a published yearly rate: a year without one gives undefined, and the
 *   caller uses the planning assumption (`assumptions.pensionAccountCreditRate`).
 */
import {
  CLIENT_TIERS,
  EDUCATION_PRESETS,
  EMERGENCY_FUND_RULE,
  INSURANCE_HEURISTICS,
  MODEL_ALLOCATIONS,
  PLANNING_ASSUMPTIONS_2026,
  RATIO_REFERENCES,
  RISK_QUESTIONNAIRE,
  SUITABILITY_MATRIX,
} from './assumptions.js';
import { CHILDCARE_SUBSIDY } from './benefits.js';
import { inForce, inForceOrLatest, toDay, type Dated } from './dated.js';
import {
  IIT_ANNUAL_TABLE,
  IIT_BASIC_DEDUCTION,
  IIT_BONUS_MONTHLY_TABLE,
  IIT_COMMERCIAL_HEALTH_INSURANCE_CAP,
  IIT_ENTERPRISE_ANNUITY_SHARE,
  IIT_PRIVATE_PENSION,
  IIT_SPECIAL_ADDITIONAL,
  type OtherDeductionCaps,
  type SpecialAdditionalStandards,
  type TaxBracket,
} from './iit.js';
import {
  BANK_AFFORDABILITY_LINES,
  BANK_PRACTICE_AFFORDABILITY,
  COMMERCIAL_MIN_DOWN_PAYMENT,
  HOUSING_FUND_LOAN_RATES,
  HOUSING_FUND_MIN_DOWN_PAYMENT,
  LPR,
  PLANNER_AFFORDABILITY,
  type AffordabilityLines,
  type HousingFundLoanRates,
  type Lpr,
  type PlannerAffordability,
} from './loans.js';
import {
  PENSION_ACCOUNT_CREDIT_RATES,
  PENSION_ACCRUAL_PER_YEAR,
  PENSION_PAYOUT_MONTHS,
  PENSION_PERSONAL_ACCOUNT_RATE,
  type PayoutMonthsTable,
} from './pension.js';
import {
  MINIMUM_CONTRIBUTION_YEARS,
  RETIREMENT_REFORM,
  type MinimumContributionSchedule,
  type RetirementReform,
} from './retirement-age.js';
import {
  BEIJING_MEDICAL_SUPPLEMENT,
  HOUSING_FUND_RATE_RANGE,
  SI_BASE_RATIO_RANGE,
  SI_BASES,
  SI_EMPLOYEE_RATES,
  type CityCode,
  type EmployeeRates,
  type RateRange,
  type SiBase,
} from './social-insurance.js';

export const RULE_SET_ID = 'cn-2026.11';
/** 口径日期: the date the rules were compiled. Calculators default to it when no date is given. */
export const RULE_SET_DATE = '2026-11-01';
/** The 口径日期 as a "YYYY-MM" month. */
export const RULE_SET_MONTH = '2026-11';
/** The earliest date the rule set covers (the 2018 IIT law revision took effect). */
export const RULES_COVERAGE_START = '2019-01-01';

export const RULE_SET = {
  id: RULE_SET_ID,
  compiledOn: RULE_SET_DATE,
  iit: {
    annualTable: IIT_ANNUAL_TABLE,
    basicDeduction: IIT_BASIC_DEDUCTION,
    specialAdditional: IIT_SPECIAL_ADDITIONAL,
    privatePension: IIT_PRIVATE_PENSION,
    commercialHealthInsuranceCap: IIT_COMMERCIAL_HEALTH_INSURANCE_CAP,
    enterpriseAnnuityShare: IIT_ENTERPRISE_ANNUITY_SHARE,
    bonusMonthlyTable: IIT_BONUS_MONTHLY_TABLE,
  },
  socialInsurance: {
    employeeRates: SI_EMPLOYEE_RATES,
    housingFundRateRange: HOUSING_FUND_RATE_RANGE,
    baseRatioRange: SI_BASE_RATIO_RANGE,
    beijingMedicalSupplement: BEIJING_MEDICAL_SUPPLEMENT,
    bases: SI_BASES,
  },
  pension: {
    accrualPerYear: PENSION_ACCRUAL_PER_YEAR,
    personalAccountRate: PENSION_PERSONAL_ACCOUNT_RATE,
    payoutMonths: PENSION_PAYOUT_MONTHS,
    accountCreditRates: PENSION_ACCOUNT_CREDIT_RATES,
  },
  retirementAge: {
    reform: RETIREMENT_REFORM,
    minimumContributionYears: MINIMUM_CONTRIBUTION_YEARS,
  },
  benefits: {
    childcareSubsidy: CHILDCARE_SUBSIDY,
  },
  loans: {
    lpr: LPR,
    housingFundLoanRates: HOUSING_FUND_LOAN_RATES,
    commercialMinDownPayment: COMMERCIAL_MIN_DOWN_PAYMENT,
    housingFundMinDownPayment: HOUSING_FUND_MIN_DOWN_PAYMENT,
    bankAffordability: BANK_AFFORDABILITY_LINES,
    bankPracticeAffordability: BANK_PRACTICE_AFFORDABILITY,
    plannerAffordability: PLANNER_AFFORDABILITY,
  },
  assumptions: {
    ...PLANNING_ASSUMPTIONS_2026,
    modelAllocations: MODEL_ALLOCATIONS,
    suitability: SUITABILITY_MATRIX,
    educationPresets: EDUCATION_PRESETS,
    ratioReferences: RATIO_REFERENCES,
    insuranceHeuristics: INSURANCE_HEURISTICS,
    emergencyFund: EMERGENCY_FUND_RULE,
    clientTiers: CLIENT_TIERS,
    riskQuestionnaire: RISK_QUESTIONNAIRE,
  },
} as const;

export type RuleSet = typeof RULE_SET;

/** A dated entry as resolved for a date: `carriedForward` when the date is past its last day. */
export type InForce<T> = Dated<T> & { carriedForward: boolean };

export interface RulesAt {
  ruleSetId: string;
  /** 口径日期 of the rule set. */
  compiledOn: string;
  /** The date asked for, as "YYYY-MM-DD". */
  date: string;
  /** Keys (dotted paths) of the parameters carried forward past their last known entry. */
  carriedForward: string[];
  /**
   * True when the date is after the 口径日期: every value is then "as known on the 口径日期" (an
   * open-ended entry such as the LPR is assumed unchanged), even where nothing is carried forward.
   */
  beyondCompiledOn: boolean;
  iit: {
    annualTable: InForce<readonly TaxBracket[]>;
    basicDeduction: InForce<string>;
    specialAdditional: InForce<SpecialAdditionalStandards>;
    /** Undefined before 个人养老金 existed (2022). */
    privatePension: InForce<OtherDeductionCaps> | undefined;
    commercialHealthInsuranceCap: InForce<string>;
    enterpriseAnnuityShare: InForce<string>;
  };
  /** 全年一次性奖金 monthly table; undefined after 2027-12-31 (never carried forward). */
  bonus: InForce<readonly TaxBracket[]> | undefined;
  socialInsurance: {
    employeeRates: InForce<EmployeeRates>;
    housingFundRateRange: InForce<RateRange>;
    baseRatioRange: InForce<RateRange>;
    beijingMedicalSupplement: InForce<string>;
    /** Per city: the listed base in force or carried forward; absent before a city's first entry. */
    bases: Partial<Record<CityCode, InForce<SiBase>>>;
  };
  pension: {
    accrualPerYear: InForce<string>;
    personalAccountRate: InForce<string>;
    payoutMonths: InForce<PayoutMonthsTable>;
    /** The published 记账利率 of the date's year; undefined when none is published (use the assumption). */
    accountCreditRate: InForce<string> | undefined;
  };
  retirementAge: {
    /** Undefined before the reform took effect (2025-01-01). */
    reform: InForce<RetirementReform> | undefined;
    minimumContributionYears: InForce<MinimumContributionSchedule> | undefined;
  };
  /** Undefined before the first LPR entry held (2024-10-21). */
  lpr: InForce<Lpr> | undefined;
  /** Undefined before 2024-05-18. */
  housingFundLoanRates: InForce<HousingFundLoanRates> | undefined;
  downPayment: {
    commercial: InForce<string> | undefined;
    housingFund: InForce<{ firstHome: string; secondHome: string }> | undefined;
  };
  affordability: {
    bank: InForce<AffordabilityLines>;
    bankPractice: InForce<{ housingToIncomeMax: string }>;
    planner: InForce<PlannerAffordability>;
  };
  assumptions: RuleSet['assumptions'];
}

/**
 * The values in force on `date` ("YYYY-MM" or "YYYY-MM-DD"; a month means its first day).
 * Throws a RangeError for a date before RULES_COVERAGE_START or not of that form (a programming
 * error: calculators validate their dates first).
 */
export function rulesAt(date: string, ruleSet: RuleSet = RULE_SET): RulesAt {
  // Rule sets are immutable data: the answer for a (rule set, day) pair never changes. A yearly
  // projection asks for the same few days thousands of times (sensitivity reruns included).
  const day = toDay(date);
  let cache = rulesCache.get(ruleSet);
  if (!cache) rulesCache.set(ruleSet, (cache = new Map()));
  let hit = cache.get(day);
  if (!hit) {
    hit = computeRulesAt(date, ruleSet);
    if (cache.size > 5000) cache.clear();
    cache.set(day, hit);
  }
  return hit;
}

const rulesCache = new WeakMap<RuleSet, Map<string, RulesAt>>();

function computeRulesAt(date: string, ruleSet: RuleSet): RulesAt {
  const day = toDay(date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a date: ${date}`);
  if (day < RULES_COVERAGE_START)
    throw new RangeError(`the rule set starts on ${RULES_COVERAGE_START}: ${date}`);
  const carried: string[] = [];

  function latest<T>(key: string, entries: readonly Dated<T>[]): InForce<T> | undefined {
    const hit = inForceOrLatest(entries, day);
    if (!hit) return undefined;
    if (hit.carriedForward) carried.push(key);
    return { ...hit.entry, carriedForward: hit.carriedForward };
  }
  function required<T>(key: string, entries: readonly Dated<T>[]): InForce<T> {
    const hit = latest(key, entries);
    if (!hit) throw new RangeError(`no ${key} in force on ${date}`);
    return hit;
  }
  function exact<T>(entries: readonly Dated<T>[]): InForce<T> | undefined {
    const hit = inForce(entries, day);
    return hit ? { ...hit, carriedForward: false } : undefined;
  }

  const bases: Partial<Record<CityCode, InForce<SiBase>>> = {};
  for (const city of Object.keys(ruleSet.socialInsurance.bases) as CityCode[]) {
    const hit = latest(`socialInsurance.bases.${city}`, ruleSet.socialInsurance.bases[city]);
    if (hit) bases[city] = hit;
  }

  return {
    ruleSetId: ruleSet.id,
    compiledOn: ruleSet.compiledOn,
    date: day,
    carriedForward: carried,
    beyondCompiledOn: day > ruleSet.compiledOn,
    iit: {
      annualTable: required('iit.annualTable', ruleSet.iit.annualTable),
      basicDeduction: required('iit.basicDeduction', ruleSet.iit.basicDeduction),
      specialAdditional: required('iit.specialAdditional', ruleSet.iit.specialAdditional),
      privatePension: latest('iit.privatePension', ruleSet.iit.privatePension),
      commercialHealthInsuranceCap: required(
        'iit.commercialHealthInsuranceCap',
        ruleSet.iit.commercialHealthInsuranceCap,
      ),
      enterpriseAnnuityShare: required('iit.enterpriseAnnuityShare', ruleSet.iit.enterpriseAnnuityShare),
    },
    bonus: exact(ruleSet.iit.bonusMonthlyTable),
    socialInsurance: {
      employeeRates: required('socialInsurance.employeeRates', ruleSet.socialInsurance.employeeRates),
      housingFundRateRange: required(
        'socialInsurance.housingFundRateRange',
        ruleSet.socialInsurance.housingFundRateRange,
      ),
      baseRatioRange: required('socialInsurance.baseRatioRange', ruleSet.socialInsurance.baseRatioRange),
      beijingMedicalSupplement: required(
        'socialInsurance.beijingMedicalSupplement',
        ruleSet.socialInsurance.beijingMedicalSupplement,
      ),
      bases,
    },
    pension: {
      accrualPerYear: required('pension.accrualPerYear', ruleSet.pension.accrualPerYear),
      personalAccountRate: required('pension.personalAccountRate', ruleSet.pension.personalAccountRate),
      payoutMonths: required('pension.payoutMonths', ruleSet.pension.payoutMonths),
      accountCreditRate: exact(ruleSet.pension.accountCreditRates),
    },
    retirementAge: {
      reform: latest('retirementAge.reform', ruleSet.retirementAge.reform),
      minimumContributionYears: latest(
        'retirementAge.minimumContributionYears',
        ruleSet.retirementAge.minimumContributionYears,
      ),
    },
    lpr: latest('lpr', ruleSet.loans.lpr),
    housingFundLoanRates: latest('housingFundLoanRates', ruleSet.loans.housingFundLoanRates),
    downPayment: {
      commercial: latest('downPayment.commercial', ruleSet.loans.commercialMinDownPayment),
      housingFund: latest('downPayment.housingFund', ruleSet.loans.housingFundMinDownPayment),
    },
    affordability: {
      bank: required('affordability.bank', ruleSet.loans.bankAffordability),
      bankPractice: required('affordability.bankPractice', ruleSet.loans.bankPracticeAffordability),
      planner: required('affordability.planner', ruleSet.loans.plannerAffordability),
    },
    assumptions: ruleSet.assumptions,
  };
}

/** The published 记账利率 for a calendar year, or undefined (then use the planning assumption). */
export function pensionCreditRateOf(year: number, ruleSet: RuleSet = RULE_SET): Dated<string> | undefined {
  return inForce(ruleSet.pension.accountCreditRates, `${year}-07-01`);
}
