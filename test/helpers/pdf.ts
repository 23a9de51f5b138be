/**
 * Reading our PDFs back in tests, with pdfjs-dist (Mozilla's PDF.js) alone: text with positions,
 * page count, fonts, outlines, links, AES-256 decryption and grey page rasters, all from npm (the
 * rasters are drawn on @napi-rs/canvas). pdfjs is asynchronous, so these helpers are too.
 *
 * The legacy build is used because the modern one calls JavaScript that Node 20 does not have
 * (Promise.try, Math.sumPrecise, Map.prototype.getOrInsertComputed).
 *
 * poppler and qpdf read the same files in test/interop (`npm run test:interop`), as a second,
 * independent reader; nothing here needs them.
 */
// chart.js first: it decides when it loads whether to build Path2D objects, and pdfjs, when it
// loads in Node, puts @napi-rs/canvas's Path2D on globalThis. Loaded the other way round, Chart.js
// hands the report's PDF canvas Path2D paths, which it does not take (it is written for Node,
// where there is no Path2D), and composing a plan with charts fails in the test process only.
import 'chart.js';
import { createCanvas } from '@napi-rs/canvas';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import {
  getDocument,
  OPS,
  PasswordResponses,
  PermissionFlag,
  VerbosityLevel,
  type PDFDocumentProxy,
  type PDFPageProxy,
} from 'pdfjs-dist/legacy/build/pdf.mjs';

/** `data` written to a new private temporary directory as `name`; returns the path. */
export function tempFile(name: string, data: Buffer | string, mode = 0o600): string {
  const path = join(mkdtempSync(join(tmpdir(), 'finplan-test-')), name);
  writeFileSync(path, data, { mode });
  return path;
}

export { OPS };

/** A PDF in a temporary file, for the command-line tools that read files (test/interop). */
export function pdfFile(pdf: Buffer): string {
  return tempFile('doc.pdf', pdf);
}

export function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

// ---- opening --------------------------------------------------------------------------------

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export interface OpenOptions {
  /** The user or owner password of an encrypted PDF. */
  password?: string;
}

/**
 * The PDF opened with pdfjs. A wrong or missing password rejects with pdfjs's PasswordException
 * (`name: 'PasswordException'`, code 1 "need a password", 2 "incorrect password").
 * Destroy the document when done (or use withPdf).
 */
export async function openPdf(pdf: Buffer, options: OpenOptions = {}): Promise<PDFDocumentProxy> {
  const task = getDocument({
    // A copy: pdfjs transfers (detaches) the buffer it is given.
    data: new Uint8Array(pdf),
    password: options.password,
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
    fontExtraProperties: true,
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy();
    throw err;
  }
}

/** A PDF's bytes, or a document already opened with openPdf (to read it several ways at once). */
export type PdfSource = Buffer | PDFDocumentProxy;

/**
 * Run `fn` on the document: bytes are opened (with the options' password) and always destroyed
 * afterwards; an open document is used as it is and left open.
 */
export async function withPdf<T>(
  source: PdfSource,
  fn: (doc: PDFDocumentProxy) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  if (!Buffer.isBuffer(source)) return fn(source);
  const doc = await openPdf(source, options);
  try {
    return await fn(doc);
  } finally {
    await doc.destroy();
  }
}

/**
 * Whether pdfjs refuses the password: 'need-password' (none given), 'incorrect-password', or null
 * when the document opens. Any other failure is thrown.
 */
export async function passwordRefusal(
  pdf: Buffer,
  options: OpenOptions = {},
): Promise<'need-password' | 'incorrect-password' | null> {
  try {
    await (await openPdf(pdf, options)).destroy();
    return null;
  } catch (err) {
    const e = err as { name?: string; code?: number };
    if (e.name !== 'PasswordException') throw err;
    if (e.code === PasswordResponses.NEED_PASSWORD) return 'need-password';
    if (e.code === PasswordResponses.INCORRECT_PASSWORD) return 'incorrect-password';
    throw err;
  }
}

export async function pdfPageCount(pdf: PdfSource, options: OpenOptions = {}): Promise<number> {
  return withPdf(pdf, async (doc) => doc.numPages, options);
}

/**
 * What an encrypted document allows, as pdfjs's PermissionFlag names in lower case ("print",
 * "print_high_quality", "copy", "copy_for_accessibility", "modify_contents", ...); null: everything.
 */
export async function pdfPermissions(pdf: PdfSource, options: OpenOptions = {}): Promise<Set<string> | null> {
  return withPdf(
    pdf,
    async (doc) => {
      const flags = await doc.getPermissions();
      if (flags === null) return null;
      const names = Object.entries(PermissionFlag as Record<string, number>);
      return new Set(names.filter(([, bit]) => flags.includes(bit)).map(([name]) => name.toLowerCase()));
    },
    options,
  );
}

/**
 * The trailer and the objects of a PDF as pdfkit writes them: plain text dictionaries with direct
 * stream lengths, no object streams, so names and numbers can be read straight from the bytes
 * (strings and streams are encrypted in an encrypted file; names and numbers are not). For what
 * pdfjs does not expose: the /Encrypt dictionary, the output intent, font descriptors.
 */
export function rawTrailer(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('trailer');
  if (at < 0) throw new Error('no trailer (a cross-reference stream?)');
  return text.slice(at, text.indexOf('startxref', at));
}

export interface RawObject {
  /** "6 0" */
  ref: string;
  /** The object's text before `stream` (or up to `endobj`): its dictionary or value. */
  dict: string;
  /** The stream's bytes as stored (still filtered); null for an object without a stream. */
  stream: Buffer | null;
}

/** Every object of a pdfkit PDF, by reference ("6 0"). */
export function rawObjects(pdf: Buffer): Map<string, RawObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<string, RawObject>();
  const head = /(?:^|[\r\n])(\d+) (\d+) obj\b/g;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const ref = `${m[1]} ${m[2]}`;
    const bodyStart = m.index + m[0].length;
    const end = text.indexOf('endobj', bodyStart);
    const streamAt = /\bstream\r?\n/.exec(text.slice(bodyStart, end));
    if (!streamAt) {
      objects.set(ref, { ref, dict: text.slice(bodyStart, end).trim(), stream: null });
      continue;
    }
    const dict = text.slice(bodyStart, bodyStart + streamAt.index).trim();
    const length = Number(/\/Length (\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1]);
    if (!Number.isFinite(length)) throw new Error(`object ${ref}: no direct /Length`);
    const dataStart = bodyStart + streamAt.index + streamAt[0].length;
    objects.set(ref, { ref, dict, stream: pdf.subarray(dataStart, dataStart + length) });
    head.lastIndex = dataStart + length;
  }
  return objects;
}

/** Object `ref` ("6 0 R" or "6 0"); throws when there is none. */
export function rawObject(pdf: Buffer, ref: string): RawObject {
  const key = ref.replace(/\s+R$/, '').trim();
  const o = rawObjects(pdf).get(key);
  if (!o) throw new Error(`object ${ref} not found`);
  return o;
}

/** A stream's data, inflated when it is FlateDecode (the only filter pdfkit writes, besides images). */
export function rawStreamData(o: RawObject): Buffer {
  if (!o.stream) throw new Error(`object ${o.ref} has no stream`);
  return /\/Filter\s*\/FlateDecode\b/.test(o.dict) ? inflateSync(o.stream) : o.stream;
}

// ---- text with positions --------------------------------------------------------------------

/** One text item as pdfjs gives it, in points with the origin at the top left of the page. */
export interface TextRun {
  text: string;
  /** Box of the glyphs: left, top, right, bottom (ascent to descent of the font). */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The baseline, top-down, and the font size. */
  baseline: number;
  size: number;
  /** Upright text; vertical: turned a quarter (a chart's axis title); diagonal: a watermark. */
  orientation: 'horizontal' | 'vertical' | 'diagonal';
}

interface PdfjsTextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

async function pageRuns(page: PDFPageProxy): Promise<TextRun[]> {
  const height = page.view[3]! - page.view[1]!;
  const content = await page.getTextContent({ disableNormalization: true });
  const runs: TextRun[] = [];
  for (const item of content.items as Array<PdfjsTextItem | { type: string }>) {
    // pdfjs bridges wide gaps with items of spaces; the gaps are measured from the words instead.
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
    const size = Math.hypot(a, b);
    if (size === 0) continue;
    const style = content.styles[item.fontName];
    const ascent = style?.ascent ?? 0.8;
    const descent = style?.descent ?? -0.2;
    const zero = (v: number) => Math.abs(v) < 1e-6 * size;
    const orientation =
      zero(b) && zero(c) && a > 0 && d > 0 ? 'horizontal' : zero(a) && zero(d) ? 'vertical' : 'diagonal';
    // The glyph box in text space (1 = the font size) mapped through the item's matrix.
    const length = item.width / size;
    const corners = [
      [0, descent],
      [length, descent],
      [0, ascent],
      [length, ascent],
    ].map(([u, v]) => [a * u! + c * v! + e, height - (b * u! + d * v! + f)] as const);
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    runs.push({
      text: item.str,
      x0: Math.min(...xs),
      y0: Math.min(...ys),
      x1: Math.max(...xs),
      y1: Math.max(...ys),
      baseline: height - f,
      size,
      orientation,
    });
  }
  return runs;
}

/** Words further apart than this (in font sizes) are different columns: table cells, TOC numbers. */
const COLUMN_GAP = 0.8;
/** A gap wider than this (in font sizes) and no space character: a space between words. */
const WORD_GAP = 0.15;

/** One stretch of text on one baseline without a column gap: a table cell, a line of a paragraph. */
export interface TextSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  baseline: number;
  text: string;
}

/**
 * The page's text as lines: upright items whose baselines agree (within a quarter of the smaller
 * font size) form a line, read left to right, lines from top to bottom; each line is split into
 * segments where the gap between items is a column gap. Text turned a quarter (a chart's axis
 * title) is a line of its own, placed by the middle of its box. Diagonal text (a watermark) is
 * left out, as pdftotext leaves it out.
 */
export function textLines(runs: TextRun[]): TextSegment[][] {
  const key = (r: TextRun) => (r.orientation === 'horizontal' ? r.baseline : (r.y0 + r.y1) / 2);
  const flat = runs
    .filter((r) => r.orientation !== 'diagonal')
    .sort((p, q) => key(p) - key(q) || p.x0 - q.x0);
  const lines: TextRun[][] = [];
  for (const run of flat) {
    const line = lines.at(-1);
    const first = line?.[0];
    if (
      line &&
      first &&
      run.orientation === 'horizontal' &&
      first.orientation === 'horizontal' &&
      Math.abs(run.baseline - first.baseline) <= 0.25 * Math.min(run.size, first.size)
    )
      line.push(run);
    else lines.push([run]);
  }
  return lines.map((line) => {
    line.sort((p, q) => p.x0 - q.x0);
    const segments: TextSegment[] = [];
    let previous: TextRun | undefined;
    for (const run of line) {
      const segment = segments.at(-1);
      const gap = previous ? run.x0 - previous.x1 : Infinity;
      const size = Math.min(run.size, previous?.size ?? run.size);
      if (!segment || !previous || gap > COLUMN_GAP * size) {
        segments.push({ ...run, text: run.text });
      } else {
        const spaced = /\s$/.test(segment.text) || /^\s/.test(run.text);
        segment.text += gap > WORD_GAP * size && !spaced ? ` ${run.text}` : run.text;
        segment.x1 = Math.max(segment.x1, run.x1);
        segment.y0 = Math.min(segment.y0, run.y0);
        segment.y1 = Math.max(segment.y1, run.y1);
      }
      previous = run;
    }
    for (const s of segments) s.text = s.text.trim();
    return segments.filter((s) => s.text !== '');
  });
}

/** A page's text: one line per baseline, top to bottom; columns on a line two spaces apart. */
export function pageText(runs: TextRun[]): string {
  return textLines(runs)
    .map((segments) => segments.map((s) => s.text).join('  '))
    .join('\n');
}

/** Text runs of every page (1-based page i at index i - 1), with the page sizes. */
export async function pdfTextRuns(
  pdf: PdfSource,
  options: OpenOptions = {},
): Promise<Array<{ width: number; height: number; runs: TextRun[] }>> {
  return withPdf(
    pdf,
    async (doc) => {
      const pages = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
        pages.push({ width: x1 - x0, height: y1 - y0, runs: await pageRuns(page) });
        page.cleanup();
      }
      return pages;
    },
    options,
  );
}

/** The text of each page, as pageText lays it out. */
export async function pdfPagesText(pdf: PdfSource, options: OpenOptions = {}): Promise<string[]> {
  return (await pdfTextRuns(pdf, options)).map((p) => pageText(p.runs));
}

/**
 * The document's text, pages separated by form feeds (as pdftotext does). Lines are rebuilt from
 * positions (see textLines): compare CJK text with whitespace removed, as the tests do.
 */
export async function pdfToText(pdf: PdfSource, options: OpenOptions = {}): Promise<string> {
  return (await pdfPagesText(pdf, options)).map((p) => `${p}\n\f`).join('');
}

// ---- fonts ----------------------------------------------------------------------------------

export interface PdfFont {
  /** As in the file, with the subset tag: "BAAAAA+NotoSansSC-Regular". */
  name: string;
  /** Without the subset tag. */
  baseName: string;
  /** pdfjs's font type: "CIDFontType2" for our TrueType subsets. */
  type: string;
  /** The font program is in the file. */
  embedded: boolean;
  /** The name carries a six-letter subset tag. */
  subset: boolean;
  /**
   * pdfjs has a map from the glyphs to Unicode (for our CID fonts: the ToUnicode CMap; without one
   * pdfjs falls back to an identity map, which does not count).
   */
  toUnicode: boolean;
}

interface PdfjsFont {
  name?: string;
  type?: string;
  missingFile?: boolean;
  toUnicode?: unknown;
}

/** Every font that a page's content selects, once, in the order first used. */
export async function pdfFonts(pdf: PdfSource, options: OpenOptions = {}): Promise<PdfFont[]> {
  return withPdf(
    pdf,
    async (doc) => {
      const fonts = new Map<string, PdfFont>();
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const ops = await page.getOperatorList();
        for (let i = 0; i < ops.fnArray.length; i++) {
          if (ops.fnArray[i] !== OPS.setFont) continue;
          const loadedName = (ops.argsArray[i] as [string])[0];
          const font = page.commonObjs.get(loadedName) as PdfjsFont;
          const name = font.name ?? loadedName;
          if (fonts.has(name)) continue;
          const map = (font.toUnicode as { _map?: unknown[] } | undefined)?._map;
          fonts.set(name, {
            name,
            baseName: name.replace(/^[A-Z]{6}\+/, ''),
            type: font.type ?? '',
            embedded: font.missingFile === false,
            subset: /^[A-Z]{6}\+/.test(name),
            toUnicode: Array.isArray(map) && map.some((v) => v !== undefined),
          });
        }
        page.cleanup();
      }
      return [...fonts.values()];
    },
    options,
  );
}

// ---- navigation: outlines and links ---------------------------------------------------------

/** Where a destination leads: 1-based page, its kind (XYZ, Fit, ...) and the top edge in PDF units. */
export interface PdfDestination {
  page: number;
  kind: string;
  left: number | null;
  top: number | null;
}

export interface PdfOutlineItem {
  title: string;
  destination: PdfDestination | null;
  kids: PdfOutlineItem[];
}

type RawDest = string | unknown[] | null;

async function resolveDestination(doc: PDFDocumentProxy, dest: RawDest): Promise<PdfDestination | null> {
  const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
  if (!Array.isArray(explicit) || explicit.length < 2) return null;
  const [ref, kind, left, top] = explicit as [unknown, { name: string }, unknown, unknown];
  const index =
    typeof ref === 'number' ? ref : await doc.getPageIndex(ref as Parameters<typeof doc.getPageIndex>[0]);
  return {
    page: index + 1,
    kind: kind.name,
    left: typeof left === 'number' ? left : null,
    top: typeof top === 'number' ? top : null,
  };
}

/** The bookmarks (document outline), with their destinations resolved to pages. */
export async function pdfOutline(pdf: PdfSource, options: OpenOptions = {}): Promise<PdfOutlineItem[]> {
  return withPdf(
    pdf,
    async (doc) => {
      type Raw = { title: string; dest: RawDest; items: Raw[] };
      const walk = async (items: Raw[]): Promise<PdfOutlineItem[]> =>
        Promise.all(
          items.map(async (o) => ({
            title: o.title,
            destination: await resolveDestination(doc, o.dest),
            kids: await walk(o.items),
          })),
        );
      return walk(((await doc.getOutline()) ?? []) as Raw[]);
    },
    options,
  );
}

export interface PdfLink {
  /** The page the link is on (1-based). */
  page: number;
  /** [x0, y0, x1, y1] in PDF units (origin bottom left). */
  rect: number[];
  /** The annotation flags (4 = Print). */
  flags: number;
  /** The named destination, where the link has one. */
  destName: string | null;
  destination: PdfDestination | null;
  url: string | null;
}

/** Every link annotation of every page. */
export async function pdfLinks(pdf: PdfSource, options: OpenOptions = {}): Promise<PdfLink[]> {
  return withPdf(
    pdf,
    async (doc) => {
      const links: PdfLink[] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        for (const a of (await page.getAnnotations()) as Array<Record<string, unknown>>) {
          if (a.subtype !== 'Link') continue;
          const dest = (a.dest ?? null) as RawDest;
          links.push({
            page: n,
            rect: a.rect as number[],
            flags: Number(a.annotationFlags ?? 0),
            destName: typeof dest === 'string' ? dest : null,
            destination: await resolveDestination(doc, dest),
            url: typeof a.url === 'string' ? a.url : null,
          });
        }
      }
      return links;
    },
    options,
  );
}

/** The named destinations (the Dests name tree), resolved. */
export async function pdfNamedDestinations(
  pdf: PdfSource,
  options: OpenOptions = {},
): Promise<Map<string, PdfDestination | null>> {
  return withPdf(
    pdf,
    async (doc) => {
      const raw = (await doc.getDestinations()) as Record<string, unknown[]>;
      const out = new Map<string, PdfDestination | null>();
      for (const [name, dest] of Object.entries(raw)) out.set(name, await resolveDestination(doc, dest));
      return out;
    },
    options,
  );
}

// ---- rasters --------------------------------------------------------------------------------

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, rows top to bottom (as in a binary PGM). */
  pixels: Buffer;
}

/**
 * A page rendered by pdfjs on @napi-rs/canvas, white background, converted to grey with the
 * Rec. 601 weights (0.299 R + 0.587 G + 0.114 B): width, height and one byte per pixel.
 */
export async function pdfPageGray(
  pdf: PdfSource,
  page: number,
  dpi = 30,
  options: OpenOptions = {},
): Promise<GrayImage> {
  return withPdf(
    pdf,
    async (doc) => {
      const p = await doc.getPage(page);
      const viewport = p.getViewport({ scale: dpi / 72 });
      const width = Math.ceil(viewport.width);
      const height = Math.ceil(viewport.height);
      // The canvas pdfjs's own Node canvas factory would make.
      const canvas = createCanvas(width, height);
      const context = canvas.getContext('2d');
      await p.render({ canvas, canvasContext: context, viewport, background: 'white' } as never).promise;
      const rgba = context.getImageData(0, 0, width, height).data;
      const pixels = Buffer.alloc(width * height);
      for (let i = 0; i < pixels.length; i++) {
        const r = rgba[4 * i]!;
        const g = rgba[4 * i + 1]!;
        const b = rgba[4 * i + 2]!;
        pixels[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      }
      p.cleanup();
      return { width, height, pixels };
    },
    options,
  );
}

/** A grey image as a binary PGM file (P5), for the raster goldens. */
export function toPgm(image: GrayImage): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), image.pixels]);
}

export function parsePgm(data: Buffer): GrayImage {
  // P5\n<width> <height>\n<max>\n<bytes>
  const header = data.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a binary PGM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, pixels: data.subarray(m[0].length, m[0].length + width * height) };
}

/** Mean absolute difference per pixel (0–255) between two same-sized grey images. */
export function meanDifference(a: { pixels: Buffer }, b: { pixels: Buffer }): number {
  if (a.pixels.length !== b.pixels.length) return 255;
  let total = 0;
  for (let i = 0; i < a.pixels.length; i++) total += Math.abs(a.pixels[i]! - b.pixels[i]!);
  return total / a.pixels.length;
}

/**
 * Mean grey difference per 24 × 24 pixel tile (30 dpi: about 2 cm square), and the worst tile:
 * a whole-page mean would hide a moved table or a lost chart line; one tile will not.
 */
export function worstTileDifference(a: GrayImage, b: GrayImage): number {
  if (a.width !== b.width || a.height !== b.height) return 255;
  const tile = 24;
  let worst = 0;
  for (let ty = 0; ty < a.height; ty += tile)
    for (let tx = 0; tx < a.width; tx += tile) {
      let total = 0;
      let n = 0;
      for (let y = ty; y < Math.min(ty + tile, a.height); y++)
        for (let x = tx; x < Math.min(tx + tile, a.width); x++) {
          const i = y * a.width + x;
          total += Math.abs(a.pixels[i]! - b.pixels[i]!);
          n++;
        }
      worst = Math.max(worst, total / n);
    }
  return worst;
}
