/**
 * Font runs: pdfkit has no font fallback, so text is cut into runs that one font can draw. Each
 * character goes to the first font in the list that has a glyph for it; a character that no font
 * has is a run of its own with `font: null`, for the caller to report and mark (never to draw as a
 * blank .notdef box, never to drop silently).
 *
 * Iteration is by code point and cluster: a character outside the BMP (𠮷, U+20BB7, a surrogate
 * pair in UTF-16) is one character, and combining marks and variation selectors stay with the
 * character before them.
 */
import type { Font } from 'fontkit';
import { SPACES, isExtender, isRemoved, isVariationSelector } from './kinsoku.js';

export interface GlyphCoverage {
  /** The font's name (for pdfkit: the name it was registered under). */
  readonly name: string;
  hasGlyph(codePoint: number): boolean;
}

export interface TextRun {
  text: string;
  /** The font that draws this run, or null: no font has these characters. */
  font: string | null;
}

const coverageCache = new WeakMap<Font, Map<number, boolean>>();

/** Glyph coverage of a fontkit font (its cmap), memoised per font and code point. */
export function fontCoverage(name: string, font: Font): GlyphCoverage {
  let cache = coverageCache.get(font);
  if (!cache) {
    cache = new Map();
    coverageCache.set(font, cache);
  }
  const memo = cache;
  return {
    name,
    hasGlyph(cp: number): boolean {
      const hit = memo.get(cp);
      if (hit !== undefined) return hit;
      const has = font.hasGlyphForCodePoint(cp);
      if (memo.size < 100_000) memo.set(cp, has);
      return has;
    },
  };
}

interface Cluster {
  text: string;
  /** Code points that need a glyph: the base and any combining marks (not variation selectors). */
  needs: number[];
  /** A breakable space: any font with a glyph for it will do, preferably the current one. */
  neutral: boolean;
}

function clusters(text: string): Cluster[] {
  const out: Cluster[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isRemoved(cp)) continue;
    const last = out[out.length - 1];
    if (last && isExtender(cp)) {
      last.text += ch;
      if (!isVariationSelector(cp)) last.needs.push(cp);
      continue;
    }
    out.push({ text: ch, needs: [cp], neutral: SPACES.has(cp) || cp === 0x20 });
  }
  return out;
}

function fontFor(cluster: Cluster, fonts: readonly GlyphCoverage[], current: GlyphCoverage | null) {
  const hasAll = (f: GlyphCoverage) => cluster.needs.every((cp) => f.hasGlyph(cp));
  if (cluster.neutral && current && hasAll(current)) return current;
  const base = cluster.needs[0] ?? 0;
  return fonts.find(hasAll) ?? fonts.find((f) => f.hasGlyph(base)) ?? null;
}

/**
 * Split `text` into runs by font, in order. Control and format characters (soft hyphen,
 * zero-width space, joiners, BOM) are dropped: they draw nothing and have no glyph.
 */
export function splitRuns(text: string, fonts: readonly GlyphCoverage[]): TextRun[] {
  const runs: TextRun[] = [];
  let current: GlyphCoverage | null = null;
  let open: TextRun | null = null;
  for (const cluster of clusters(text)) {
    const font = fontFor(cluster, fonts, current);
    const name = font ? font.name : null;
    if (open && open.font === name) open.text += cluster.text;
    else {
      open = { text: cluster.text, font: name };
      runs.push(open);
    }
    if (font) current = font;
  }
  return runs;
}

/**
 * The characters of `text` that no font in `fonts` can draw, each once, in order of first
 * appearance. A combining mark counts as missing if no font has both it and its base character.
 */
export function missingCharacters(text: string, fonts: readonly GlyphCoverage[]): string[] {
  const missing: string[] = [];
  const seen = new Set<number>();
  for (const cluster of clusters(text)) {
    const font = fontFor(cluster, fonts, null);
    for (const cp of cluster.needs) {
      if (font && font.hasGlyph(cp)) continue;
      if (seen.has(cp)) continue;
      seen.add(cp);
      missing.push(String.fromCodePoint(cp));
    }
  }
  return missing;
}
