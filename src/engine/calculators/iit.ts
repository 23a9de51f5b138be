/**
 * iit — 个人所得税（居民个人综合所得）: the annual tax with itemised deductions, and the monthly
 * 累计预扣法 withholding on wages.
 *
 * Annual (个税法 2018 修正; china-rules.md §1.1–1.2, High):
 *   应纳税所得额 = max(0, 收入 − 免税收入 − 60,000 − 专项扣除(三险一金) − 专项附加扣除 − 其他扣除)
 *   应纳税额 = 应纳税所得额 × 税率 − 速算扣除数 (annual table; bracket upper bounds inclusive),
 *   rounded half-up to the fen.
 * 专项附加扣除 are itemised from the standards in force in the tax year (2023 amounts from
 * 2023-01-01, earlier amounts before); 大病医疗 = min(自付 − 15,000, 80,000) when positive (only at
 * 年度汇算). 住房贷款利息 and 住房租金 are mutually exclusive: given both, the larger is taken and a
 * warning says so. 其他扣除: 个人养老金 ≤ 12,000, 商业健康险 ≤ 2,400 (amounts above are capped,
 * with a warning), other deductions as given.
 *
 * Withholding (国家税务总局公告2018年第61号, High): for month m,
 *   累计应纳税所得额 = Σ收入 − Σ免税 − 5,000 × m − Σ专项扣除 − Σ专项附加 − Σ其他扣除 (≥ 0),
 *   本月预扣 = (累计应纳税所得额 × 预扣率 − 速算扣除数) − 累计已预扣, each cumulative tax rounded to
 *   the fen. The 预扣率表 is the annual table. When the monthly 专项附加 is not given it defaults to
 *   the itemised annual amount ÷ 12 (大病医疗 excluded: it is claimed only at 汇算).
 * The tax year's rules are those in force on 1 January of `taxYear` (default: the 口径日期's year).
 *
 * Two ways in: from the year's income (`annualIncome`, deductions itemised as above; the basic
 * deduction may be overridden with `basicDeduction`, default the dated rule — 60,000/yr from
 * 2019-01-01), or from a known `taxableIncome` (应纳税所得额, all deductions already taken), which is
 * looked up in the annual table directly; then no income, deduction, effective rate or after-tax
 * income is reported (null), since the income behind it is unknown.
 */
import { z } from 'zod';
import {
  Dec,
  ONE,
  ZERO,
  compare,
  dec,
  maxOf,
  minOf,
  roundFen,
  scale,
  subtract,
  sum,
  toMoneyString,
} from '../../domain/money.js';
import type { SpecialAdditionalStandards, TaxBracket } from '../rules/iit.js';
import { RULE_SET_MONTH, rulesAt } from '../rules/ruleset.js';
import {
  conflictingFields,
  intField,
  moneyField,
  requireField,
  usedRules,
  type UsedRules,
} from './common.js';

/** The bracket applying to an amount (upper bounds inclusive). */
export function bracketFor(
  amount: Dec,
  table: readonly TaxBracket[],
): { bracket: TaxBracket; level: number } {
  for (let k = 0; k < table.length; k++) {
    const b = table[k] as TaxBracket;
    if (b.upTo === null || compare(amount, dec(b.upTo)) <= 0) return { bracket: b, level: k + 1 };
  }
  const last = table[table.length - 1] as TaxBracket;
  return { bracket: last, level: table.length };
}

/** Tax on a taxable amount by a table: max(0, x) × rate − quick deduction, to the fen. */
export function taxByTable(
  taxable: Dec,
  table: readonly TaxBracket[],
): { tax: Dec; bracket: TaxBracket; level: number } {
  const x = maxOf(ZERO, taxable);
  const { bracket, level } = bracketFor(x, table);
  const tax = maxOf(ZERO, roundFen(x.times(dec(bracket.rate)).minus(dec(bracket.quickDeduction))));
  return { tax, bracket, level };
}

export interface SpecialAdditionalInput {
  /** 3岁以下婴幼儿照护 */
  infants?: { count: number; months?: number; share?: Dec };
  /** 子女教育 */
  children?: { count: number; months?: number; share?: Dec };
  /** 赡养老人 */
  elderly?: { onlyChild: boolean; monthlyShare?: Dec; months?: number };
  /** 住房贷款利息 (share 1 or 0.5) */
  housingLoanInterest?: { months?: number; share?: Dec };
  /** 住房租金 by city class */
  housingRent?: { cityClass: 'class1' | 'class2' | 'class3'; months?: number };
  /** 继续教育 */
  continuingEducation?: { degreeMonths?: number; certificate?: boolean };
  /** 大病医疗: self-paid amount within the 医保目录 in the year */
  seriousIllness?: { selfPaid: Dec };
}

export interface DeductionItem {
  code: string;
  amount: Dec;
  basis: string;
}

export interface DeductionResult {
  total: Dec;
  /** Total without 大病医疗 (what monthly withholding can use). */
  withholdingTotal: Dec;
  items: DeductionItem[];
  warnings: string[];
}

/** Itemise 专项附加扣除 for a year under `std`. */
export function specialAdditionalDeductions(
  input: SpecialAdditionalInput,
  std: SpecialAdditionalStandards,
): DeductionResult {
  const items: DeductionItem[] = [];
  const warnings: string[] = [];
  if (input.infants && input.infants.count > 0) {
    const { count, months = 12, share = ONE } = input.infants;
    if (std.infantCarePerChildMonthly === null) warnings.push('INFANT_CARE_NOT_IN_FORCE');
    else
      items.push({
        code: 'infantCare',
        amount: scale(dec(std.infantCarePerChildMonthly).times(count * months), share),
        basis: `${std.infantCarePerChildMonthly} × ${count} 人 × ${months} 月 × ${share.toString()}`,
      });
  }
  if (input.children && input.children.count > 0) {
    const { count, months = 12, share = ONE } = input.children;
    items.push({
      code: 'childEducation',
      amount: scale(dec(std.childEducationPerChildMonthly).times(count * months), share),
      basis: `${std.childEducationPerChildMonthly} × ${count} 人 × ${months} 月 × ${share.toString()}`,
    });
  }
  if (input.elderly) {
    const { onlyChild, months = 12 } = input.elderly;
    let monthly: Dec;
    if (onlyChild) monthly = dec(std.elderlyOnlyChildMonthly);
    else {
      monthly = input.elderly.monthlyShare ?? dec(std.elderlyShareCapMonthly);
      if (compare(monthly, dec(std.elderlyShareCapMonthly)) > 0) {
        warnings.push('ELDERLY_SHARE_CAPPED');
        monthly = dec(std.elderlyShareCapMonthly);
      }
    }
    items.push({
      code: 'elderlySupport',
      amount: monthly.times(months),
      basis: `${monthly.toString()} × ${months} 月（${onlyChild ? '独生子女' : '非独生子女分摊'}）`,
    });
  }
  let loan: DeductionItem | undefined;
  let rent: DeductionItem | undefined;
  if (input.housingLoanInterest) {
    const { months = 12, share = ONE } = input.housingLoanInterest;
    loan = {
      code: 'housingLoanInterest',
      amount: scale(dec(std.housingLoanInterestMonthly).times(months), share),
      basis: `${std.housingLoanInterestMonthly} × ${months} 月 × ${share.toString()}`,
    };
  }
  if (input.housingRent) {
    const { cityClass, months = 12 } = input.housingRent;
    const monthly = std.housingRentMonthly[cityClass];
    rent = {
      code: 'housingRent',
      amount: dec(monthly).times(months),
      basis: `${monthly} × ${months} 月`,
    };
  }
  if (loan && rent) {
    warnings.push('HOUSING_LOAN_AND_RENT_EXCLUSIVE');
    items.push(rent.amount.gt(loan.amount) ? rent : loan);
  } else if (loan) items.push(loan);
  else if (rent) items.push(rent);
  if (input.continuingEducation) {
    const { degreeMonths = 0, certificate = false } = input.continuingEducation;
    if (degreeMonths > 0)
      items.push({
        code: 'continuingEducationDegree',
        amount: dec(std.continuingEducationDegreeMonthly).times(degreeMonths),
        basis: `${std.continuingEducationDegreeMonthly} × ${degreeMonths} 月`,
      });
    if (certificate)
      items.push({
        code: 'continuingEducationCertificate',
        amount: dec(std.continuingEducationCertificate),
        basis: '取得证书当年定额',
      });
  }
  let illness = ZERO;
  if (input.seriousIllness) {
    illness = minOf(
      maxOf(ZERO, input.seriousIllness.selfPaid.minus(std.seriousIllnessThreshold)),
      std.seriousIllnessCap,
    );
    if (illness.gt(0))
      items.push({
        code: 'seriousIllness',
        amount: illness,
        basis: `min(自付 − ${std.seriousIllnessThreshold}, ${std.seriousIllnessCap})，仅年度汇算`,
      });
  }
  const total = sum(items.map((i) => i.amount));
  const certificate = items.find((i) => i.code === 'continuingEducationCertificate')?.amount ?? ZERO;
  return { total, withholdingTotal: total.minus(illness).minus(certificate), items, warnings };
}

export interface OtherDeductionsInput {
  privatePension?: Dec;
  commercialHealthInsurance?: Dec;
  enterpriseAnnuity?: Dec;
  other?: Dec;
}

export interface AnnualIitInput {
  /** 综合所得收入额 for the year (元). */
  income: Dec;
  taxFreeIncome?: Dec;
  /** 专项扣除: employee social insurance + housing fund for the year. */
  specialDeduction?: Dec;
  specialAdditional?: SpecialAdditionalInput;
  /** Replaces the itemised 专项附加扣除 when given. */
  specialAdditionalTotal?: Dec;
  otherDeductions?: OtherDeductionsInput;
  /** 基本减除费用 for the year (元); default the rule in force (60,000). */
  basicDeduction?: Dec;
}

export interface AnnualIitResult {
  income: Dec;
  taxFreeIncome: Dec;
  basicDeduction: Dec;
  specialDeduction: Dec;
  specialAdditional: DeductionResult;
  otherDeductions: { total: Dec; items: DeductionItem[] };
  taxableIncome: Dec;
  tax: Dec;
  level: number;
  bracket: TaxBracket;
  warnings: string[];
}

type IitRules = Pick<
  ReturnType<typeof rulesAt>['iit'],
  'annualTable' | 'basicDeduction' | 'specialAdditional'
> & {
  privatePension: ReturnType<typeof rulesAt>['iit']['privatePension'];
  commercialHealthInsuranceCap: ReturnType<typeof rulesAt>['iit']['commercialHealthInsuranceCap'];
};

/** The annual 综合所得 tax under the rules of a tax year (`rulesAt(`${year}-01`).iit`). */
export function annualIit(input: AnnualIitInput, iit: IitRules): AnnualIitResult {
  const warnings: string[] = [];
  const special = input.specialDeduction ?? ZERO;
  const taxFree = input.taxFreeIncome ?? ZERO;
  const basic = input.basicDeduction ?? dec(iit.basicDeduction.value);
  let sa = specialAdditionalDeductions(input.specialAdditional ?? {}, iit.specialAdditional.value);
  if (input.specialAdditionalTotal !== undefined)
    sa = {
      total: input.specialAdditionalTotal,
      withholdingTotal: input.specialAdditionalTotal,
      items: [{ code: 'total', amount: input.specialAdditionalTotal, basis: '按输入总额' }],
      warnings: [],
    };
  warnings.push(...sa.warnings);
  const o = input.otherDeductions ?? {};
  const other: DeductionItem[] = [];
  if (o.privatePension && o.privatePension.gt(0)) {
    const cap = iit.privatePension?.value.privatePensionAnnualCap;
    if (cap === undefined) warnings.push('PRIVATE_PENSION_NOT_IN_FORCE');
    else {
      if (o.privatePension.gt(cap)) warnings.push('PRIVATE_PENSION_CAPPED');
      other.push({ code: 'privatePension', amount: minOf(o.privatePension, cap), basis: `≤ ${cap}/年` });
    }
  }
  if (o.commercialHealthInsurance && o.commercialHealthInsurance.gt(0)) {
    const cap = iit.commercialHealthInsuranceCap.value;
    if (o.commercialHealthInsurance.gt(cap)) warnings.push('HEALTH_INSURANCE_CAPPED');
    other.push({
      code: 'commercialHealthInsurance',
      amount: minOf(o.commercialHealthInsurance, cap),
      basis: `≤ ${cap}/年`,
    });
  }
  if (o.enterpriseAnnuity && o.enterpriseAnnuity.gt(0))
    other.push({
      code: 'enterpriseAnnuity',
      amount: o.enterpriseAnnuity,
      basis: '企业/职业年金个人缴费（≤ 基数 4%，按输入）',
    });
  if (o.other && o.other.gt(0)) other.push({ code: 'other', amount: o.other, basis: '按输入' });
  const otherTotal = sum(other.map((i) => i.amount));
  const taxable = maxOf(ZERO, subtract(input.income, sum([taxFree, basic, special, sa.total, otherTotal])));
  const { tax, bracket, level } = taxByTable(taxable, iit.annualTable.value);
  return {
    income: input.income,
    taxFreeIncome: taxFree,
    basicDeduction: basic,
    specialDeduction: special,
    specialAdditional: sa,
    otherDeductions: { total: otherTotal, items: other },
    taxableIncome: taxable,
    tax,
    level,
    bracket,
    warnings,
  };
}

export interface WithholdingMonth {
  income: Dec;
  taxFreeIncome?: Dec;
  specialDeduction?: Dec;
  specialAdditionalDeduction?: Dec;
  otherDeduction?: Dec;
}

export interface WithholdingRow {
  month: number;
  cumulativeIncome: Dec;
  cumulativeTaxable: Dec;
  rate: string;
  quickDeduction: string;
  cumulativeTax: Dec;
  withheld: Dec;
}

/**
 * 累计预扣法 over the months of one year (at most 12). `monthlyBasicDeduction` is the annual basic
 * deduction ÷ 12 (5,000).
 */
export function cumulativeWithholding(
  months: readonly WithholdingMonth[],
  table: readonly TaxBracket[],
  monthlyBasicDeduction: Dec,
): WithholdingRow[] {
  const rows: WithholdingRow[] = [];
  let income = ZERO;
  let deductions = ZERO;
  let withheldSoFar = ZERO;
  months.forEach((m, k) => {
    income = income.plus(m.income);
    deductions = deductions
      .plus(m.taxFreeIncome ?? ZERO)
      .plus(monthlyBasicDeduction)
      .plus(m.specialDeduction ?? ZERO)
      .plus(m.specialAdditionalDeduction ?? ZERO)
      .plus(m.otherDeduction ?? ZERO);
    const taxable = maxOf(ZERO, income.minus(deductions));
    const { tax, bracket } = taxByTable(taxable, table);
    // A refund is not paid out during the year: withholding is never negative.
    const withheld = maxOf(ZERO, tax.minus(withheldSoFar));
    withheldSoFar = withheldSoFar.plus(withheld);
    rows.push({
      month: k + 1,
      cumulativeIncome: income,
      cumulativeTaxable: taxable,
      rate: bracket.rate,
      quickDeduction: bracket.quickDeduction,
      cumulativeTax: tax,
      withheld,
    });
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Calculator

const monthsField = () => intField(0, 12);
const shareField = () => z.union([z.literal(1), z.literal(0.5)]).transform((v) => new Dec(v));

export const iitInputSchema = z
  .strictObject({
    taxYear: intField(2019, 2200).optional().describe('纳税年度；缺省为规则集口径日期所在年度（2026）'),
    annualIncome: moneyField()
      .optional()
      .describe('全年综合所得收入额（元/年）：工资薪金等，不含单独计税的年终奖；与 taxableIncome 二选一'),
    taxableIncome: moneyField()
      .optional()
      .describe(
        '全年应纳税所得额（元/年），已减去基本减除费用与各项扣除；填写时直接按年度税率表计税，不能再填收入与扣除',
      ),
    basicDeduction: moneyField()
      .optional()
      .describe('基本减除费用（元/年）；缺省按纳税年度规则（2019 年起 60,000 元/年，即 5,000 元/月）'),
    taxFreeIncome: moneyField().optional().describe('免税收入（元/年），缺省 0'),
    specialDeduction: moneyField()
      .optional()
      .describe('专项扣除：个人缴纳的三险一金全年合计（元/年），缺省 0'),
    specialAdditional: z
      .strictObject({
        infants: z
          .strictObject({
            count: intField(0, 10).describe('3岁以下婴幼儿人数（人）'),
            months: monthsField().optional().describe('本年享受月数（月，0–12），缺省 12'),
            share: shareField().optional().describe('扣除比例：1（一方全额）或 0.5（双方各半），缺省 1'),
          })
          .optional()
          .describe('3岁以下婴幼儿照护'),
        children: z
          .strictObject({
            count: intField(0, 10).describe('接受学历教育的子女人数（人，3岁起）'),
            months: monthsField().optional().describe('本年享受月数（月，0–12），缺省 12'),
            share: shareField().optional().describe('扣除比例：1 或 0.5，缺省 1'),
          })
          .optional()
          .describe('子女教育'),
        elderly: z
          .strictObject({
            onlyChild: z.boolean().describe('是否独生子女'),
            monthlyShare: moneyField()
              .optional()
              .describe('非独生子女每月分摊额（元/月，≤ 1,500），缺省按上限'),
            months: monthsField().optional().describe('本年享受月数（月，0–12），缺省 12'),
          })
          .optional()
          .describe('赡养老人（父母年满 60 岁）'),
        housingLoanInterest: z
          .strictObject({
            months: monthsField().optional().describe('本年享受月数（月，0–12），缺省 12'),
            share: shareField().optional().describe('扣除比例：1 或 0.5（婚前各有首套房贷），缺省 1'),
          })
          .optional()
          .describe('住房贷款利息（首套）'),
        housingRent: z
          .strictObject({
            cityClass: z
              .enum(['class1', 'class2', 'class3'])
              .describe(
                '城市类别：class1 直辖市/省会/计划单列市等 1,500；class2 户籍人口>100万 1,100；class3 其他 800',
              ),
            months: monthsField().optional().describe('本年享受月数（月，0–12），缺省 12'),
          })
          .optional()
          .describe('住房租金（与住房贷款利息不能同时享受）'),
        continuingEducation: z
          .strictObject({
            degreeMonths: monthsField().optional().describe('学历（学位）继续教育本年月数（月，0–12）'),
            certificate: z.boolean().optional().describe('本年是否取得职业资格证书'),
          })
          .optional()
          .describe('继续教育'),
        seriousIllness: z
          .strictObject({ selfPaid: moneyField().describe('医保目录内个人自付累计金额（元/年）') })
          .optional()
          .describe('大病医疗（仅年度汇算）'),
      })
      .optional()
      .describe('专项附加扣除（逐项）'),
    specialAdditionalTotal: moneyField()
      .optional()
      .describe('专项附加扣除全年合计（元/年）；填写时代替逐项计算'),
    otherDeductions: z
      .strictObject({
        privatePension: moneyField().optional().describe('个人养老金缴费（元/年，扣除上限 12,000）'),
        commercialHealthInsurance: moneyField()
          .optional()
          .describe('符合规定的商业健康保险保费（元/年，上限 2,400）'),
        enterpriseAnnuity: moneyField().optional().describe('企业/职业年金个人缴费（元/年）'),
        other: moneyField().optional().describe('其他依法扣除（元/年）'),
      })
      .optional()
      .describe('其他扣除'),
    withholding: z
      .strictObject({
        monthlyIncome: moneyField().describe('每月工资薪金（元/月）'),
        monthlySpecialDeduction: moneyField().optional().describe('每月三险一金（元/月），缺省 0'),
        monthlySpecialAdditionalDeduction: moneyField()
          .optional()
          .describe('每月专项附加扣除（元/月）；缺省为逐项年度额（不含大病医疗、职业资格证书）÷ 12'),
        monthlyOtherDeduction: moneyField().optional().describe('每月其他扣除（元/月），缺省 0'),
        months: intField(1, 12).optional().describe('计算的月数（月，1–12），缺省 12'),
      })
      .optional()
      .describe('按月累计预扣预缴（每月金额相同）'),
  })
  .superRefine((v, ctx) => {
    if (v.annualIncome === undefined && v.taxableIncome === undefined) requireField(ctx, ['annualIncome']);
  })
  .describe('个人所得税（综合所得）计算器');

export type IitInput = z.input<typeof iitInputSchema>;

/** In taxableIncome mode total is null and items empty: the deductions are inside the given figure. */
type DeductionsOut = { total: string | null; items: { code: string; amount: string; basis: string }[] };

export interface IitOutput {
  taxYear: number;
  /** income: from annualIncome and the deductions; taxableIncome: from a given 应纳税所得额. */
  mode: 'income' | 'taxableIncome';
  /** The fields from here to specialDeduction are null in taxableIncome mode. */
  income: string | null;
  taxFreeIncome: string | null;
  basicDeduction: string | null;
  specialDeduction: string | null;
  specialAdditional: DeductionsOut;
  otherDeductions: DeductionsOut;
  taxableIncome: string;
  bracket: { level: number; rate: string; quickDeduction: string };
  tax: string;
  /** tax ÷ income (4 places); "0.0000" when income is 0; null in taxableIncome mode. */
  effectiveRate: string | null;
  /** tax ÷ taxable income (4 places); "0.0000" when it is 0. */
  taxableIncomeRate: string;
  marginalRate: string;
  /** income − 专项扣除 − tax; null in taxableIncome mode. */
  afterTaxIncome: string | null;
  withholding?: {
    months: {
      month: number;
      cumulativeTaxable: string;
      rate: string;
      quickDeduction: string;
      cumulativeTax: string;
      withheld: string;
    }[];
    total: string;
    /** Annual tax − total withheld: positive = 补税 at 汇算, negative = 退税. */
    settlement: string;
  };
  warnings: string[];
  used: UsedRules & { annualTable: TaxBracket[]; specialAdditionalStandards: SpecialAdditionalStandards };
}

const item = (i: DeductionItem) => ({ code: i.code, amount: toMoneyString(i.amount), basis: i.basis });

export function runIit(input: z.output<typeof iitInputSchema>): IitOutput {
  const taxYear = input.taxYear ?? Number(RULE_SET_MONTH.slice(0, 4));
  const month = `${taxYear}-01`;
  const rules = rulesAt(month);
  const ctx = { rules, month, defaulted: input.taxYear === undefined };
  if (input.taxableIncome !== undefined) return runIitOnTaxable(input, input.taxableIncome, taxYear, ctx);
  const r = annualIit(
    {
      income: input.annualIncome ?? ZERO,
      ...(input.basicDeduction !== undefined ? { basicDeduction: input.basicDeduction } : {}),
      ...(input.taxFreeIncome !== undefined ? { taxFreeIncome: input.taxFreeIncome } : {}),
      ...(input.specialDeduction !== undefined ? { specialDeduction: input.specialDeduction } : {}),
      ...(input.specialAdditional !== undefined ? { specialAdditional: input.specialAdditional } : {}),
      ...(input.specialAdditionalTotal !== undefined
        ? { specialAdditionalTotal: input.specialAdditionalTotal }
        : {}),
      ...(input.otherDeductions !== undefined ? { otherDeductions: input.otherDeductions } : {}),
    },
    rules.iit,
  );
  const output: IitOutput = {
    taxYear,
    mode: 'income',
    income: toMoneyString(r.income),
    taxFreeIncome: toMoneyString(r.taxFreeIncome),
    basicDeduction: toMoneyString(r.basicDeduction),
    specialDeduction: toMoneyString(r.specialDeduction),
    specialAdditional: {
      total: toMoneyString(r.specialAdditional.total),
      items: r.specialAdditional.items.map(item),
    },
    otherDeductions: {
      total: toMoneyString(r.otherDeductions.total),
      items: r.otherDeductions.items.map(item),
    },
    taxableIncome: toMoneyString(r.taxableIncome),
    bracket: { level: r.level, rate: r.bracket.rate, quickDeduction: r.bracket.quickDeduction },
    tax: toMoneyString(r.tax),
    effectiveRate: r.income.gt(0) ? r.tax.div(r.income).toFixed(4, Dec.ROUND_HALF_UP) : '0.0000',
    taxableIncomeRate: r.taxableIncome.gt(0)
      ? r.tax.div(r.taxableIncome).toFixed(4, Dec.ROUND_HALF_UP)
      : '0.0000',
    marginalRate: r.taxableIncome.gt(0) ? r.bracket.rate : '0',
    afterTaxIncome: toMoneyString(r.income.minus(r.specialDeduction).minus(r.tax)),
    warnings: r.warnings,
    used: {
      ...usedRules(ctx, [
        rules.iit.annualTable,
        input.basicDeduction === undefined ? rules.iit.basicDeduction : undefined,
        rules.iit.specialAdditional,
        input.otherDeductions?.privatePension ? rules.iit.privatePension : undefined,
        input.otherDeductions?.commercialHealthInsurance ? rules.iit.commercialHealthInsuranceCap : undefined,
      ]),
      annualTable: [...rules.iit.annualTable.value],
      specialAdditionalStandards: rules.iit.specialAdditional.value,
    },
  };
  if (input.withholding)
    output.withholding = withholdingOf(
      input.withholding,
      r.specialAdditional.withholdingTotal,
      r.basicDeduction,
      r.tax,
      rules,
    );
  return output;
}

type WithholdingInput = NonNullable<z.output<typeof iitInputSchema>['withholding']>;

function withholdingOf(
  w: WithholdingInput,
  annualSpecialAdditional: Dec,
  annualBasicDeduction: Dec,
  annualTax: Dec,
  rules: ReturnType<typeof rulesAt>,
): NonNullable<IitOutput['withholding']> {
  {
    const n = w.months ?? 12;
    const monthlySa = w.monthlySpecialAdditionalDeduction ?? annualSpecialAdditional.div(12);
    const months: WithholdingMonth[] = Array.from({ length: n }, () => ({
      income: w.monthlyIncome,
      specialDeduction: w.monthlySpecialDeduction ?? ZERO,
      specialAdditionalDeduction: monthlySa,
      otherDeduction: w.monthlyOtherDeduction ?? ZERO,
    }));
    const rows = cumulativeWithholding(months, rules.iit.annualTable.value, annualBasicDeduction.div(12));
    const total = sum(rows.map((x) => x.withheld));
    return {
      months: rows.map((x) => ({
        month: x.month,
        cumulativeTaxable: toMoneyString(x.cumulativeTaxable),
        rate: x.rate,
        quickDeduction: x.quickDeduction,
        cumulativeTax: toMoneyString(x.cumulativeTax),
        withheld: toMoneyString(x.withheld),
      })),
      total: toMoneyString(total),
      settlement: toMoneyString(annualTax.minus(total)),
    };
  }
}

/** The tax on a given 应纳税所得额: the annual table only; no income or deduction is known. */
function runIitOnTaxable(
  input: z.output<typeof iitInputSchema>,
  taxable: Dec,
  taxYear: number,
  ctx: { rules: ReturnType<typeof rulesAt>; month: string; defaulted: boolean },
): IitOutput {
  const incomeSide = [
    'annualIncome',
    'basicDeduction',
    'taxFreeIncome',
    'specialDeduction',
    'specialAdditional',
    'specialAdditionalTotal',
    'otherDeductions',
  ] as const;
  for (const key of incomeSide) if (input[key] !== undefined) throw conflictingFields(key, 'taxableIncome');
  const { rules } = ctx;
  const { tax, bracket, level } = taxByTable(taxable, rules.iit.annualTable.value);
  const output: IitOutput = {
    taxYear,
    mode: 'taxableIncome',
    income: null,
    taxFreeIncome: null,
    basicDeduction: null,
    specialDeduction: null,
    specialAdditional: { total: null, items: [] },
    otherDeductions: { total: null, items: [] },
    taxableIncome: toMoneyString(taxable),
    bracket: { level, rate: bracket.rate, quickDeduction: bracket.quickDeduction },
    tax: toMoneyString(tax),
    effectiveRate: null,
    taxableIncomeRate: taxable.gt(0) ? tax.div(taxable).toFixed(4, Dec.ROUND_HALF_UP) : '0.0000',
    marginalRate: taxable.gt(0) ? bracket.rate : '0',
    afterTaxIncome: null,
    warnings: [],
    used: {
      ...usedRules(ctx, [rules.iit.annualTable, input.withholding ? rules.iit.basicDeduction : undefined]),
      annualTable: [...rules.iit.annualTable.value],
      specialAdditionalStandards: rules.iit.specialAdditional.value,
    },
  };
  if (input.withholding)
    output.withholding = withholdingOf(
      input.withholding,
      ZERO,
      new Dec(rules.iit.basicDeduction.value),
      tax,
      rules,
    );
  return output;
}
