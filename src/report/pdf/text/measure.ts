/**
 * Text widths straight from fontkit, computed exactly as pdfkit's EmbeddedFont does (it lays out
 * each space-terminated chunk separately and sums the advances), so a run placed at the width
 * measured here ends exactly where pdfkit's glyphs end.
 *
 * Measuring through fontkit rather than `doc.widthOfString()` needs no document (tables size rows
 * before drawing), never switches the document's current font, and the caches live as long as the
 * parsed font: the RenderContext parses fonts once per process, so later documents reuse the
 * widths and the shaped runs of earlier ones. The shaped runs are kept in pdfkit's own form and
 * handed to every document's EmbeddedFont (fonts.ts), so each chunk is shaped once per process.
 */
import type { Font } from 'fontkit';

/** Entries kept per font before a cache is emptied (they only hold pure results). */
export const CACHE_LIMIT = 20_000;

const advanceCache = new WeakMap<Font, Map<string, number>>();

/** A chunk shaped the way pdfkit's EmbeddedFont.layoutRun leaves it (positions in 1/1000 em). */
type ShapedRun = ReturnType<Font['layout']>;
const runCache = new WeakMap<Font, Record<string, ShapedRun>>();

/**
 * The per-font cache of shaped chunks that every document's EmbeddedFont uses (fonts.ts), emptied
 * once it holds CACHE_LIMIT chunks. pdfkit adds the chunks it shapes itself (text measure.ts never
 * saw), so the size is checked here, when a document takes the cache, as well as on insertion.
 */
export function shapedRunCache(font: Font): Record<string, ShapedRun> {
  const runs = runCache.get(font);
  return runs && Object.keys(runs).length < CACHE_LIMIT ? runs : newRunCache(font);
}

function newRunCache(font: Font): Record<string, ShapedRun> {
  const runs = Object.create(null) as Record<string, ShapedRun>;
  runCache.set(font, runs);
  return runs;
}

function chunkAdvance(font: Font, cache: Map<string, number>, chunk: string): number {
  const hit = cache.get(chunk);
  if (hit !== undefined) return hit;
  const run = font.layout(chunk);
  const advance = run.advanceWidth;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(chunk, advance);
  // Keep the shaping for pdfkit, scaled exactly as EmbeddedFont.layoutRun does it. (The size
  // check waits for the next document: counting an object's keys on every insertion is quadratic.)
  const runs = runCache.get(font) ?? newRunCache(font);
  if (!(chunk in runs)) {
    const scale = 1000 / font.unitsPerEm;
    run.positions.forEach((position, i) => {
      const scaled = position as unknown as Record<string, number>;
      for (const key in scaled) scaled[key]! *= scale;
      scaled.advanceWidth = run.glyphs[i]!.advanceWidth * scale;
    });
    runs[chunk] = run;
  }
  return advance;
}

/** The advance of `text` in font units (divide by unitsPerEm and multiply by the size for points). */
export function advanceUnits(font: Font, text: string): number {
  let cache = advanceCache.get(font);
  if (!cache) {
    cache = new Map();
    advanceCache.set(font, cache);
  }
  let advance = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09) {
      advance += chunkAdvance(font, cache, text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) advance += chunkAdvance(font, cache, text.slice(last));
  return advance;
}

/** The width of `text` in points at `size`, as pdfkit's `doc.widthOfString()` computes it. */
export function textWidth(font: Font, text: string, size: number): number {
  return (advanceUnits(font, text) * size) / font.unitsPerEm;
}

/** pdfkit's `currentLineHeight(true)` for this font: ascent − descent + line gap. */
export function lineHeightOf(font: Font, size: number): number {
  return ((font.ascent + font.lineGap - font.descent) * size) / font.unitsPerEm;
}

/** Distance from the top of a line to its baseline, as pdfkit places text by default. */
export function ascentOf(font: Font, size: number): number {
  return (font.ascent * size) / font.unitsPerEm;
}
