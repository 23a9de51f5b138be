/**
 * plan.audit: the plan checks itself. Every check passes on every sample and on generated
 * households; each check can fail (a plan edited to contradict itself is caught), so a passing
 * audit means something.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { auditPlan, failedChecks } from '../../src/engine/audit.js';
import { buildPlan } from '../../src/engine/plan.js';
import type { Plan } from '../../src/engine/plan-types.js';
import { profileArb, validProfile } from '../helpers/arbitraries.js';
import { goodSampleNames, readSample } from '../helpers/samples.js';

const RUNS = Number(process.env.AUDIT_RUNS ?? 500);

const CHECKS = [
  'funding_within_surplus',
  'one_offs_within_assets',
  'actions_within_funding',
  'every_action_amount_funded',
  'no_achievable_goal_with_shortfall',
  'short_goal_count',
  'no_home_bought_without_down_payment',
  'cash_status_agrees_with_move',
  'money_runs_out_agrees',
  'unpaid_loans_stay_owed',
  'one_success_figure',
  'best_change_is_meaningful',
  'no_judged_ratio_without_base',
  'high_interest_debt_first',
  'no_loan_beyond_bank_line',
  'one_liquidity_figure',
  'no_life_cover_without_dependants',
  'stress_cover_equals_protection_gap',
];

describe('plan.audit', () => {
  it.each(goodSampleNames())('passes every check: %s', (name) => {
    const plan = planFromInput(readSample(name));
    expect(plan.audit.map((c) => c.id)).toEqual(CHECKS);
    expect(failedChecks(plan)).toEqual([]);
  });

  it('passes every check on generated households (single or couple, 0–3 children, retired or working, with and without debts)', () => {
    let checked = 0;
    fc.assert(
      fc.property(profileArb, (input) => {
        // Few trials: the audit is about the plan's coherence, not the Monte Carlo's precision.
        const plan = buildPlan(validProfile(input), { risk: { trials: 40, candidateTrials: 40 } });
        expect(failedChecks(plan), JSON.stringify(failedChecks(plan))).toEqual([]);
        checked++;
      }),
      { numRuns: RUNS },
    );
    expect(checked).toBe(RUNS);
  }, 600_000);

  describe('catches a plan that contradicts itself', () => {
    const plan = planFromInput(readSample('family-with-children-education-and-retirement'));
    const rerun = (edit: (p: Plan) => void) => {
      const copy = structuredClone(plan);
      edit(copy);
      return auditPlan(copy)
        .filter((c) => !c.passed)
        .map((c) => c.id);
    };

    it('a saving above the surplus', () => {
      expect(
        rerun((p) => {
          const item = p.funding.items.find((i) => i.code === 'EDUCATION_SAVING')!;
          item.fundedMonthly = '9999.00';
        }),
      ).toContain('funding_within_surplus');
    });

    it('an action asking for money the funding pass did not give it', () => {
      expect(
        rerun((p) => {
          const a = p.actions.find((x) => x.code === 'EDUCATION_SAVING')!;
          a.data.monthly = '7895.00';
        }),
      ).toEqual(expect.arrayContaining(['actions_within_funding', 'every_action_amount_funded']));
    });

    it('a goal called achievable beside its shortfall', () => {
      expect(rerun((p) => void (p.diagnosis.goals[0]!.shortfall = '267.00'))).toContain(
        'no_achievable_goal_with_shortfall',
      );
    });

    it('cash called excessive beside advice to hold more', () => {
      expect(rerun((p) => void (p.diagnosis.cash.status = 'excess'))).toContain(
        'cash_status_agrees_with_move',
      );
    });

    it('two success figures', () => {
      expect(rerun((p) => void (p.diagnosis.success.rate = '0.986'))).toContain('one_success_figure');
    });

    it('money running out in one place and not in another', () => {
      expect(
        rerun((p) => void (p.diagnosis.household.moneyRunsOut = { year: 2034, age: 35, memberId: 'self' })),
      ).toContain('money_runs_out_agrees');
    });

    it('a change of 0.1 point called the most effective', () => {
      expect(
        rerun((p) => {
          p.risk.bestChange = 'save_more';
          p.risk.candidates.find((c) => c.code === 'save_more')!.successGain = '0.001';
        }),
      ).toContain('best_change_is_meaningful');
    });

    it('a home bought without its down payment', () => {
      expect(
        rerun((p) => {
          const g = p.goals.find((x) => x.type === 'car')!;
          g.type = 'home';
          g.status = 'short';
          p.diagnosis.shortGoalIds.push(g.goalId);
        }),
      ).toContain('no_home_bought_without_down_payment');
    });
  });
});
