/**
 * Sources as a client reads them (docs/style.md): publisher, document and date, never the
 * maintainers' research tags ("[S24]", "[china-rules §4.2]") or certainty words ("Medium", "回忆").
 * A rule's `cite` is that text; for a rule without one the maintainers' `source` is cleaned of its
 * tags and notes. Values that are less than certain or carried past their published period say so
 * in client language: "以最新公布为准".
 */
import type { Provenance } from '../../engine/rules/dated.js';

/** Parenthesised research notes: certainty words, recollection, unchecked details, data origin. */
const INTERNAL_NOTE =
  /[（(][^（）()]*(?:回忆|Medium|High|Low|china-rules|未复核|未核实|公开计算器|finplan)[^（）()]*[)）]/g;

/** The maintainers' note cleaned for a client's page. */
export function clientText(text: string): string {
  return text
    .replace(/\s*\[(?:S\d+|china-rules[^\]]*|report-outline)\]/g, '')
    .replace(INTERNAL_NOTE, '')
    .replace(/"([^"]*)"/g, '“$1”')
    .replace(/\s+([；。，])/g, '$1')
    .trim();
}

/** A rule's source for the 附录 and the assumption tables. */
export function clientSource(
  p: Provenance,
  options: { carriedForward?: boolean; local?: boolean } = {},
): string {
  const base = p.cite ?? clientText(p.source);
  const uncertain = options.carriedForward || p.certainty === 'low';
  return uncertain ? `${base}；以${options.local ? '当地' : ''}最新公布为准` : base;
}
