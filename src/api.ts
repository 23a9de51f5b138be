/**
 * The library's front door: the same functions the CLI, batch workers and HTTP handlers call.
 *
 *   validate(raw)        → every input issue at once, or the parsed profile
 *   planFromInput(raw)   → a Plan, or a FINPLAN_E_INVALID_PROFILE error carrying every issue
 *   compose(plan, options, ctx) → PDF bytes (src/report/pdf/compose.ts)
 */
import { validateProfile, type ValidationResult } from './domain/validate.js';
import { DEFAULT_LIFE_EXPECTANCY } from './engine/assumptions.js';
import { buildPlan, type BuildPlanOptions } from './engine/plan.js';
import type { Plan } from './engine/plan-types.js';
import { FinplanError } from './errors.js';

export function validate(raw: unknown): ValidationResult {
  return validateProfile(raw, { defaultLifeExpectancy: DEFAULT_LIFE_EXPECTANCY });
}

export function planFromInput(raw: unknown, options: BuildPlanOptions = {}): Plan {
  const result = validate(raw);
  if (!result.ok)
    throw new FinplanError('FINPLAN_E_INVALID_PROFILE', `共 ${result.issues.length} 处问题`, {
      issues: result.issues,
    });
  return buildPlan(result.profile, options);
}
