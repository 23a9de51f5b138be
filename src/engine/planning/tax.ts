/**
 * 税务筹划 per earner, from the 收支表's income computation: the bonus method the plan chose and
 * what it saves over the other (with a warning inside a 无效区间), the 专项附加扣除 claimed, the
 * ones the household may be entitled to but the profile does not show (to check with the client),
 * and what 个人养老金 would save at the member's marginal rate, net of the 3% withdrawal tax.
 */
import { Dec, ZERO, toMoneyString, toRateString } from '../../domain/money.js';
import type { MemberIncome } from '../projection/income.js';
import type { EngineRun } from '../run.js';
import type { MemberTaxPlan, TaxPlan } from '../plan-types.js';
import { rulesAt } from '../rules/ruleset.js';

export function planTax(run: EngineRun, incomes: MemberIncome[]): TaxPlan {
  const { h } = run;
  const rules = rulesAt(h.valuationMonth);
  const pp = rules.iit.privatePension?.value;
  const members: MemberTaxPlan[] = incomes
    .filter((i) => i.salary.gt(0) || i.bonus.gt(0))
    .map((i) => {
      const member = h.byId.get(i.memberId)?.member;
      const claimed = new Set(i.deductionItems.map((d) => d.code));
      const possible: string[] = [];
      if (!claimed.has('elderlySupport')) possible.push('elderlySupport');
      if (!claimed.has('housingLoanInterest') && !claimed.has('housingRent'))
        possible.push('housingLoanOrRent');
      if (!claimed.has('continuingEducationDegree')) possible.push('continuingEducation');
      possible.push('seriousIllness');
      const contributes = member?.deductions?.privatePensionAnnual !== undefined;
      if (!contributes) possible.push('privatePension');
      possible.push('commercialHealthInsurance');
      const withdrawal = new Dec(pp?.privatePensionWithdrawalRate ?? '0.03');
      const cap = new Dec(pp?.privatePensionAnnualCap ?? '0');
      const saving = i.marginalRate.gt(withdrawal) ? cap.times(i.marginalRate.minus(withdrawal)) : ZERO;
      return {
        memberId: i.memberId,
        bonusMethod: i.bonusMethod,
        bonusSaving: toMoneyString(i.bonusSaving),
        bonusInInvalidInterval: i.bonusInInvalidInterval,
        claimedDeductions: i.deductionItems.map((d) => ({ code: d.code, amount: toMoneyString(d.amount) })),
        possibleDeductions: possible,
        marginalRate: toRateString(i.marginalRate),
        privatePensionTaxSaving: toMoneyString(saving),
        annualTax: toMoneyString(i.salaryTax.plus(i.bonusTax)),
      };
    });
  return { members, bonusSeparateUntil: rules.bonus?.effectiveTo ?? '2027-12-31' };
}
