/**
 * Rules as dated data. Every parameter a rule supplies (a tax bracket, a contribution rate, an LPR
 * fixing, a retirement-age step) is stored with the dates it is in force, its source and the
 * certainty given in shared/domain/china-rules.md. Code never holds such a number as a constant;
 * it asks for the value in force on a date.
 */
export type Certainty = 'high' | 'medium' | 'low';

export interface Provenance {
  /** The statute, notice or public dataset the value comes from, in Chinese where it has a name. */
  source: string;
  /**
   * The source as a client reads it in the 附录: publisher, document and date ("中国人民银行公告，
   * 2025年5月"), no research tags or certainty words (docs/style.md). `source` stays the
   * maintainers' note.
   */
  cite?: string;
  certainty: Certainty;
  /** Why the value is what it is, when that is not obvious from the source (shown in the 附录). */
  note?: string;
}

export interface Dated<T> extends Provenance {
  value: T;
  /** First day in force, "YYYY-MM-DD". */
  effectiveFrom: string;
  /** Last day in force, "YYYY-MM-DD"; absent while still in force. */
  effectiveTo?: string;
}

/** A "YYYY-MM" or "YYYY-MM-DD" reduced to a comparable "YYYY-MM-DD". */
export function toDay(date: string): string {
  return date.length === 7 ? `${date}-01` : date;
}

export function isInForce(entry: { effectiveFrom: string; effectiveTo?: string }, date: string): boolean {
  const day = toDay(date);
  return entry.effectiveFrom <= day && (entry.effectiveTo === undefined || day <= entry.effectiveTo);
}

/** The entry in force on a date, or undefined when none is. The latest-starting entry wins. */
export function inForce<T>(entries: readonly Dated<T>[], date: string): Dated<T> | undefined {
  let best: Dated<T> | undefined;
  for (const e of entries)
    if (isInForce(e, date) && (!best || e.effectiveFrom > best.effectiveFrom)) best = e;
  return best;
}

/**
 * The entry in force on a date, or — for a date after the last known entry — the latest entry,
 * carried forward. Projections decades ahead need *some* value; the carried-forward flag lets the
 * plan say so.
 */
export function inForceOrLatest<T>(
  entries: readonly Dated<T>[],
  date: string,
): { entry: Dated<T>; carriedForward: boolean } | undefined {
  const exact = inForce(entries, date);
  if (exact) return { entry: exact, carriedForward: false };
  const day = toDay(date);
  const earlier = entries.filter((e) => e.effectiveFrom <= day);
  if (earlier.length === 0) return undefined;
  const latest = earlier.reduce((a, b) => (b.effectiveFrom > a.effectiveFrom ? b : a));
  return { entry: latest, carriedForward: true };
}
