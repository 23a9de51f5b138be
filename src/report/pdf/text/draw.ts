/**
 * Setting Chinese text on a pdfkit page: line breaking with 禁则 (linebreak.ts), font runs with
 * fallback (runs.ts), widths from fontkit (measure.ts). pdfkit only draws: each run of each line is
 * one `doc.text(run, x, baseline, { lineBreak: false })`, so pdfkit's own wrapping, which ignores
 * 禁则, is never used.
 *
 * - Alignment is left, right or centre; never justify (pdfkit's justify only stretches spaces,
 *   which Chinese text has few of).
 * - All runs of a line share one baseline, the body font's, so a fallback character sits on the
 *   line like the characters around it. Line height is pdfkit's `currentLineHeight(true)` for the
 *   body font plus `lineGap`, as in `doc.text()`, so heights match what the writer used before.
 * - A character no font has is drawn as 〓 (U+3013, the 缺字 mark of Chinese typesetting) and
 *   returned in `missing`; the caller reports it.
 * - A fallback face has one weight, lighter than the body font: its runs are drawn filled and
 *   stroked (more for bold) so a rare character in a name does not look faint next to the others.
 * - Deterministic: no clocks, no randomness; caches only hold pure results.
 */
import type { Font } from 'fontkit';
import type { FontFace, FontSet } from './fonts.js';
import { isExtender } from './kinsoku.js';
import { layoutLines } from './linebreak.js';
import { advanceUnits, ascentOf, lineHeightOf, textWidth } from './measure.js';
import { fontCoverage, missingCharacters, splitRuns, type GlyphCoverage } from './runs.js';

export type TextAlign = 'left' | 'right' | 'center';

/** The 缺字 mark drawn in place of a character that no font has. */
export const MISSING_GLYPH_MARK = '〓';

export interface TextStyle {
  fontSize: number;
  bold?: boolean;
  /** Extra space between lines, in points (pdfkit's `lineGap`). Default 0. */
  lineGap?: number;
  /** First-line indent of each paragraph, in points; left-aligned text only. Default 0. */
  indent?: number;
  align?: TextAlign;
  /** At most this many lines; the last one then ends with `ellipsis`. */
  maxLines?: number;
  /** Default "…". */
  ellipsis?: string;
}

export interface TextBox extends TextStyle {
  /** Width of the text box in points. */
  width: number;
}

export interface DrawTextOptions extends TextBox {
  x: number;
  y: number;
  /** Fill colour; if absent the document's current fill colour is used. */
  color?: string;
  /**
   * Page flow: a line whose bottom would pass `bottom` goes to a new page. `onPageBreak` adds the
   * page (e.g. PdfWriter.addPage) and returns the y to continue at. Without both, text is never
   * moved to another page.
   */
  bottom?: number;
  onPageBreak?: () => number;
}

export interface LaidRun {
  /** Text to draw (a missing character replaced by 〓). */
  text: string;
  face: FontFace;
  /** Width in points, as pdfkit will advance. */
  width: number;
  /**
   * Outline stroke width in points, 0 for none. A fallback face (one 明朝 weight, thinner than
   * the body font) is drawn filled and stroked so its weight matches: lightly for regular text,
   * more for bold.
   */
  stroke: number;
}

export interface LaidLine {
  /** The line's text as given (missing characters not replaced). */
  text: string;
  /** Offset of the line's start from the box's left edge (indent or alignment). */
  x: number;
  width: number;
  runs: LaidRun[];
}

export interface TextLayout {
  lines: LaidLine[];
  /** Body font's line height at this size (pdfkit's currentLineHeight(true)). */
  lineHeight: number;
  /** lineHeight + lineGap: the distance from one line's top to the next. */
  lineAdvance: number;
  /** Height of the whole text: lines × lineAdvance, as pdfkit's heightOfString. */
  height: number;
  /** Distance from a line's top to its baseline. */
  ascent: number;
  /** Characters of the text that no font has, each once, in order. */
  missing: string[];
  /** `maxLines` cut the text. */
  truncated: boolean;
  /** A unit (an amount, a long word) was wider than the box and had to be cut (see linebreak.ts). */
  forced: boolean;
}

export interface DrawTextResult {
  /** Height used on the last page: from the start (or the top of the new page) to below the last line. */
  height: number;
  /** y below the last line (also left in doc.y). */
  y: number;
  lines: string[];
  /** Width of the widest line (e.g. where a table-of-contents leader starts). */
  width: number;
  missing: string[];
  truncated: boolean;
  /** How many times the text went on to a new page. */
  pageBreaks: number;
}

interface FontSetCaches {
  layouts: Map<string, TextLayout>;
  coverage: [GlyphCoverage[], GlyphCoverage[]];
  /** Width in em of a string (a unit for the line breaker), per weight; shared across documents. */
  em: [Map<string, number>, Map<string, number>];
}

/** Outline stroke for fallback faces, as a fraction of the font size (see LaidRun.stroke). */
const FALLBACK_STROKE = { regular: 0.012, bold: 0.04 } as const;

const caches = new WeakMap<FontSet, FontSetCaches>();
const EM_CACHE_LIMIT = 50_000;
const LAYOUT_CACHE_LIMIT = 1_000;

/**
 * Em widths depend only on the fontkit fonts (primary, then fallbacks), which the RenderContext
 * parses once per process; keying them by those objects lets every document reuse them.
 */
const emCaches = new WeakMap<Font, Map<string, Map<string, number>>>();
const fontIds = new WeakMap<Font, number>();
let nextFontId = 1;

function fontId(font: Font): number {
  let id = fontIds.get(font);
  if (id === undefined) {
    id = nextFontId++;
    fontIds.set(font, id);
  }
  return id;
}

function emCacheFor(primary: Font, fallbacks: readonly FontFace[]): Map<string, number> {
  let byFallbacks = emCaches.get(primary);
  if (!byFallbacks) {
    byFallbacks = new Map();
    emCaches.set(primary, byFallbacks);
  }
  const key = fallbacks.map((f) => fontId(f.font)).join(',');
  let cache = byFallbacks.get(key);
  if (!cache) {
    cache = new Map();
    byFallbacks.set(key, cache);
  }
  return cache;
}

function cachesOf(fonts: FontSet): FontSetCaches {
  let c = caches.get(fonts);
  if (!c) {
    const faces = (primary: FontFace) =>
      [primary, ...fonts.fallbacks].map((f) => fontCoverage(f.name, f.font));
    c = {
      layouts: new Map(),
      coverage: [faces(fonts.regular), faces(fonts.bold)],
      em: [emCacheFor(fonts.regular.font, fonts.fallbacks), emCacheFor(fonts.bold.font, fonts.fallbacks)],
    };
    caches.set(fonts, c);
  }
  return c;
}

function facesOf(fonts: FontSet, bold: boolean): Map<string, FontFace> {
  const primary = bold ? fonts.bold : fonts.regular;
  return new Map([primary, ...fonts.fallbacks].map((f) => [f.name, f]));
}

/** Lay text out in a box: lines, runs and widths, without drawing. Cached per FontSet. */
export function layoutText(text: string, box: TextBox, fonts: FontSet): TextLayout {
  const c = cachesOf(fonts);
  const key = JSON.stringify([
    text,
    box.width,
    box.fontSize,
    box.bold ?? false,
    box.lineGap ?? 0,
    box.indent ?? 0,
    box.align ?? 'left',
    box.maxLines ?? null,
    box.ellipsis ?? null,
  ]);
  const hit = c.layouts.get(key);
  if (hit) return hit;

  const bold = box.bold ?? false;
  const size = box.fontSize;
  const primary = bold ? fonts.bold : fonts.regular;
  const coverage = c.coverage[bold ? 1 : 0];
  const faces = facesOf(fonts, bold);
  const emCache = c.em[bold ? 1 : 0];

  const runsOf = (s: string) =>
    splitRuns(s, coverage).map((run) => {
      const face = run.font === null ? primary : (faces.get(run.font) ?? primary);
      // One mark per missing character (its combining marks, if any, go with it).
      const drawn =
        run.font === null
          ? MISSING_GLYPH_MARK.repeat(
              Array.from(run.text).filter((ch) => !isExtender(ch.codePointAt(0) ?? 0)).length,
            )
          : run.text;
      const stroke = face === primary ? 0 : size * (bold ? FALLBACK_STROKE.bold : FALLBACK_STROKE.regular);
      return { text: drawn, face, stroke };
    });
  const em = (s: string): number => {
    const cached = emCache.get(s);
    if (cached !== undefined) return cached;
    let w = 0;
    for (const run of runsOf(s)) w += advanceUnits(run.face.font, run.text) / run.face.font.unitsPerEm;
    if (emCache.size >= EM_CACHE_LIMIT) emCache.clear();
    emCache.set(s, w);
    return w;
  };

  const align = box.align ?? 'left';
  const indent = align === 'left' ? Math.max(0, box.indent ?? 0) : 0;
  const broken = layoutLines(text, box.width, (s) => em(s) * size, {
    firstLineWidth: box.width - indent,
    ...(box.maxLines !== undefined ? { maxLines: box.maxLines } : {}),
    ...(box.ellipsis !== undefined ? { ellipsis: box.ellipsis } : {}),
  });

  const lines: LaidLine[] = broken.map((line) => {
    const runs: LaidRun[] = runsOf(line.text).map((r) => ({
      ...r,
      width: textWidth(r.face.font, r.text, size),
    }));
    const width = runs.reduce((sum, r) => sum + r.width, 0);
    const x =
      align === 'right'
        ? box.width - width
        : align === 'center'
          ? (box.width - width) / 2
          : line.first
            ? indent
            : 0;
    return { text: line.text, x, width, runs };
  });

  const lineHeight = lineHeightOf(primary.font, size);
  const lineAdvance = lineHeight + (box.lineGap ?? 0);
  const layout: TextLayout = {
    lines,
    lineHeight,
    lineAdvance,
    height: lines.length * lineAdvance,
    ascent: ascentOf(primary.font, size),
    missing: missingCharacters(text, coverage),
    truncated: broken.some((l) => l.end === 'truncated'),
    forced: broken.some((l) => l.end === 'forced'),
  };
  if (c.layouts.size >= LAYOUT_CACHE_LIMIT) c.layouts.clear();
  c.layouts.set(key, layout);
  return layout;
}

/** The height `drawText` would use for this text (no page breaks): for sizing table rows and boxes. */
export function measureTextHeight(text: string, box: TextBox, fonts: FontSet): number {
  return layoutText(text, box, fonts).height;
}

/**
 * Draw text in a box at (x, y): top of the first line at y. Leaves doc.x = x and doc.y below the
 * last line, and the document's font at the body font, size `fontSize`.
 */
export function drawText(
  doc: PDFKit.PDFDocument,
  text: string,
  options: DrawTextOptions,
  fonts: FontSet,
): DrawTextResult {
  const layout = layoutText(text, options, fonts);
  const size = options.fontSize;
  const primary = options.bold ? fonts.bold : fonts.regular;
  if (options.color !== undefined) doc.fillColor(options.color);
  let y = options.y;
  let top = options.y;
  let pageBreaks = 0;
  for (const line of layout.lines) {
    if (options.bottom !== undefined && options.onPageBreak && y + layout.lineHeight > options.bottom) {
      y = options.onPageBreak();
      top = y;
      pageBreaks += 1;
      if (options.color !== undefined) doc.fillColor(options.color);
    }
    const baseline = y + layout.ascent;
    let x = options.x + line.x;
    for (const run of line.runs) {
      doc.font(run.face.name).fontSize(size);
      if (run.stroke > 0) {
        doc.save();
        doc.lineWidth(run.stroke);
        if (options.color !== undefined) doc.strokeColor(options.color);
        doc.text(run.text, x, baseline, {
          lineBreak: false,
          baseline: 'alphabetic',
          fill: true,
          stroke: true,
        });
        doc.restore();
      } else {
        doc.text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
      }
      x += run.width;
    }
    y += layout.lineAdvance;
  }
  doc.font(primary.name).fontSize(size);
  doc.x = options.x;
  doc.y = y;
  return {
    height: y - top,
    y,
    lines: layout.lines.map((l) => l.text),
    width: layout.lines.reduce((max, l) => Math.max(max, l.width), 0),
    missing: layout.missing,
    truncated: layout.truncated,
    pageBreaks,
  };
}
