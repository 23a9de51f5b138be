/**
 * Characters of the client's own text (names, labels, notes) that no font of the report has.
 * They are drawn as 〓, listed in the PDF's 资料说明 and returned to the caller — never silently
 * dropped or drawn as an empty box.
 */
import type { Plan } from '../../engine/plan-types.js';
import type { RenderContext } from '../context.js';
import { fontCoverage, missingCharacters } from '../pdf/text/index.js';

/** Every free text of the plan that came from the profile. */
export function clientTexts(plan: Plan): string[] {
  return [
    plan.household.familyName,
    plan.household.city,
    plan.household.clientTitle,
    plan.report.plannerName ?? '',
    ...plan.members.flatMap((m) => [m.name, m.occupation ?? '', m.healthNotes ?? '']),
    ...plan.goals.map((g) => g.label),
    ...plan.balanceSheet.assets.map((a) => a.label),
    ...plan.balanceSheet.liabilities.map((l) => l.label),
    ...plan.cashFlow.incomes.map((i) => i.label),
    ...plan.cashFlow.spending.map((s) => s.label),
  ];
}

export function missingCharactersOf(plan: Plan, ctx: RenderContext): string[] {
  const fonts = [
    fontCoverage('regular', ctx.fonts.regular),
    fontCoverage('bold', ctx.fonts.bold),
    ...ctx.fonts.fallbacks.map((f, i) => fontCoverage(`fallback-${i}`, f)),
  ];
  const out = new Set<string>();
  for (const text of clientTexts(plan)) for (const ch of missingCharacters(text, fonts)) out.add(ch);
  return [...out];
}
