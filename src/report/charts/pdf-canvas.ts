/**
 * A Canvas 2D context that draws into a pdfkit document, so Chart.js charts become PDF vectors:
 * sharp at any print resolution, and their text uses the document's own embedded Noto Sans SC
 * subset (a chart's Chinese labels cost a few glyphs, not a 40–70 KB image).
 *
 * Only the part of CanvasRenderingContext2D that Chart.js 4 uses for line, bar (stacked,
 * horizontal, negative), doughnut/pie and filled-line charts is implemented. What is not:
 * shadows, filters, compositing other than source-over (such paint operations are skipped and
 * listed in `unsupported`), real gradients (the first colour stop is used), patterns (paint
 * nothing), drawImage (no-op), Path2D arguments (Chart.js only builds Path2D objects when the
 * global exists, which it does not in Node).
 *
 * How it maps:
 * - Coordinates: canvas and pdfkit user space are both top-left, y down, in points. The context
 *   keeps the canvas transform itself and writes every path point already transformed, because a
 *   canvas transforms points when they are added to the path, not when it is painted. Line widths
 *   and dashes are scaled by the transform's (uniform) scale when stroked.
 * - Paths persist after fill/stroke/clip on a canvas but are consumed in PDF, so the path is kept
 *   as PDF operators and written again for each paint.
 * - save()/restore() become q/Q, so clip() (W n) ends where the canvas clip ends. Colour, opacity
 *   (ExtGState ca/CA) and line state are written only when they differ from what the PDF
 *   graphics state already holds; that cache is saved and restored with q/Q.
 * - Text goes through pdfkit's text() with the registered font, so glyphs join the document's
 *   font subset. textBaseline/textAlign are resolved here from fontkit metrics, with the em box
 *   Skia (@napi-rs/canvas, the JPEG path) uses: OS/2 typo ascender/descender normalised to 1 em.
 * - clearRect draws nothing: the PDF page under a chart is already white, and Chart.js clears the
 *   canvas before drawing and again on destroy().
 */
import { Chart, registerables, type ChartConfiguration, type ChartItem } from 'chart.js';
import type * as fontkit from 'fontkit';
import { parseCssColor, type Rgba } from './css-color.js';

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Names under which the fonts are registered with the pdfkit document (doc.registerFont). */
export interface PdfFontNames {
  regular: string;
  bold: string;
  /** pdfkit names of fallback fonts for characters the body font lacks, in order. */
  fallbacks?: readonly string[];
}

/** The same fonts, parsed by fontkit, for measuring text exactly as pdfkit will lay it out. */
export interface ChartFontkitFonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
  fallbacks?: readonly fontkit.Font[];
}

type Matrix = [a: number, b: number, c: number, d: number, e: number, f: number];
type Point = [number, number];
type CanvasLineCap = 'butt' | 'round' | 'square';
type CanvasLineJoin = 'miter' | 'round' | 'bevel';
type CanvasTextAlign = 'start' | 'end' | 'left' | 'right' | 'center';
type CanvasTextBaseline = 'top' | 'hanging' | 'middle' | 'alphabetic' | 'ideographic' | 'bottom';
type CanvasDirection = 'ltr' | 'rtl' | 'inherit';
type FillRule = 'nonzero' | 'evenodd';

/** A gradient the adapter cannot shade: it paints with its first colour stop. */
export class PdfCanvasGradient {
  private readonly stops: { offset: number; color: Rgba }[] = [];

  addColorStop(offset: number, color: string): void {
    if (!(offset >= 0 && offset <= 1)) throw new RangeError(`colour stop offset ${offset} is not in [0, 1]`);
    const parsed = parseCssColor(String(color));
    if (!parsed) throw new SyntaxError(`colour stop "${color}" is not a CSS colour`);
    this.stops.push({ offset, color: parsed });
  }

  /** The colour painted in place of the gradient: the stop with the lowest offset. */
  get fallbackColor(): Rgba | null {
    let best: { offset: number; color: Rgba } | undefined;
    for (const s of this.stops) if (!best || s.offset < best.offset) best = s;
    return best?.color ?? null;
  }
}

/** A pattern: paints nothing in the PDF. */
export class PdfCanvasPattern {
  setTransform(): void {}
}

type PaintStyle = string | PdfCanvasGradient | PdfCanvasPattern;

/** What a canvas's save() stores. */
interface CanvasState {
  fillStyle: PaintStyle;
  strokeStyle: PaintStyle;
  fillColor: Rgba | null;
  strokeColor: Rgba | null;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  miterLimit: number;
  lineDash: number[];
  lineDashOffset: number;
  font: string;
  fontBold: boolean;
  fontSize: number;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  direction: CanvasDirection;
  globalAlpha: number;
  globalCompositeOperation: string;
  matrix: Matrix;
}

/** What the PDF graphics state currently holds (null: unknown, write it before use). */
interface PdfState {
  fill: string | null;
  fillAlpha: number | null;
  stroke: string | null;
  strokeAlpha: number | null;
  lineWidth: string | null;
  cap: number | null;
  join: number | null;
  miter: string | null;
  dash: string | null;
}

const UNKNOWN_PDF_STATE: PdfState = {
  fill: null,
  fillAlpha: null,
  stroke: null,
  strokeAlpha: null,
  lineWidth: null,
  cap: null,
  join: null,
  miter: null,
  dash: null,
};

const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };
const TAU = 2 * Math.PI;
/** Drawn for a character no font has (U+3013 GETA MARK, in Noto Sans SC). */
const MISSING_MARK = '〓';

/** Coordinates to 0.01 pt (3.5 µm): far below print resolution, and short in the content stream. */
function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return r === 0 ? '0' : String(r);
}

function colorOperands(c: Rgba): string {
  const ch = (v: number) => String(Math.round((v / 255) * 1000) / 1000);
  return `${ch(c.r)} ${ch(c.g)} ${ch(c.b)}`;
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const allFinite = (...xs: number[]) => xs.every((x) => Number.isFinite(x));

/** Vertical font metrics in font units, positive up from the alphabetic baseline. */
interface FontMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  emAscent: number;
  emDescent: number;
  hanging: number;
}

const metricsCache = new WeakMap<fontkit.Font, FontMetrics>();

function fontMetrics(font: fontkit.Font): FontMetrics {
  const hit = metricsCache.get(font);
  if (hit) return hit;
  const upem = font.unitsPerEm;
  const os2 = (font as unknown as { 'OS/2'?: { typoAscender?: number; typoDescender?: number } })['OS/2'];
  const typoAsc = os2?.typoAscender ?? 0;
  const typoDesc = os2?.typoDescender ?? 0;
  const ascent = font.ascent;
  const descent = -font.descent;
  // The em box (what textBaseline top/middle/bottom refer to): Skia takes the typo ascender and
  // descender scaled to sum to one em; without them, hhea ascent/descent.
  const [a, d] = typoAsc - typoDesc > 0 ? [typoAsc, -typoDesc] : [ascent, descent];
  const metrics: FontMetrics = {
    unitsPerEm: upem,
    ascent,
    descent,
    emAscent: (upem * a) / (a + d),
    emDescent: (upem * d) / (a + d),
    hanging: 0.8 * ascent,
  };
  metricsCache.set(font, metrics);
  return metrics;
}

/** A string's advance in font units, laid out like pdfkit does (word by word, with kerning). */
interface Measured {
  advance: number;
  /** Characters the font has no glyph for (they would print as .notdef boxes). */
  missing: string;
}

const measureCache = new WeakMap<fontkit.Font, Map<string, Measured>>();

function measure(font: fontkit.Font, text: string): Measured {
  let perFont = measureCache.get(font);
  if (!perFont) {
    perFont = new Map();
    measureCache.set(font, perFont);
  }
  const hit = perFont.get(text);
  if (hit) return hit;
  // pdfkit's EmbeddedFont.layout() lays out each space-terminated word separately and sums the
  // advances; do the same so that the width Chart.js plans with is the width pdfkit draws.
  let advance = 0;
  let last = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text.charAt(i);
    if (i === text.length ? last < i : ch === ' ' || ch === '\t') {
      advance += font.layout(text.slice(last, i + 1)).advanceWidth;
      last = i + 1;
    }
  }
  let missing = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x20 && !font.hasGlyphForCodePoint(cp)) missing += ch;
  }
  const measured = { advance, missing };
  if (perFont.size > 5000) perFont.clear();
  perFont.set(text, measured);
  return measured;
}

/** Parse the CSS font shorthand a canvas accepts ("bold 12px 'Noto Sans SC'"); px read as points. */
export function parseCanvasFont(font: string): { bold: boolean; size: number } | null {
  const tokens = font.trim().split(/\s+/);
  let bold = false;
  for (const token of tokens) {
    const size = /^(\d*\.?\d+(?:e[+-]?\d+)?)(px|pt)(?:\/\S+)?$/i.exec(token);
    if (size) {
      const n = Number(size[1]) * (size[2]?.toLowerCase() === 'pt' ? 4 / 3 : 1);
      if (!(n > 0) || token === tokens[tokens.length - 1]) return null; // a family must follow
      return { bold, size: n };
    }
    const t = token.toLowerCase();
    if (t === 'bold' || t === 'bolder') bold = true;
    else if (/^\d+$/.test(t)) bold = Number(t) >= 600;
    else if (
      !['normal', 'italic', 'oblique', 'small-caps', 'lighter'].includes(t) &&
      !/^(semi|ultra|extra)?(condensed|expanded)$/.test(t)
    )
      return null;
  }
  return null;
}

const fontCache = new Map<string, { bold: boolean; size: number } | null>();

/** TextMetrics as a canvas returns them, relative to the current textAlign/textBaseline. */
export interface PdfTextMetrics {
  readonly width: number;
  readonly actualBoundingBoxLeft: number;
  readonly actualBoundingBoxRight: number;
  readonly actualBoundingBoxAscent: number;
  readonly actualBoundingBoxDescent: number;
  readonly fontBoundingBoxAscent: number;
  readonly fontBoundingBoxDescent: number;
  readonly emHeightAscent: number;
  readonly emHeightDescent: number;
  readonly hangingBaseline: number;
  readonly alphabeticBaseline: number;
  readonly ideographicBaseline: number;
}

export interface DOMMatrix2D {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/** The fake canvas element Chart.js sizes itself from. */
export interface PdfCanvasElement {
  width: number;
  height: number;
  style: {
    [key: string]: unknown;
    getPropertyValue(name: string): string;
    getPropertyPriority(name: string): string;
    setProperty(name: string, value: string, priority?: string): void;
    removeProperty(name: string): string;
  };
  getContext(kind: string): PdfCanvasRenderingContext2D | null;
}

function fakeCanvas(width: number, height: number, ctx: () => PdfCanvasRenderingContext2D): PdfCanvasElement {
  const props = new Map<string, string>();
  const style: PdfCanvasElement['style'] = {
    getPropertyValue: (name: string) => props.get(name) ?? '',
    getPropertyPriority: () => '',
    setProperty: (name: string, value: string) => void props.set(name, value),
    removeProperty: (name: string) => {
      const old = props.get(name) ?? '';
      props.delete(name);
      return old;
    },
  };
  return { width, height, style, getContext: (kind: string) => (kind === '2d' ? ctx() : null) };
}

export class PdfCanvasRenderingContext2D {
  readonly canvas: PdfCanvasElement;
  /** Characters drawn that the font lacks (printed as .notdef); callers should warn or fall back. */
  readonly missingGlyphs = new Set<string>();
  /** Canvas features that were used but not rendered (e.g. "globalCompositeOperation:destination-over"). */
  readonly unsupported = new Set<string>();

  // Stored, not rendered (Chart.js core never sets them; plugins might).
  shadowBlur = 0;
  shadowColor = 'rgba(0, 0, 0, 0)';
  shadowOffsetX = 0;
  shadowOffsetY = 0;
  imageSmoothingEnabled = true;
  imageSmoothingQuality = 'low';
  filter = 'none';

  private s: CanvasState;
  private readonly stack: CanvasState[] = [];
  private pdf: PdfState = { ...UNKNOWN_PDF_STATE };
  private readonly pdfStack: PdfState[] = [];
  /** The current path as PDF operators, in page coordinates. */
  private path: string[] = [];
  private current: Point | null = null;
  private subpathStart: Point | null = null;
  private ended = false;
  private readonly savedDocPosition: { x: number; y: number };

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly box: ChartBox,
    private readonly fontNames: PdfFontNames,
    private readonly fonts: ChartFontkitFonts,
  ) {
    this.canvas = fakeCanvas(box.width, box.height, () => this);
    this.s = {
      fillStyle: '#000000',
      strokeStyle: '#000000',
      fillColor: BLACK,
      strokeColor: BLACK,
      lineWidth: 1,
      lineCap: 'butt',
      lineJoin: 'miter',
      miterLimit: 10,
      lineDash: [],
      lineDashOffset: 0,
      font: '10px sans-serif',
      fontBold: false,
      fontSize: 10,
      textAlign: 'start',
      textBaseline: 'alphabetic',
      direction: 'ltr',
      globalAlpha: 1,
      globalCompositeOperation: 'source-over',
      matrix: [1, 0, 0, 1, 0, 0],
    };
    this.savedDocPosition = { x: doc.x, y: doc.y };
    // The canvas bounds clip everything, as on a real canvas.
    doc.save();
    doc.addContent(`${num(box.x)} ${num(box.y)} ${num(box.width)} ${num(box.height)} re W n`);
  }

  /** Close every open save() and the chart's own graphics state; put doc.x/doc.y back. */
  end(): void {
    if (this.ended) return;
    while (this.stack.length) this.restore();
    this.doc.restore();
    this.doc.x = this.savedDocPosition.x;
    this.doc.y = this.savedDocPosition.y;
    this.ended = true;
  }

  // ---- state -------------------------------------------------------------------------------

  save(): void {
    this.stack.push({ ...this.s, lineDash: [...this.s.lineDash], matrix: [...this.s.matrix] });
    this.pdfStack.push({ ...this.pdf });
    this.doc.save();
  }

  restore(): void {
    const s = this.stack.pop();
    const p = this.pdfStack.pop();
    if (!s || !p) return; // a canvas ignores unbalanced restore()
    this.s = s;
    this.pdf = p;
    this.doc.restore();
  }

  /** Canvas reset(): back to the initial state, current path and clip dropped. */
  reset(): void {
    while (this.stack.length) this.restore();
    this.beginPath();
    this.resetTransform();
  }

  get fillStyle(): PaintStyle {
    return this.s.fillStyle;
  }
  set fillStyle(v: PaintStyle) {
    const c = this.resolvePaint(v);
    if (c === undefined) return;
    this.s.fillStyle = v;
    this.s.fillColor = c;
  }

  get strokeStyle(): PaintStyle {
    return this.s.strokeStyle;
  }
  set strokeStyle(v: PaintStyle) {
    const c = this.resolvePaint(v);
    if (c === undefined) return;
    this.s.strokeStyle = v;
    this.s.strokeColor = c;
  }

  /** undefined: invalid, ignore the assignment; null: valid but paints nothing. */
  private resolvePaint(v: unknown): Rgba | null | undefined {
    if (typeof v === 'string') return parseCssColor(v) ?? undefined;
    if (v instanceof PdfCanvasGradient) {
      this.unsupported.add('gradient (first colour stop used)');
      return v.fallbackColor;
    }
    if (v instanceof PdfCanvasPattern) {
      this.unsupported.add('pattern (not painted)');
      return null;
    }
    return undefined;
  }

  get lineWidth(): number {
    return this.s.lineWidth;
  }
  set lineWidth(v: number) {
    if (Number.isFinite(v) && v > 0) this.s.lineWidth = v;
  }

  get lineCap(): CanvasLineCap {
    return this.s.lineCap;
  }
  set lineCap(v: CanvasLineCap) {
    if (v === 'butt' || v === 'round' || v === 'square') this.s.lineCap = v;
  }

  get lineJoin(): CanvasLineJoin {
    return this.s.lineJoin;
  }
  set lineJoin(v: CanvasLineJoin) {
    if (v === 'miter' || v === 'round' || v === 'bevel') this.s.lineJoin = v;
  }

  get miterLimit(): number {
    return this.s.miterLimit;
  }
  set miterLimit(v: number) {
    if (Number.isFinite(v) && v > 0) this.s.miterLimit = v;
  }

  get lineDashOffset(): number {
    return this.s.lineDashOffset;
  }
  set lineDashOffset(v: number) {
    if (Number.isFinite(v)) this.s.lineDashOffset = v;
  }

  setLineDash(segments: readonly number[]): void {
    if (!Array.isArray(segments) || segments.some((x) => !Number.isFinite(x) || x < 0)) return;
    this.s.lineDash = segments.length % 2 ? [...segments, ...segments] : [...segments];
  }

  getLineDash(): number[] {
    return [...this.s.lineDash];
  }

  get font(): string {
    return this.s.font;
  }
  set font(v: string) {
    const str = String(v);
    let parsed = fontCache.get(str);
    if (parsed === undefined) {
      parsed = parseCanvasFont(str);
      if (fontCache.size > 500) fontCache.clear();
      fontCache.set(str, parsed);
    }
    if (!parsed) return;
    this.s.font = str;
    this.s.fontBold = parsed.bold;
    this.s.fontSize = parsed.size;
  }

  get textAlign(): CanvasTextAlign {
    return this.s.textAlign;
  }
  set textAlign(v: CanvasTextAlign) {
    if (['start', 'end', 'left', 'right', 'center'].includes(v)) this.s.textAlign = v;
  }

  get textBaseline(): CanvasTextBaseline {
    return this.s.textBaseline;
  }
  set textBaseline(v: CanvasTextBaseline) {
    if (['top', 'hanging', 'middle', 'alphabetic', 'ideographic', 'bottom'].includes(v))
      this.s.textBaseline = v;
  }

  get direction(): CanvasDirection {
    return this.s.direction;
  }
  set direction(v: CanvasDirection) {
    if (v === 'ltr' || v === 'rtl' || v === 'inherit') this.s.direction = v;
  }

  get globalAlpha(): number {
    return this.s.globalAlpha;
  }
  set globalAlpha(v: number) {
    if (Number.isFinite(v) && v >= 0 && v <= 1) this.s.globalAlpha = v;
  }

  get globalCompositeOperation(): string {
    return this.s.globalCompositeOperation;
  }
  set globalCompositeOperation(v: string) {
    this.s.globalCompositeOperation = String(v);
  }

  // ---- transform ---------------------------------------------------------------------------

  translate(x: number, y: number): void {
    if (!allFinite(x, y)) return;
    this.s.matrix = multiply(this.s.matrix, [1, 0, 0, 1, x, y]);
  }

  scale(x: number, y: number): void {
    if (!allFinite(x, y)) return;
    this.s.matrix = multiply(this.s.matrix, [x, 0, 0, y, 0, 0]);
  }

  rotate(angle: number): void {
    if (!Number.isFinite(angle)) return;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    this.s.matrix = multiply(this.s.matrix, [cos, sin, -sin, cos, 0, 0]);
  }

  transform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    if (!allFinite(a, b, c, d, e, f)) return;
    this.s.matrix = multiply(this.s.matrix, [a, b, c, d, e, f]);
  }

  setTransform(
    a?: number | Partial<DOMMatrix2D>,
    b?: number,
    c?: number,
    d?: number,
    e?: number,
    f?: number,
  ): void {
    if (typeof a === 'number') {
      if (!allFinite(a, b ?? NaN, c ?? NaN, d ?? NaN, e ?? NaN, f ?? NaN)) return;
      this.s.matrix = [a, b ?? 0, c ?? 0, d ?? 1, e ?? 0, f ?? 0];
    } else {
      const m = a ?? {};
      this.s.matrix = [m.a ?? 1, m.b ?? 0, m.c ?? 0, m.d ?? 1, m.e ?? 0, m.f ?? 0];
    }
  }

  resetTransform(): void {
    this.s.matrix = [1, 0, 0, 1, 0, 0];
  }

  getTransform(): DOMMatrix2D {
    const [a, b, c, d, e, f] = this.s.matrix;
    return { a, b, c, d, e, f };
  }

  /** User space → page space (the chart box's top-left is the canvas origin). */
  private toPage(x: number, y: number): Point {
    const [a, b, c, d, e, f] = this.s.matrix;
    return [this.box.x + a * x + c * y + e, this.box.y + b * x + d * y + f];
  }

  /** Page space → user space, for arcTo (a canvas keeps its current point in device space). */
  private toUser(p: Point): Point | null {
    const [a, b, c, d, e, f] = this.s.matrix;
    const det = a * d - b * c;
    if (!det) return null;
    const x = p[0] - this.box.x - e;
    const y = p[1] - this.box.y - f;
    return [(d * x - c * y) / det, (-b * x + a * y) / det];
  }

  /** How much the transform scales lengths (exact for uniform scale and rotation). */
  private lengthScale(): number {
    const [a, b, c, d] = this.s.matrix;
    return Math.sqrt(Math.abs(a * d - b * c));
  }

  // ---- path --------------------------------------------------------------------------------

  beginPath(): void {
    this.path = [];
    this.current = null;
    this.subpathStart = null;
  }

  closePath(): void {
    if (!this.current) return;
    this.path.push('h');
    this.current = this.subpathStart;
  }

  moveTo(x: number, y: number): void {
    if (!allFinite(x, y)) return;
    const p = this.toPage(x, y);
    this.path.push(`${num(p[0])} ${num(p[1])} m`);
    this.current = p;
    this.subpathStart = p;
  }

  lineTo(x: number, y: number): void {
    if (!allFinite(x, y)) return;
    if (!this.current) return this.moveTo(x, y);
    const p = this.toPage(x, y);
    this.path.push(`${num(p[0])} ${num(p[1])} l`);
    this.current = p;
  }

  bezierCurveTo(cp1x: number, cp1y: number, cp2x: number, cp2y: number, x: number, y: number): void {
    if (!allFinite(cp1x, cp1y, cp2x, cp2y, x, y)) return;
    if (!this.current) this.moveTo(cp1x, cp1y);
    const c1 = this.toPage(cp1x, cp1y);
    const c2 = this.toPage(cp2x, cp2y);
    const p = this.toPage(x, y);
    this.path.push(`${num(c1[0])} ${num(c1[1])} ${num(c2[0])} ${num(c2[1])} ${num(p[0])} ${num(p[1])} c`);
    this.current = p;
  }

  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void {
    if (!allFinite(cpx, cpy, x, y)) return;
    if (!this.current) this.moveTo(cpx, cpy);
    const p0 = this.current ?? this.toPage(cpx, cpy);
    const q = this.toPage(cpx, cpy);
    const p = this.toPage(x, y);
    const c1: Point = [p0[0] + (2 / 3) * (q[0] - p0[0]), p0[1] + (2 / 3) * (q[1] - p0[1])];
    const c2: Point = [p[0] + (2 / 3) * (q[0] - p[0]), p[1] + (2 / 3) * (q[1] - p[1])];
    this.path.push(`${num(c1[0])} ${num(c1[1])} ${num(c2[0])} ${num(c2[1])} ${num(p[0])} ${num(p[1])} c`);
    this.current = p;
  }

  rect(x: number, y: number, w: number, h: number): void {
    if (!allFinite(x, y, w, h)) return;
    const [a, b, c, d] = this.s.matrix;
    const p = this.toPage(x, y);
    if (b === 0 && c === 0) {
      this.path.push(`${num(p[0])} ${num(p[1])} ${num(a * w)} ${num(d * h)} re`);
    } else {
      const p1 = this.toPage(x + w, y);
      const p2 = this.toPage(x + w, y + h);
      const p3 = this.toPage(x, y + h);
      this.path.push(
        `${num(p[0])} ${num(p[1])} m ${num(p1[0])} ${num(p1[1])} l ${num(p2[0])} ${num(p2[1])} l ${num(p3[0])} ${num(p3[1])} l h`,
      );
    }
    this.current = p;
    this.subpathStart = p;
  }

  roundRect(x: number, y: number, w: number, h: number, radii: number | readonly number[] = 0): void {
    if (!allFinite(x, y, w, h)) return;
    if (w < 0) [x, w] = [x + w, -w];
    if (h < 0) [y, h] = [y + h, -h];
    const list = typeof radii === 'number' ? [radii] : [...radii];
    const [r0 = 0, r1 = r0, r2 = r0, r3 = r1] = list.map((r) => Math.max(0, Number(r) || 0));
    let [tl, tr, br, bl] =
      list.length === 2 ? [r0, r1, r0, r1] : list.length === 3 ? [r0, r1, r2, r1] : [r0, r1, r2, r3];
    const k = Math.min(1, w / (tl + tr || 1), w / (bl + br || 1), h / (tl + bl || 1), h / (tr + br || 1));
    [tl, tr, br, bl] = [tl * k, tr * k, br * k, bl * k];
    this.moveTo(x + tl, y);
    this.lineTo(x + w - tr, y);
    this.arc(x + w - tr, y + tr, tr, -Math.PI / 2, 0);
    this.lineTo(x + w, y + h - br);
    this.arc(x + w - br, y + h - br, br, 0, Math.PI / 2);
    this.lineTo(x + bl, y + h);
    this.arc(x + bl, y + h - bl, bl, Math.PI / 2, Math.PI);
    this.lineTo(x, y + tl);
    this.arc(x + tl, y + tl, tl, Math.PI, 1.5 * Math.PI);
    this.closePath();
    this.moveTo(x, y);
  }

  arc(
    x: number,
    y: number,
    radius: number,
    startAngle: number,
    endAngle: number,
    counterclockwise = false,
  ): void {
    if (!allFinite(x, y, radius, startAngle, endAngle)) return;
    if (radius < 0) throw new RangeError(`arc radius ${radius} is negative`);
    this.ellipticArc(x, y, radius, radius, 0, startAngle, endAngle, counterclockwise);
  }

  ellipse(
    x: number,
    y: number,
    radiusX: number,
    radiusY: number,
    rotation: number,
    startAngle: number,
    endAngle: number,
    counterclockwise = false,
  ): void {
    if (!allFinite(x, y, radiusX, radiusY, rotation, startAngle, endAngle)) return;
    if (radiusX < 0 || radiusY < 0) throw new RangeError('ellipse radius is negative');
    this.ellipticArc(x, y, radiusX, radiusY, rotation, startAngle, endAngle, counterclockwise);
  }

  /** Arcs as cubic Béziers, at most a quarter turn each (error < 0.03 % of the radius). */
  private ellipticArc(
    cx: number,
    cy: number,
    rx: number,
    ry: number,
    rotation: number,
    start: number,
    end: number,
    ccw: boolean,
  ): void {
    let sweep: number;
    if (!ccw && end - start >= TAU) sweep = TAU;
    else if (ccw && start - end >= TAU) sweep = -TAU;
    else {
      sweep = (end - start) % TAU;
      if (!ccw && sweep < 0) sweep += TAU;
      if (ccw && sweep > 0) sweep -= TAU;
    }
    // Unit circle → page: current transform × translate(cx, cy) × rotate(rotation) × scale(rx, ry).
    const cos = Math.cos(rotation);
    const sin = Math.sin(rotation);
    const [a, b, c, d, e, f] = multiply(this.s.matrix, [rx * cos, rx * sin, -ry * sin, ry * cos, cx, cy]);
    const map = (u: number, v: number): Point => [
      this.box.x + a * u + c * v + e,
      this.box.y + b * u + d * v + f,
    ];
    const p0 = map(Math.cos(start), Math.sin(start));
    if (this.current) {
      this.path.push(`${num(p0[0])} ${num(p0[1])} l`);
      this.current = p0;
    } else {
      this.path.push(`${num(p0[0])} ${num(p0[1])} m`);
      this.current = p0;
      this.subpathStart = p0;
    }
    if (sweep === 0 || (rx === 0 && ry === 0)) return;
    const n = Math.max(1, Math.ceil(Math.abs(sweep) / (Math.PI / 2) - 1e-9));
    const delta = sweep / n;
    const k = (4 / 3) * Math.tan(delta / 4);
    let t0 = start;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const t1 = i === n - 1 ? start + sweep : t0 + delta;
      const c0 = Math.cos(t0);
      const s0 = Math.sin(t0);
      const c1 = Math.cos(t1);
      const s1 = Math.sin(t1);
      const q1 = map(c0 - k * s0, s0 + k * c0);
      const q2 = map(c1 + k * s1, s1 - k * c1);
      const p = map(c1, s1);
      parts.push(`${num(q1[0])} ${num(q1[1])} ${num(q2[0])} ${num(q2[1])} ${num(p[0])} ${num(p[1])} c`);
      this.current = p;
      t0 = t1;
    }
    this.path.push(parts.join(' '));
  }

  arcTo(x1: number, y1: number, x2: number, y2: number, radius: number): void {
    if (!allFinite(x1, y1, x2, y2, radius)) return;
    if (radius < 0) throw new RangeError(`arcTo radius ${radius} is negative`);
    const p0 = this.current ? this.toUser(this.current) : null;
    if (!p0) return this.moveTo(x1, y1);
    const v1x = p0[0] - x1;
    const v1y = p0[1] - y1;
    const v2x = x2 - x1;
    const v2y = y2 - y1;
    const l1 = Math.hypot(v1x, v1y);
    const l2 = Math.hypot(v2x, v2y);
    const cross = v1x * v2y - v1y * v2x;
    if (radius === 0 || l1 === 0 || l2 === 0 || Math.abs(cross) < 1e-9 * l1 * l2) return this.lineTo(x1, y1);
    const cosTheta = (v1x * v2x + v1y * v2y) / (l1 * l2);
    const theta = Math.acos(Math.max(-1, Math.min(1, cosTheta)));
    const dist = radius / Math.tan(theta / 2);
    const t1: Point = [x1 + (v1x / l1) * dist, y1 + (v1y / l1) * dist];
    const t2: Point = [x1 + (v2x / l2) * dist, y1 + (v2y / l2) * dist];
    const bx = v1x / l1 + v2x / l2;
    const by = v1y / l1 + v2y / l2;
    const bl = Math.hypot(bx, by);
    const h = radius / Math.sin(theta / 2);
    const cx = x1 + (bx / bl) * h;
    const cy = y1 + (by / bl) * h;
    this.lineTo(t1[0], t1[1]);
    this.arc(
      cx,
      cy,
      radius,
      Math.atan2(t1[1] - cy, t1[0] - cx),
      Math.atan2(t2[1] - cy, t2[0] - cx),
      cross > 0,
    );
  }

  // ---- painting ----------------------------------------------------------------------------

  /** Can this paint be drawn? Records why not. */
  private paintable(): boolean {
    if (this.s.globalCompositeOperation !== 'source-over') {
      this.unsupported.add(`globalCompositeOperation:${this.s.globalCompositeOperation}`);
      return false;
    }
    return true;
  }

  /** Operators to set the PDF fill colour; writes opacity through pdfkit (it owns ExtGStates). */
  private fillSetup(color: Rgba, alpha: number): string {
    const a = Math.round(alpha * 1000) / 1000;
    if (this.pdf.fillAlpha !== a) {
      this.doc.fillOpacity(a);
      this.pdf.fillAlpha = a;
    }
    const rgb = colorOperands(color);
    if (this.pdf.fill === rgb) return '';
    this.pdf.fill = rgb;
    return `${rgb} rg\n`;
  }

  private strokeSetup(color: Rgba, alpha: number): string {
    const a = Math.round(alpha * 1000) / 1000;
    if (this.pdf.strokeAlpha !== a) {
      this.doc.strokeOpacity(a);
      this.pdf.strokeAlpha = a;
    }
    const out: string[] = [];
    const rgb = colorOperands(color);
    if (this.pdf.stroke !== rgb) {
      this.pdf.stroke = rgb;
      out.push(`${rgb} RG`);
    }
    const scale = this.lengthScale();
    const width = num(this.s.lineWidth * scale);
    if (this.pdf.lineWidth !== width) {
      this.pdf.lineWidth = width;
      out.push(`${width} w`);
    }
    const cap = this.s.lineCap === 'round' ? 1 : this.s.lineCap === 'square' ? 2 : 0;
    if (this.pdf.cap !== cap) {
      this.pdf.cap = cap;
      out.push(`${cap} J`);
    }
    const join = this.s.lineJoin === 'round' ? 1 : this.s.lineJoin === 'bevel' ? 2 : 0;
    if (this.pdf.join !== join) {
      this.pdf.join = join;
      out.push(`${join} j`);
    }
    const miter = num(this.s.miterLimit);
    if (this.pdf.miter !== miter) {
      this.pdf.miter = miter;
      out.push(`${miter} M`);
    }
    const dashes = this.s.lineDash;
    // A dash pattern of all zeros would draw nothing in PDF but a solid line on a canvas.
    const dash =
      dashes.length && dashes.some((x) => x > 0)
        ? `[${dashes.map((x) => num(x * scale)).join(' ')}] ${num(this.s.lineDashOffset * scale)} d`
        : '[] 0 d';
    if (this.pdf.dash !== dash) {
      this.pdf.dash = dash;
      out.push(dash);
    }
    return out.length ? `${out.join('\n')}\n` : '';
  }

  fill(ruleOrPath?: FillRule | object, rule?: FillRule): void {
    if (typeof ruleOrPath === 'object') throw new TypeError('Path2D is not supported by the PDF canvas');
    const color = this.s.fillColor;
    const alpha = (color?.a ?? 0) * this.s.globalAlpha;
    if (!color || alpha <= 0 || !this.path.length || !this.paintable()) return;
    const setup = this.fillSetup(color, alpha);
    const op = (ruleOrPath ?? rule) === 'evenodd' ? 'f*' : 'f';
    this.doc.addContent(`${setup}${this.path.join('\n')}\n${op}`);
  }

  stroke(path?: object): void {
    if (typeof path === 'object') throw new TypeError('Path2D is not supported by the PDF canvas');
    const color = this.s.strokeColor;
    const alpha = (color?.a ?? 0) * this.s.globalAlpha;
    if (!color || alpha <= 0 || !this.path.length || !this.paintable()) return;
    const setup = this.strokeSetup(color, alpha);
    this.doc.addContent(`${setup}${this.path.join('\n')}\nS`);
  }

  clip(ruleOrPath?: FillRule | object, rule?: FillRule): void {
    if (typeof ruleOrPath === 'object') throw new TypeError('Path2D is not supported by the PDF canvas');
    const op = (ruleOrPath ?? rule) === 'evenodd' ? 'W*' : 'W';
    // Clipping to an empty path hides everything after it.
    const path = this.path.length ? this.path.join('\n') : `${num(this.box.x)} ${num(this.box.y)} 0 0 re`;
    this.doc.addContent(`${path}\n${op} n`);
  }

  /** Paint a rectangle without touching the current path. */
  private withRectPath(x: number, y: number, w: number, h: number, paint: () => void): void {
    const saved = { path: this.path, current: this.current, start: this.subpathStart };
    this.beginPath();
    this.rect(x, y, w, h);
    try {
      paint();
    } finally {
      this.path = saved.path;
      this.current = saved.current;
      this.subpathStart = saved.start;
    }
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    if (!allFinite(x, y, w, h) || w === 0 || h === 0) return;
    this.withRectPath(x, y, w, h, () => this.fill());
  }

  strokeRect(x: number, y: number, w: number, h: number): void {
    if (!allFinite(x, y, w, h)) return;
    this.withRectPath(x, y, w, h, () => this.stroke());
  }

  /** Draws nothing: the page under the chart is white, and Chart.js clears before and after. */
  clearRect(_x: number, _y: number, _w: number, _h: number): void {}

  drawImage(..._args: unknown[]): void {
    this.unsupported.add('drawImage');
  }

  isPointInPath(): boolean {
    return false;
  }

  isPointInStroke(): boolean {
    return false;
  }

  createLinearGradient(_x0: number, _y0: number, _x1: number, _y1: number): PdfCanvasGradient {
    return new PdfCanvasGradient();
  }

  createRadialGradient(
    _x0: number,
    _y0: number,
    _r0: number,
    _x1: number,
    _y1: number,
    _r1: number,
  ): PdfCanvasGradient {
    return new PdfCanvasGradient();
  }

  createConicGradient(_startAngle: number, _x: number, _y: number): PdfCanvasGradient {
    return new PdfCanvasGradient();
  }

  createPattern(_image: unknown, _repetition: string | null): PdfCanvasPattern {
    return new PdfCanvasPattern();
  }

  // ---- text --------------------------------------------------------------------------------

  private currentFont(): { font: fontkit.Font; name: string; size: number; metrics: FontMetrics } {
    const bold = this.s.fontBold;
    const font = bold ? this.fonts.bold : this.fonts.regular;
    return {
      font,
      name: bold ? this.fontNames.bold : this.fontNames.regular,
      size: this.s.fontSize,
      metrics: fontMetrics(font),
    };
  }

  /** Height of the textBaseline line above the alphabetic baseline, in font units. */
  private baselineShift(m: FontMetrics): number {
    switch (this.s.textBaseline) {
      case 'top':
        return m.emAscent;
      case 'hanging':
        return m.hanging;
      case 'middle':
        return (m.emAscent - m.emDescent) / 2;
      case 'bottom':
      case 'ideographic':
        return -m.emDescent;
      default:
        return 0;
    }
  }

  /** Fraction of the width the anchor lies right of the text's left edge (0 left, 1 right). */
  private alignFraction(): number {
    const rtl = this.s.direction === 'rtl';
    switch (this.s.textAlign) {
      case 'center':
        return 0.5;
      case 'right':
        return 1;
      case 'end':
        return rtl ? 0 : 1;
      case 'start':
        return rtl ? 1 : 0;
      default:
        return 0;
    }
  }

  measureText(text: string): PdfTextMetrics {
    const str = String(text).replace(/[\t\n\f\r]/g, ' ');
    const { font, name, size, metrics: m } = this.currentFont();
    const unit = size / m.unitsPerEm;
    const width = this.runsWidth(str, font, name, size);
    const shift = this.baselineShift(m);
    const ox = -this.alignFraction() * width;
    let bbox: { minX: number; maxX: number; minY: number; maxY: number } | undefined;
    const glyphBox = () => (bbox ??= str ? font.layout(str).bbox : { minX: 0, maxX: 0, minY: 0, maxY: 0 });
    return {
      width,
      get actualBoundingBoxLeft() {
        return -(ox + glyphBox().minX * unit);
      },
      get actualBoundingBoxRight() {
        return ox + glyphBox().maxX * unit;
      },
      get actualBoundingBoxAscent() {
        return (glyphBox().maxY - shift) * unit;
      },
      get actualBoundingBoxDescent() {
        return (shift - glyphBox().minY) * unit;
      },
      fontBoundingBoxAscent: (m.ascent - shift) * unit,
      fontBoundingBoxDescent: (m.descent + shift) * unit,
      emHeightAscent: (m.emAscent - shift) * unit,
      emHeightDescent: (m.emDescent + shift) * unit,
      hangingBaseline: (m.hanging - shift) * unit,
      alphabeticBaseline: -shift * unit,
      ideographicBaseline: (-m.emDescent - shift) * unit,
    };
  }

  fillText(text: string, x: number, y: number, maxWidth?: number): void {
    this.drawText(String(text), x, y, maxWidth, false);
  }

  strokeText(text: string, x: number, y: number, maxWidth?: number): void {
    this.drawText(String(text), x, y, maxWidth, true);
  }

  private drawText(text: string, x: number, y: number, maxWidth: number | undefined, stroke: boolean): void {
    const str = text.replace(/[\t\n\f\r]/g, ' ');
    if (!str || !allFinite(x, y)) return;
    if (maxWidth !== undefined && !(maxWidth > 0)) return;
    const color = stroke ? this.s.strokeColor : this.s.fillColor;
    const alpha = (color?.a ?? 0) * this.s.globalAlpha;
    if (!color || alpha <= 0 || !this.paintable()) return;

    const { font, name, size, metrics } = this.currentFont();
    // Runs per font: the body font, then the fallbacks (a rare name character such as 𠮷); a
    // character no font has is reported and drawn as 〓, never as an empty box.
    const runs = this.fontRuns(str, font, name);
    const runWidths = runs.map(
      (r) => (measure(r.font, r.text).advance * size) / fontMetrics(r.font).unitsPerEm,
    );
    const width = runWidths.reduce((a, w) => a + w, 0);
    // maxWidth: a canvas condenses the text horizontally to fit.
    const sx = maxWidth !== undefined && width > maxWidth ? maxWidth / width : 1;
    const ox = -this.alignFraction() * width * sx;
    const oy = (this.baselineShift(metrics) * size) / metrics.unitsPerEm;
    const setup = stroke ? this.strokeSetup(color, alpha) : this.fillSetup(color, alpha);
    if (setup) this.doc.addContent(setup.slice(0, -1));

    const doc = this.doc;
    const options: PDFKit.Mixins.TextOptions = stroke
      ? { lineBreak: false, baseline: 'alphabetic', stroke: true, fill: false }
      : { lineBreak: false, baseline: 'alphabetic' };
    const [a, b, c, d, e, f] = multiply(this.s.matrix, [sx, 0, 0, 1, x + ox, y + oy]);
    const plain = a === 1 && b === 0 && c === 0 && d === 1;
    if (!plain) {
      doc.save();
      doc.transform(a, b, c, d, this.box.x + e, this.box.y + f);
    }
    let dx = 0;
    runs.forEach((run, i) => {
      doc.font(run.name).fontSize(size);
      if (plain) doc.text(run.text, this.box.x + e + dx * sx, this.box.y + f, options);
      else doc.text(run.text, dx, 0, options);
      dx += runWidths[i] ?? 0;
    });
    if (!plain) doc.restore();
  }

  /** The width of text drawn in runs (body font and fallbacks), in points. */
  private runsWidth(text: string, font: fontkit.Font, name: string, size: number): number {
    const missingBefore = new Set(this.missingGlyphs);
    const width = this.fontRuns(text, font, name).reduce(
      (w, r) => w + (measure(r.font, r.text).advance * size) / fontMetrics(r.font).unitsPerEm,
      0,
    );
    // Measuring is not drawing: only report characters that are actually drawn.
    for (const ch of this.missingGlyphs) if (!missingBefore.has(ch)) this.missingGlyphs.delete(ch);
    return width;
  }

  /** Split text into runs the body font or a fallback can draw; mark what none can. */
  private fontRuns(
    text: string,
    font: fontkit.Font,
    name: string,
  ): { text: string; font: fontkit.Font; name: string }[] {
    const fallbacks = (this.fonts.fallbacks ?? []).map((f, i) => ({
      font: f,
      name: this.fontNames.fallbacks?.[i],
    }));
    const runs: { text: string; font: fontkit.Font; name: string }[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      let face: { font: fontkit.Font; name: string } = { font, name };
      let shown = ch;
      if (cp > 0x20 && !font.hasGlyphForCodePoint(cp)) {
        const fb = fallbacks.find((x) => x.name && x.font.hasGlyphForCodePoint(cp));
        if (fb?.name) face = { font: fb.font, name: fb.name };
        else {
          this.missingGlyphs.add(ch);
          shown = MISSING_MARK;
        }
      }
      const last = runs[runs.length - 1];
      if (last && last.name === face.name) last.text += shown;
      else runs.push({ text: shown, ...face });
    }
    return runs;
  }
}

/**
 * A Canvas 2D context over `doc`, drawing into `box` (points, top-left origin). It opens a PDF
 * graphics state clipped to the box; call `end()` when done (drawChartVector does).
 */
export function createPdfCanvasContext(
  doc: PDFKit.PDFDocument,
  box: ChartBox,
  fonts: PdfFontNames,
  fontkitFonts: ChartFontkitFonts,
): PdfCanvasRenderingContext2D {
  return new PdfCanvasRenderingContext2D(doc, box, fonts, fontkitFonts);
}

let registered = false;

/** Same registration as setup.ts setupCharts() (the bench's raster path uses it); Chart.register is idempotent. */
function ensureRegistered(): void {
  if (registered) return;
  Chart.register(...registerables);
  registered = true;
}

export interface VectorChartResult {
  /** Characters with no glyph in the font (drawn as .notdef); empty when all text is covered. */
  missingGlyphs: string[];
  /** Canvas features the chart used that the PDF path did not render. */
  unsupported: string[];
}

/**
 * Draw a Chart.js chart as PDF vectors into `box`. Font sizes in the spec read as points, as in
 * the JPEG path. The chart is destroyed afterwards (Chart.js keeps every live instance).
 */
export function drawChartVector(
  doc: PDFKit.PDFDocument,
  config: ChartConfiguration,
  box: ChartBox,
  fontNames: PdfFontNames,
  fontkitFonts: ChartFontkitFonts,
): VectorChartResult {
  ensureRegistered();
  const ctx = createPdfCanvasContext(doc, box, fontNames, fontkitFonts);
  let chart: Chart | undefined;
  try {
    chart = new Chart(ctx as unknown as ChartItem, {
      ...config,
      options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
    });
  } finally {
    chart?.destroy();
    ctx.end();
  }
  return { missingGlyphs: [...ctx.missingGlyphs], unsupported: [...ctx.unsupported] };
}
