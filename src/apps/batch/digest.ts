/**
 * What the organiser of a salon needs from each guest's plan, and nothing that names the guest:
 * the tier, the diagnosis's statuses, the protection and retirement gaps, and the codes of the
 * findings and actions. A digest is kept in the batch journal so a resumed run still knows the
 * rows it skipped, and the organiser's summary is built from digests alone.
 */
import { Decimal } from 'decimal.js';
import type { Plan } from '../../engine/plan-types.js';

export interface HouseholdDigest {
  /** The plan's report date (YYYY-MM-DD). */
  reportDate: string;
  tier: Plan['tier']['code'];
  household: Plan['diagnosis']['household']['status'];
  /** Monte Carlo success rate, a decimal string in [0, 1]. */
  successRate: string;
  protection: Plan['diagnosis']['protection']['status'];
  /** Life and critical-illness cover still missing across the members, 元. */
  protectionGap: string;
  retirement: Plan['diagnosis']['retirement']['status'];
  /** Retirement gap, 元 (negative: a surplus). */
  retirementGap: string;
  liquidityMonths: string | null;
  shortGoals: number;
  /** Codes of the plan's findings and actions, each once. */
  findings: string[];
  actions: string[];
  failedChecks: string[];
}

export function digestPlan(plan: Plan, failedChecks: string[]): HouseholdDigest {
  let protectionGap = new Decimal(0);
  for (const member of plan.planning.insurance.members)
    for (const line of member.lines)
      if ((line.kind === 'life' || line.kind === 'criticalIllness') && line.gap !== null)
        protectionGap = protectionGap.plus(Decimal.max(0, line.gap));
  return {
    reportDate: plan.reportDate,
    tier: plan.tier.code,
    household: plan.diagnosis.household.status,
    successRate: plan.diagnosis.success.rate,
    protection: plan.diagnosis.protection.status,
    protectionGap: protectionGap.toFixed(2),
    retirement: plan.diagnosis.retirement.status,
    retirementGap: plan.diagnosis.retirement.gap,
    liquidityMonths: plan.diagnosis.liquidity.months,
    shortGoals: plan.diagnosis.shortGoalIds.length,
    findings: [...new Set(plan.findings.map((f) => f.code))].sort(),
    actions: [...new Set(plan.actions.map((a) => a.code))].sort(),
    failedChecks,
  };
}
