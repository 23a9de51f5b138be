/**
 * Golden plans: the whole Plan JSON of every sample, committed under test/golden/plans and read
 * through by hand once. A change to any figure shows up as a reviewable diff; regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/engine/plan-golden.test.ts` only after checking the diff.
 * A missing golden file fails the test.
 *
 * Each module has one figure recomputed by hand below (python3 decimal, 40 digits).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planFromInput, validate } from '../../src/api.js';
import { buildPlan } from '../../src/engine/plan.js';
import { ACTIONS, FINDINGS } from '../../src/engine/findings.js';
import { planSchema, type Plan } from '../../src/engine/plan-types.js';
import { goodSampleNames, readSample } from '../helpers/samples.js';

const GOLDEN = new URL('../golden/plans/', import.meta.url).pathname;
const plans = new Map<string, Plan>(goodSampleNames().map((n) => [n, planFromInput(readSample(n))]));

describe.each(goodSampleNames())('golden plan %s', (name) => {
  it('matches the committed golden file and the Plan schema', () => {
    const plan = plans.get(name)!;
    expect(planSchema.safeParse(plan).success).toBe(true);
    const text = `${JSON.stringify(plan, null, 2)}\n`;
    const file = `${GOLDEN}${name}.plan.json`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
    expect(existsSync(file), `missing golden file ${file}`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

describe('per-profile rerun caches (income, spending, loans, pensions)', () => {
  it.each(goodSampleNames())('%s: planning one profile object again gives the same plan', (name) => {
    const result = validate(readSample(name));
    if (!result.ok) throw new Error(`${name} does not validate`);
    const profile = result.profile;
    const first = buildPlan(profile);
    expect(buildPlan(profile)).toEqual(first);
    expect(first).toEqual(plans.get(name));
  });
});

describe('figures recomputed by hand (family with children unless said)', () => {
  const family = plans.get('family-with-children-education-and-retirement')!;

  it('资产负债表 and ratios: 清偿比率 = 1,586,000 ÷ 2,166,000 = 0.7322; 清偿 + 负债 = 1', () => {
    const solvency = family.ratios.find((r) => r.code === 'solvencyRatio')!;
    const debt = family.ratios.find((r) => r.code === 'debtRatio')!;
    expect(family.balanceSheet.totals.netWorth).toBe('1586000.00');
    expect(solvency.value).toBe('0.7322');
    expect(Number(solvency.value) + Number(debt.value)).toBeCloseTo(1, 4);
  });

  it('个税 (tax module): 程建国 merges his bonus and pays 3,728.00', () => {
    // Salary 180,000 − 60,000 basic − 社保 15,120 (12,000 × 10.5% × 12) − 公积金 14,400 (10%)
    // − 专项附加 78,000 (two children 2 × 2,000 × 12, 赡养老人 1,500 × 12, 房贷利息 1,000 × 12)
    // = 12,480. With the 50,000 bonus merged: 62,480 × 10% − 2,520 = 3,728.00. Separately:
    // 12,480 × 3% = 374.40 plus 50,000 × 10% − 210 = 4,790 → 5,164.40. Merged is cheaper.
    const self = family.planning.tax.members.find((m) => m.memberId === 'self')!;
    expect(self.bonusMethod).toBe('merged');
    expect(self.annualTax).toBe('3728.00');
    expect(self.bonusSaving).toBe('1436.40');
  });

  it('loan schedule (mortgage calculator): 580,000 at 3.1% over 216 months = 3,507.04 a month', () => {
    // M = P·i·(1+i)^n / ((1+i)^n − 1), i = 0.031/12, n = 216 → 3,507.04 (half-up to the fen).
    expect(family.balanceSheet.liabilities[0]!.monthlyPayment).toBe('3507.04');
  });

  it('emergency fund: essential outflow (118,800 + loan 42,084.48 + premiums 8,000) ÷ 12 = 14,073.71; 3–6 months = 42,221.12–84,442.24', () => {
    const e = family.planning.emergency;
    expect(e.monthlyEssential).toBe('14073.71');
    expect([e.targetMin, e.targetMax, e.gap, e.status]).toEqual(['42221.12', '84442.24', '0.00', 'adequate']);
    // One liquidity measure: 70,000 ÷ 14,073.7067 = 4.97 months, in the diagnosis and the ratio table.
    expect(e.monthsCovered).toBe('4.97');
    expect(family.diagnosis.liquidity.months).toBe('4.97');
    expect(Number(family.ratios.find((r) => r.code === 'liquidityRatio')!.value)).toBeCloseTo(4.9738, 4);
  });

  it('education: son’s university lump sum today = Σ 30,000 × 1.035^(8+j) ÷ 1.029^(8+j), j = 0..3 = 126,817.06', () => {
    const son = family.planning.education.goals.find((g) => g.goalId === 'son-university')!;
    expect(son.lumpSumToday).toBe('126817.06');
    expect(son.totalNominal).toBe('166508.25');
    // The index fund named as its source (120,000) and 6,817.06 of the savings no goal names.
    expect(son.earmarked).toBe('126817.06');
    expect(son.monthlySaving).toBeNull();
  });

  it('insurance: 双十原则 for 程建国 = 10 × 230,000 = 2,300,000', () => {
    const self = family.planning.insurance.members.find((m) => m.memberId === 'self')!;
    expect(self.life?.doubleTen).toBe('2300000.00');
    expect(self.annualIncome).toBe('230000.00');
  });

  it('retirement (pension): 基础养老金 part for 程建国 = 8,700 × 1.03^23 × (1 + 1.4) ÷ 2 × 38.5% = 7,932.63', () => {
    // C_R = 8,700 × 1.03^(2049 − 2026) = 17,170.20; N = 16 + 270 ÷ 12 = 38.5 years (2026-11 to 2049-05).
    // The account part adds 个人账户储存额 ÷ 117 (计发月数 at 63): the total is above the basic part.
    const m = family.planning.retirement.members.find((x) => x.memberId === 'self')!;
    expect(m.contributionYears).toBe('38.5');
    expect(Number(m.monthlyPension)).toBeGreaterThan(7932.63);
  });

  it('investment: cash keeps 84,442.24 then 10% of the rest: (84,442.24 + 0.1 × 405,557.76) ÷ 490,000 = 0.2551', () => {
    expect(family.planning.investment.recommended.cash).toBe('0.2551');
    expect(family.planning.investment.moves.cash).toBe('54998.02'); // 124,998.02 − 70,000
    expect(family.planning.investment.moves.deposit).toBe('-200000.00');
  });

  it('tier: 490,000 of financial assets is 理财客户 (20万–100万)', () => {
    expect(family.tier.code).toBe('T2');
  });

  it('housing (young salesman): short of its down payment in 2033, the home is bought in 2040 at 3,500,000 × 1.005^14 = 3,753,123.96, 30% down', () => {
    const plan = plans.get('young-beijing-salesman-startup-and-home')!;
    const home = plan.goals.find((g) => g.goalId === 'home')!;
    // 2033: 3,624,352.89 × 30% = 1,087,305.87 due, 423,877.73 there (pool and 公积金): 663,428.14 short.
    expect([home.status, home.plannedYear, home.startYear]).toEqual(['postponed', 2033, 2040]);
    expect(home.shortAtPlannedYear).toBe('663428.14');
    expect(home.shortfallNominal).toBe('0.00');
    const p = plan.planning.housing.purchases[0]!;
    expect(p.priceNominal).toBe('3753123.96');
    expect(p.downPayment).toBe('1125937.19');
    expect(p.downPaymentFunded).toBe(true);
    // No loan and no home in 2033: the balance sheet stays without debt until 2040.
    const year = (y: number) => plan.projection.years.find((x) => x.year === y)!;
    expect(year(2033).liabilitiesEndNominal).toBe('0.00');
    // The 2,627,186.77 loan starts the month after the January purchase: eleven payments in 2040.
    expect(Number(year(2040).liabilitiesEndNominal)).toBeGreaterThan(2_500_000);
    expect(plan.diagnosis.household.moneyRunsOut).toBeNull();
    expect(plan.diagnosis.retirement.status).toBe('on_track');
  });

  it('insurance budget (retired couple): 双十 on the pensions, 10% × (78,000 + 57,600) = 13,560', () => {
    // Retirees have no pay; the premium budget is a share of all household income, as the 收支表 shows.
    const ins = plans.get('retired-couple-shanghai')!.planning.insurance;
    expect(ins.householdIncome).toBe('135600.00');
    expect(ins.premiumBudget).toBe('13560.00');
    expect(ins.premiumShare).toBe('0.0019'); // 258 ÷ 135,600
  });
});

describe('findings and actions carry exactly the data their codes declare', () => {
  it.each(goodSampleNames())('%s', (name) => {
    const plan = plans.get(name)!;
    for (const f of plan.findings) {
      const spec = FINDINGS[f.code] as Record<string, string>;
      for (const key of Object.keys(f.data)) expect(spec, `${f.code}.${key}`).toHaveProperty(key);
      // Every declared datum is present except the alternatives of BEST_CHANGE (one per change).
      if (f.code !== 'BEST_CHANGE')
        for (const key of Object.keys(spec)) expect(f.data, `${f.code}.${key}`).toHaveProperty(key);
    }
    for (const a of plan.actions) {
      const spec = ACTIONS[a.code] as Record<string, string>;
      expect(Object.keys(a.data).sort(), a.code).toEqual(Object.keys(spec).sort());
    }
  });
});
