/**
 * Edge cases a planner would never let through (issue 13, item 7):
 * - no 五险一金 withheld from a zero salary (there is no wage to withhold it from);
 * - a ratio over a zero or negative base (税后收入 ≤ 0, 净资产 ≤ 0) has no value and no verdict, and
 *   the report prints "—" with the reason;
 * - a change that rounds to nothing is "0", never "−0.00";
 * - a spouse nine months old is an input error (民法典 第一千零四十七条 法定婚龄), not a crash;
 * - every valid profile plans, over extreme but valid ages, life expectancies and horizons.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planFromInput, validate } from '../../src/api.js';
import { ADULT_AGES } from '../../src/domain/cross-checks.js';
import { dec } from '../../src/domain/money.js';
import { auditPlan, failedChecks } from '../../src/engine/audit.js';
import { householdRatios } from '../../src/engine/calculators/ratios.js';
import { buildPlan } from '../../src/engine/plan.js';
import { signedWan } from '../../src/report/format.js';
import { RATIO_NULL_REASONS } from '../../src/report/model/report-model.js';
import { extremeProfileArb, validProfile } from '../helpers/arbitraries.js';
import { readSample } from '../helpers/samples.js';

type Sample = {
  household: { valuationMonth: string };
  members: { role: string; birthMonth: string; gender: string }[];
  incomes: { type: string; amount: number }[];
};
const salesman = () => readSample('young-beijing-salesman-startup-and-home') as Sample;

describe('a zero salary', () => {
  // The salesman with his salary and bonus set to 0 (his profile states an SI base of 12,000):
  // before, 15,156 of social insurance and 17,280 of housing fund were charged, giving 税后收入
  // −32,436, a 结余比率 of 430.5% and a 消费比率 of −3.3, both judged 良好.
  const p = salesman();
  for (const i of p.incomes) i.amount = 0;
  const plan = planFromInput(p, { risk: { trials: 40, candidateTrials: 40 } });

  it('pays no 五险一金', () => {
    expect(plan.cashFlow.totals.socialInsurance).toBe('0.00');
    expect(plan.cashFlow.totals.housingFund).toBe('0.00');
    expect(plan.cashFlow.totals.netIncome).toBe('0.00');
  });

  it('judges no ratio over its zero income', () => {
    for (const code of ['savingsRatio', 'debtServiceRatio', 'consumptionRatio', 'premiumBurden']) {
      const r = plan.ratios.find((x) => x.code === code)!;
      expect([r.value, r.verdict, r.reason]).toEqual([null, 'na', 'zero_denominator']);
    }
    expect(failedChecks(plan)).toEqual([]);
  });
});

describe('ratios over a non-positive base', () => {
  // Hand-worked: 税后收入 −5,830, 支出 96,000 → 结余 −101,830; −101,830 ÷ −5,830 = 17.467 ("1746.7%")
  // is meaningless, and so is 96,000 ÷ −5,830 = −16.47. Both are null with the reason.
  const zero = dec(0);
  const ratios = householdRatios({
    annualAfterTaxIncome: dec(-5830),
    annualSpending: dec(96000),
    totalAssets: dec(100000),
    totalLiabilities: dec(150000),
    investmentAssets: dec(20000),
    liquidAssets: dec(10000),
    annualDebtService: dec(12000),
    annualPassiveIncome: zero,
    annualProtectionPremium: zero,
  });
  const by = (code: string) => ratios.find((r) => r.code === code)!;

  it.each(['savingsRatio', 'consumptionRatio', 'debtServiceRatio', 'premiumBurden'])(
    '%s over a negative after-tax income is null: negative_denominator',
    (code) => {
      expect(by(code).value).toBeNull();
      expect(by(code).reason).toBe('negative_denominator');
    },
  );

  it('投资与净资产比率 with net assets of −50,000 is null: net_assets_not_positive', () => {
    expect(by('investmentToNetWorth').value).toBeNull();
    expect(by('investmentToNetWorth').reason).toBe('net_assets_not_positive');
  });

  it('即付比率 without debts says so, and with debts is computed', () => {
    expect(by('currentRatio').value?.toString()).toBe(dec(10000).div(150000).toString());
    const none = householdRatios({
      annualAfterTaxIncome: dec(1),
      annualSpending: dec(1),
      totalAssets: dec(1),
      totalLiabilities: zero,
      investmentAssets: zero,
      liquidAssets: zero,
      annualDebtService: zero,
      annualPassiveIncome: zero,
      annualProtectionPremium: zero,
    });
    expect(none.find((r) => r.code === 'currentRatio')!.reason).toBe('no_liabilities');
  });

  it('the report prints the reason beside "—"', () => {
    expect(RATIO_NULL_REASONS.negative_denominator).toBe('分母为负');
    expect(RATIO_NULL_REASONS.zero_denominator).toBe('分母为零');
  });

  it('the audit catches a judged ratio over a non-positive base', () => {
    const plan = planFromInput(salesman(), { risk: { trials: 40, candidateTrials: 40 } });
    plan.cashFlow.totals.netIncome = '-5830.00';
    const again = auditPlan(plan);
    expect(again.filter((c) => !c.passed).map((c) => c.id)).toContain('no_judged_ratio_without_base');
  });
});

describe('signed changes', () => {
  it.each([
    ['-26.00', '0'],
    ['-49.99', '0'],
    ['-50.00', '−0.01'],
    ['659500', '+65.95'],
    ['0', '0'],
  ])('%s 元 → %s 万元', (x, shown) => expect(signedWan(x)).toBe(shown));
});

describe('adult ages of self and spouse', () => {
  it('a spouse nine months old is an input error in Chinese, not FINPLAN_E_INTERNAL', () => {
    const p = salesman();
    p.members.push({ ...p.members[0]!, role: 'spouse', birthMonth: '2026-02', gender: 'female' });
    Object.assign(p.members[1]!, { id: 'spouse', name: '配偶' });
    const v = validate(p);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const issue = v.issues.find((i) => i.code === 'member_not_adult')!;
    expect(issue.path).toBe('members[1].birthMonth');
    expect(issue.message).toContain('配偶在估值月仅 0 岁');
    expect(issue.message).toContain(`法定婚龄（${ADULT_AGES.spouse.female} 周岁）`);
  });

  it('a self of 17 is an input error; 18 plans', () => {
    const p = salesman();
    p.members[0]!.birthMonth = '2009-01';
    const v = validate(p);
    expect(v.ok ? [] : v.issues.map((i) => i.code)).toContain('member_not_adult');
    p.members[0]!.birthMonth = '2008-11';
    expect(validate(p).ok).toBe(true);
  });
});

describe('every valid profile plans', () => {
  it('over extreme but valid ages, life expectancies and horizons', () => {
    let planned = 0;
    fc.assert(
      fc.property(extremeProfileArb, (input) => {
        const plan = buildPlan(validProfile(input), { risk: { trials: 20, candidateTrials: 20 } });
        expect(failedChecks(plan)).toEqual([]);
        expect(JSON.stringify(plan)).not.toMatch(/"-0(\.0+)?"/);
        planned++;
      }),
      { numRuns: 60 },
    );
    expect(planned).toBe(60);
  }, 600_000);

  it('the spouse aged 20 of a self aged 109, both planned to 110', () => {
    const profile = validProfile({
      version: 1,
      household: { familyName: '极', city: '北京', valuationMonth: '2026-11' },
      members: [
        {
          id: 'self',
          role: 'self',
          name: '甲',
          birthMonth: '1917-01',
          gender: 'male',
          employment: 'retired',
          lifeExpectancy: 110,
        },
        {
          id: 'spouse',
          role: 'spouse',
          name: '乙',
          birthMonth: '2006-01',
          gender: 'female',
          employment: 'employee',
          pensionScheme: 'urban_employee',
          lifeExpectancy: 110,
        },
      ],
      incomes: [{ memberId: 'spouse', type: 'salary', amount: 5000, unit: 'month' }],
      spending: [{ category: 'food', essential: true, amount: 2000, unit: 'month' }],
      assets: [{ type: 'cash', value: 50000 }],
      liabilities: [],
      insurance: [],
      goals: [],
      risk: { level: 'C2' },
    });
    const plan = buildPlan(profile, { risk: { trials: 20, candidateTrials: 20 } });
    expect(plan.projection.lastYear).toBe(2116);
    expect(failedChecks(plan)).toEqual([]);
  });
});
