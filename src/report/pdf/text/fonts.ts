/**
 * The fonts text is set in: the body font (regular and bold) and fallback fonts for the characters
 * it lacks. Noto Sans SC covers GB 18030's common set, Extension A and the 通用规范汉字表
 * characters outside the BMP, but not most of CJK Extension B (𠮷 U+20BB7, 𡈼 U+2123C,
 * 𪚥 U+2A6A5), which turn up in people's names.
 *
 * The fallback is fonts/FinplanHanExtB.ttf: HanaMinB (花園明朝B, GlyphWiki Project, Hanazono Font
 * License) cut down to the 42,711 characters of Extension B and renamed; its licence and the
 * recipe that made it are in fonts/FinplanHanExtB-LICENSE.txt. It is a 明朝 (serif) face: the
 * rare character shows in a different style, which beats a blank box.
 *
 * This module is pure like the rest of the report layer: it takes bytes. src/apps/assets.ts reads
 * the file (fonts/ + FALLBACK_FONT_FILE).
 */
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { FinplanError } from '../../../errors.js';
import { shapedRunCache } from './measure.js';

/** The fallback font's file name inside the package's fonts/ folder. */
export const FALLBACK_FONT_FILE = 'FinplanHanExtB.ttf';

/** pdfkit name prefix for the fallback fonts ("finplan-fallback-1", ...). */
export const FALLBACK_FONT_NAME = 'finplan-fallback';

/** A font as pdfkit knows it (its registered name) and as fontkit parsed it (for coverage, widths). */
export interface FontFace {
  readonly name: string;
  readonly font: Font;
}

/** The fonts of one document: body regular and bold, then fallbacks in order of preference. */
export interface FontSet {
  readonly regular: FontFace;
  readonly bold: FontFace;
  readonly fallbacks: readonly FontFace[];
}

/** Parse a single TrueType/OpenType/WOFF font from bytes; `label` names it in the error. */
export function parseFontBytes(bytes: Uint8Array, label: string): Font {
  try {
    const font = fontkit.create(bytes as Buffer);
    if (!('layout' in font)) throw new Error('font collection, not a single font');
    return font as Font;
  } catch (err) {
    throw new FinplanError('FINPLAN_E_FONT_MISSING', `${label}字体无法解析`, { cause: err });
  }
}

/** Parse the fallback font file's bytes (fonts/FinplanHanExtB.ttf). */
export function parseFallbackFont(bytes: Uint8Array): Font {
  return parseFontBytes(bytes, '生僻字备用');
}

/**
 * A font that `load` reads and parses the first time anything asks it something. The fallback
 * serves only characters the body font lacks (a rare name character such as 𠮷), which most
 * documents never meet: until one does, its 2 MB are not even read. Nothing asks the fallback
 * anything before then: the run splitters try the body font first, pdfkit touches a registered
 * font only when it is selected, and the caches keyed by font use the object, not its contents.
 *
 * Everyone else sees a fontkit Font: properties come from the parsed font and its methods run
 * bound to it, so fontkit's own caching and pdfkit's subsetting work on the real object.
 */
export function lazyFont(load: () => Font): Font {
  let font: Font | undefined;
  const loaded = (): Font => (font ??= load());
  return new Proxy({} as Font, {
    get(_, key) {
      const f = loaded();
      const value: unknown = Reflect.get(f, key, f);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(f) : value;
    },
    has: (_, key) => Reflect.has(loaded(), key),
  });
}

/**
 * Register the fonts with a pdfkit document under the given names and return the document's
 * FontSet. Pass the fontkit objects parsed once per process (RenderContext): pdfkit subsets them
 * per document, and embeds a fallback only if some text used it.
 */
export function registerFontSet(
  doc: PDFKit.PDFDocument,
  fonts: { regular: Font; bold: Font; fallbacks?: readonly Font[] },
  names: { regular: string; bold: string },
): FontSet {
  const set: FontSet = {
    regular: { name: names.regular, font: fonts.regular },
    bold: { name: names.bold, font: fonts.bold },
    fallbacks: (fonts.fallbacks ?? []).map((font, i) => ({ name: `${FALLBACK_FONT_NAME}-${i + 1}`, font })),
  };
  for (const face of [set.regular, set.bold, ...set.fallbacks])
    doc.registerFont(face.name, face.font as never);
  // The body faces only: selecting a fallback would parse the large font's tables for documents
  // that never use it (rare characters are few; pdfkit's own cache serves them).
  for (const face of [set.regular, set.bold]) shareLayoutCache(doc, face);
  return set;
}

/**
 * pdfkit's EmbeddedFont shapes every space-separated chunk of text with fontkit and keeps the
 * result in a cache that would die with the document; measure.ts shapes the same chunks first
 * (to lay text out) and keeps them in one cache per parsed font for the whole process. Handing
 * that cache to each document's EmbeddedFont means a chunk is shaped once per process, not twice
 * per document: a batch no longer reshapes the same headings, labels and numbers for every client.
 *
 * pdfkit does not expose the EmbeddedFont, so this selects the face once (creating it; a font
 * selected but never used on a page is not embedded) and swaps its `layoutCache` object. The
 * pinned pdfkit version's EmbeddedFont reads and writes only `layoutCache[chunk]` and never
 * mutates a cached run (word spacing copies positions); measure.ts stores runs exactly as its
 * `layoutRun` makes them.
 */
function shareLayoutCache(doc: PDFKit.PDFDocument, face: FontFace): void {
  doc.font(face.name);
  const embedded = (doc as unknown as { _font?: { font?: unknown; layoutCache?: object } })._font;
  if (!embedded || embedded.font !== face.font || !embedded.layoutCache) return;
  embedded.layoutCache = shapedRunCache(face.font);
}
