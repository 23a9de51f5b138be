/**
 * Validation of a household profile: the type pass (zod) and the cross-field pass run separately
 * and their issues are merged, so the client sees every problem at once.
 */
import { crossCheckProfile, type CrossCheckContext } from './cross-checks.js';
import { fromZodIssue, PARSE_OPTIONS, type InputIssue } from './issues.js';
import { profileSchema, type Profile } from './profile.js';

export type ValidationResult = { ok: true; profile: Profile } | { ok: false; issues: InputIssue[] };

export function validateProfile(raw: unknown, ctx: CrossCheckContext): ValidationResult {
  const typed = profileSchema.safeParse(raw, PARSE_OPTIONS);
  const issues: InputIssue[] = typed.success ? [] : typed.error.issues.flatMap(fromZodIssue);
  issues.push(...crossCheckProfile(raw, ctx));
  const unique = dedupe(issues);
  if (unique.length > 0 || !typed.success) return { ok: false, issues: unique };
  return { ok: true, profile: typed.data };
}

function dedupe(issues: InputIssue[]): InputIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
