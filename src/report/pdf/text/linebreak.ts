/**
 * Line breaking for Chinese text mixed with latin words and numbers, with 禁则 (kinsoku).
 *
 * pdfkit's own wrapping breaks CJK text between any two characters, so a line can start with "，"
 * or "）" and "1,234,567 元" can be cut in two. This module breaks text into lines itself; the
 * caller draws each line with pdfkit's `lineBreak: false` (draw.ts).
 *
 * How it works:
 * 1. The text is split into paragraphs at newlines, each paragraph into tokens: a latin word or
 *    number (letters, digits, signs and joiners, e.g. "1,234,567.89", "3.05%–3.10%", "2026-11",
 *    "e-mail"), one other character (a Han character with any combining marks or variation
 *    selector, a punctuation mark, a symbol), or a run of spaces.
 * 2. Tokens are grouped into units that are never broken inside. Between two tokens there is no
 *    break when
 *    - the second starts with a 行首禁则 character (closing punctuation: it stays with the
 *      character before, even across a space),
 *    - the first ends with a 行尾禁则 character (opening punctuation, currency signs),
 *    - they touch and either side is glue (no-break space, word joiner, ·, /, straight quotes),
 *    - a number (ending in a digit) is followed by its unit or measure word: the one Han character
 *      after it, or the longest unit of MULTI_CHAR_UNITS ("12.5 万元", "3 个月"), with no space or
 *      one space between ("2031年", "87 岁", "1,234,567 元" are each one unit; "12.5%" already
 *      carries its unit and takes no other), or
 *    - 第 is followed by a number ("第 3 页").
 *    Everywhere else a break is allowed: between Han characters, between a Han character and a
 *    word, and at spaces (a space where the line breaks is dropped).
 * 3. Lines are filled greedily with units. A unit wider than a whole line (a long URL, or an amount
 *    in a very narrow table column) is the one case where a unit is cut: it is placed on its own
 *    line and cut where it fits, preferably after a space or separator ("¥500," / "000.00", never
 *    at a decimal point), else next to a Han character, else at the last character that fits, so
 *    nothing overflows its box; such lines are marked `end: 'forced'`. Callers that care (a table
 *    column too narrow for its amounts) can look for them.
 *
 * The function is pure and deterministic: it only calls `measure`.
 */
import {
  GLUE,
  JOINERS,
  MULTI_CHAR_UNITS,
  NO_LINE_END,
  NO_LINE_START,
  SPACES,
  ZERO_WIDTH_SPACE,
  isDigit,
  isExtender,
  isHan,
  isOrdinalPrefix,
  isRemoved,
  isWordChar,
} from './kinsoku.js';

/** Width of a string in points (or any unit, as long as `width` uses the same). */
export type Measure = (text: string) => number;

export interface LineBreakOptions {
  /** Width available to the first line of each paragraph (e.g. width − indent); default `width`. */
  firstLineWidth?: number;
  /** At most this many lines; if the text needs more, the last one ends with `ellipsis`. */
  maxLines?: number;
  /** Appended to the last line when `maxLines` cuts the text; default "…". */
  ellipsis?: string;
}

export interface BrokenLine {
  /** The line's text, without the spaces at which it was broken. */
  text: string;
  /** Sum of the measured widths of its units and inner spaces. */
  width: number;
  /**
   * Why the line ends: `wrap` at a break opportunity, `paragraph` at a newline or the end of the
   * text, `forced` inside a unit wider than the line, `truncated` where `maxLines` cut the text.
   */
  end: 'wrap' | 'paragraph' | 'forced' | 'truncated';
  /** The first line of a paragraph (the one that gets a first-line indent). */
  first: boolean;
}

/** Rounding slack: a line may be this much wider than the width and still count as fitting. */
const EPSILON = 1e-6;

interface Token {
  kind: 'word' | 'char' | 'space' | 'zwsp';
  /** Text to draw (format characters removed). */
  text: string;
  /** First and last base code points, for the 禁则 and glue classes. */
  first: number;
  last: number;
  /** One Han character (with its marks or variation selector). */
  han: boolean;
  /** A word that contains a digit and ends with one: a number that can take a unit after it. */
  numeric: boolean;
}

interface Cluster {
  base: number;
  end: number;
}

function cpAt(s: string, i: number): number {
  return s.codePointAt(i) ?? 0;
}

function cpLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** A base character with the combining marks / variation selectors that follow it. */
function readCluster(s: string, i: number): Cluster {
  const base = cpAt(s, i);
  let end = i + cpLength(base);
  while (end < s.length) {
    const cp = cpAt(s, end);
    if (!isExtender(cp)) break;
    end += cpLength(cp);
  }
  return { base, end };
}

function drawable(s: string): string {
  let out = '';
  for (const ch of s) if (!isRemoved(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

/** Split a paragraph (no newlines) into tokens. */
function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const cp = cpAt(s, i);
    if (SPACES.has(cp)) {
      let end = i;
      while (end < s.length && SPACES.has(cpAt(s, end))) end += cpLength(cpAt(s, end));
      tokens.push({ kind: 'space', text: s.slice(i, end), first: cp, last: cp, han: false, numeric: false });
      i = end;
    } else if (cp === ZERO_WIDTH_SPACE) {
      tokens.push({ kind: 'zwsp', text: '', first: cp, last: cp, han: false, numeric: false });
      i += 1;
    } else if (isRemoved(cp) && !GLUE.has(cp)) {
      i += cpLength(cp);
    } else if (isWordChar(cp)) {
      const start = i;
      let numeric = false;
      let last = cp;
      for (;;) {
        const c = readCluster(s, i);
        if (isDigit(c.base)) numeric = true;
        last = c.base;
        i = c.end;
        if (i >= s.length) break;
        const next = cpAt(s, i);
        if (isWordChar(next)) continue;
        if (JOINERS.has(next)) {
          const j = readCluster(s, i);
          if (j.end < s.length && isWordChar(cpAt(s, j.end))) {
            i = j.end;
            continue;
          }
        }
        break;
      }
      tokens.push({
        kind: 'word',
        text: drawable(s.slice(start, i)),
        first: cp,
        last,
        han: false,
        numeric: numeric && isDigit(last),
      });
    } else {
      const c = readCluster(s, i);
      tokens.push({
        kind: 'char',
        text: drawable(s.slice(i, c.end)),
        first: c.base,
        last: c.base,
        han: isHan(c.base),
        numeric: false,
      });
      i = c.end;
    }
  }
  return tokens;
}

/** What separates two content tokens: nothing, spaces, or a zero-width space. */
interface Gap {
  kind: 'none' | 'space' | 'zwsp';
  text: string;
}

/** Is a line break allowed between content tokens `a` and `b`, with `gap` between? */
function canBreak(a: Token, b: Token, gap: Gap): boolean {
  if (NO_LINE_START.has(b.first)) return false;
  if (NO_LINE_END.has(a.last)) return false;
  if (gap.kind === 'zwsp') return true;
  const tight = gap.kind === 'none' || gap.text.length === 1;
  if (a.numeric && b.han && tight) return false;
  if (a.han && isOrdinalPrefix(a.last) && b.numeric && tight) return false;
  if (gap.kind === 'space') return true;
  if (GLUE.has(a.last) || GLUE.has(b.first)) return false;
  if (a.kind === 'word' && b.kind === 'word') return false;
  return true;
}

/** How many more Han tokens after `tokens[k]` complete a multi-character unit starting there. */
function unitExtension(tokens: Token[], k: number): number {
  let best = 0;
  for (const unit of MULTI_CHAR_UNITS) {
    const chars = Array.from(unit);
    if (chars.length - 1 <= best) continue;
    let ok = true;
    for (let n = 0; n < chars.length; n++) {
      const t = tokens[k + n];
      if (!t || !t.han || t.text !== chars[n]) {
        ok = false;
        break;
      }
    }
    if (ok) best = chars.length - 1;
  }
  return best;
}

/** An unbreakable unit and the breakable spaces after it. */
interface Unit {
  text: string;
  /** Spaces after the unit, drawn only if the next unit stays on the same line. */
  gap: string;
}

function unitsOf(paragraph: string): Unit[] {
  const tokens = tokenize(paragraph);
  const units: Unit[] = [];
  let current: Unit | null = null;
  let leading = '';
  let prev: Token | null = null;
  let gap: Gap = { kind: 'none', text: '' };
  let glued = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t) continue;
    if (t.kind === 'space' || t.kind === 'zwsp') {
      if (prev === null) leading += t.text;
      else if (t.kind === 'space')
        gap = { kind: 'space', text: (gap.kind === 'space' ? gap.text : '') + t.text };
      else if (gap.kind === 'none') gap = { kind: 'zwsp', text: '' };
      continue;
    }
    let breakHere = true;
    if (prev !== null) {
      if (glued > 0) {
        breakHere = false;
        glued -= 1;
      } else {
        breakHere = canBreak(prev, t, gap);
        if (!breakHere && prev.numeric && t.han) glued = unitExtension(tokens, k);
      }
    }
    const spaces = gap.kind === 'space' ? gap.text : '';
    if (breakHere || current === null) {
      if (current) {
        current.gap = spaces;
        units.push(current);
      }
      current = { text: (prev === null ? leading : '') + t.text, gap: '' };
    } else {
      current.text += spaces + t.text;
    }
    prev = t;
    gap = { kind: 'none', text: '' };
  }
  if (current) units.push(current);
  else if (leading) units.push({ text: leading, gap: '' });
  return units;
}

function paragraphsOf(text: string): string[] {
  if (text === '') return [];
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n');
}

/**
 * The units that line breaking never splits (unless a unit is wider than a whole line), paragraph
 * after paragraph. Exposed for tests and for callers that need to know what stays together.
 */
export function unbreakableUnits(text: string): string[] {
  return paragraphsOf(text).flatMap((p) => unitsOf(p).map((u) => u.text));
}

function clustersOf(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = readCluster(s, i);
    out.push(s.slice(i, c.end));
    i = c.end;
  }
  return out;
}

/** Trim breakable spaces only (String.trim would also remove U+3000, which is a character here). */
function trimSpaces(s: string, side: 'start' | 'end'): string {
  const chars = Array.from(s);
  if (side === 'start') {
    let i = 0;
    while (i < chars.length && SPACES.has(cpAt(chars[i] ?? '', 0))) i++;
    return chars.slice(i).join('');
  }
  let j = chars.length;
  while (j > 0 && SPACES.has(cpAt(chars[j - 1] ?? '', 0))) j--;
  return chars.slice(0, j).join('');
}

/** Where a cut inside an over-wide unit reads best: after a separator, then next to a Han character. */
const PREFERRED_CUT_AFTER = new Set(Array.from(',/-–～、，', (c) => c.codePointAt(0) ?? 0));

/**
 * Cut a unit that is wider than `limit`: the longest head that fits (at least one character). It
 * prefers to cut after a space or separator ("¥500," / "000.00"; never at a decimal point), then
 * next to a Han character in the second half of the head, and, when it has a choice, never before
 * a 行首禁则 or after a 行尾禁则 character. Spaces at the cut are dropped.
 */
function cutHead(text: string, limit: number, measure: Measure): { head: string; rest: string } {
  const clusters = clustersOf(text);
  let width = 0;
  let fit = 0;
  for (const c of clusters) {
    const w = measure(c);
    if (fit > 0 && width + w > limit + EPSILON) break;
    width += w;
    fit += 1;
  }
  let cut = fit;
  if (fit < clusters.length) {
    const candidates: number[] = [];
    for (let j = fit; j >= 1; j--) {
      const before = cpAt(clusters[j - 1] ?? '', 0);
      const after = cpAt(clusters[j] ?? '', 0);
      if (!NO_LINE_START.has(after) && !NO_LINE_END.has(before)) candidates.push(j);
    }
    const base = (j: number, d: number) => cpAt(clusters[j + d] ?? '', 0);
    const afterSeparator = (j: number) => {
      const before = base(j, -1);
      if (PREFERRED_CUT_AFTER.has(before) || SPACES.has(before)) return true;
      // "example." / "com", "12:" / "30" is fine; "500,000." / "00" is not.
      return (before === 0x2e || before === 0x3a) && !(isDigit(base(j, -2)) && isDigit(base(j, 0)));
    };
    cut =
      candidates.find(afterSeparator) ??
      candidates.find((j) => 2 * j >= fit && (isHan(base(j, -1)) || isHan(base(j, 0)))) ??
      candidates[0] ??
      fit;
  }
  return {
    head: trimSpaces(clusters.slice(0, cut).join(''), 'end'),
    rest: trimSpaces(clusters.slice(cut).join(''), 'start'),
  };
}

interface LineInProgress {
  units: { text: string; width: number; gap: string; gapWidth: number }[];
  width: number;
  first: boolean;
}

/**
 * Break `text` into lines no wider than `width` (see the module comment for the rules). Returns
 * each line with its width and why it ends.
 */
export function layoutLines(
  text: string,
  width: number,
  measure: Measure,
  options: LineBreakOptions = {},
): BrokenLine[] {
  const firstWidth = options.firstLineWidth ?? width;
  const maxLines = options.maxLines ?? Infinity;
  const lines: (BrokenLine & { parts: LineInProgress })[] = [];
  const push = (line: LineInProgress, end: BrokenLine['end']) => {
    let t = '';
    line.units.forEach((u, n) => {
      t += (n > 0 ? line.units[n - 1]?.gap : '') + u.text;
    });
    lines.push({ text: t, width: line.width, end, first: line.first, parts: line });
  };

  for (const paragraph of paragraphsOf(text)) {
    if (lines.length > maxLines) break;
    let line: LineInProgress = { units: [], width: 0, first: true };
    const limit = () => (line.first ? firstWidth : width);
    // Place a unit at the start of an empty line, cutting it if it is wider than the line.
    const placeAlone = (unitText: string, gap: string) => {
      let rest = unitText;
      let w = measure(rest);
      while (w > limit() + EPSILON && rest.length > 0) {
        const { head, rest: tail } = cutHead(rest, limit(), measure);
        if (tail === '') {
          rest = head;
          w = measure(head);
          break;
        }
        line.units.push({ text: head, width: measure(head), gap: '', gapWidth: 0 });
        line.width = measure(head);
        push(line, 'forced');
        line = { units: [], width: 0, first: false };
        rest = tail;
        w = measure(rest);
      }
      line.units.push({ text: rest, width: w, gap, gapWidth: 0 });
      line.width = w;
    };
    for (const unit of unitsOf(paragraph)) {
      const last = line.units[line.units.length - 1];
      if (!last) {
        placeAlone(unit.text, unit.gap);
        continue;
      }
      const w = measure(unit.text);
      const gapWidth = last.gap ? measure(last.gap) : 0;
      if (line.width + gapWidth + w <= limit() + EPSILON) {
        last.gapWidth = gapWidth;
        line.units.push({ text: unit.text, width: w, gap: unit.gap, gapWidth: 0 });
        line.width += gapWidth + w;
      } else {
        push(line, 'wrap');
        line = { units: [], width: 0, first: false };
        placeAlone(unit.text, unit.gap);
      }
    }
    push(line, 'paragraph');
  }

  if (lines.length > maxLines) {
    lines.length = Math.max(0, maxLines);
    const lastLine = lines[lines.length - 1];
    if (lastLine)
      lines[lines.length - 1] = truncate(lastLine, lastLine.parts, width, firstWidth, measure, options);
  }
  return lines.map(({ text: t, width: w, end, first }) => ({ text: t, width: w, end, first }));
}

/** Shorten a line, unit by unit, until it fits with the ellipsis after it. */
function truncate(
  line: BrokenLine,
  parts: LineInProgress,
  width: number,
  firstWidth: number,
  measure: Measure,
  options: LineBreakOptions,
): BrokenLine & { parts: LineInProgress } {
  const ellipsis = options.ellipsis ?? '…';
  const limit = (line.first ? firstWidth : width) - measure(ellipsis);
  const units = [...parts.units];
  let w = line.width;
  while (units.length > 1 && w > limit + EPSILON) {
    const dropped = units.pop();
    const before = units[units.length - 1];
    w -= (dropped?.width ?? 0) + (before?.gapWidth ?? 0);
  }
  let text = units.map((u, n) => (n > 0 ? (units[n - 1]?.gap ?? '') : '') + u.text).join('');
  text = trimSpaces(text, 'end');
  if (w > limit + EPSILON) {
    // One unit alone is too wide: keep the characters that fit (none, if not even one does).
    const clusters = clustersOf(text);
    text = '';
    w = 0;
    for (const c of clusters) {
      const cw = measure(c);
      if (w + cw > limit + EPSILON) break;
      text += c;
      w += cw;
    }
  }
  return {
    text: text + ellipsis,
    width: w + measure(ellipsis),
    end: 'truncated',
    first: line.first,
    parts: { ...parts, units },
  };
}

/** Break `text` into lines no wider than `width`; see `layoutLines`. */
export function breakLines(
  text: string,
  width: number,
  measure: Measure,
  options: LineBreakOptions = {},
): string[] {
  return layoutLines(text, width, measure, options).map((l) => l.text);
}
