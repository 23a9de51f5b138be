/**
 * Fonts and a tiny document for the typography tests: the package's own font files, parsed once
 * per test file, and a pdfkit document with a fixed date so its bytes are reproducible.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import {
  FALLBACK_FONT_FILE,
  parseFallbackFont,
  parseFontBytes,
  registerFontSet,
  type FontSet,
} from '../../../src/report/pdf/text/fonts.js';
import { endDocument } from '../../../src/report/pdf/writer.js';

const FONTS_DIR = fileURLToPath(new URL('../../../fonts/', import.meta.url));

export const fontkitFonts = {
  regular: parseFontBytes(readFileSync(join(FONTS_DIR, 'NotoSansSC-Regular.ttf')), '正文'),
  bold: parseFontBytes(readFileSync(join(FONTS_DIR, 'NotoSansSC-Bold.ttf')), '粗体'),
  fallback: parseFallbackFont(readFileSync(join(FONTS_DIR, FALLBACK_FONT_FILE))),
};

export const NAMES = { regular: 'finplan-regular', bold: 'finplan-bold' };

export function newDocument(): { doc: PDFKit.PDFDocument; fonts: FontSet; finish: () => Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 62,
    autoFirstPage: true,
    info: { CreationDate: new Date(Date.UTC(2026, 10, 1)), ModDate: new Date(Date.UTC(2026, 10, 1)) },
  });
  const fonts = registerFontSet(
    doc,
    { regular: fontkitFonts.regular, bold: fontkitFonts.bold, fallbacks: [fontkitFonts.fallback] },
    NAMES,
  );
  return { doc, fonts, finish: () => endDocument(doc) };
}

/** A FontSet for layout-only tests (no document needed: names are only labels). */
export const layoutFonts: FontSet = {
  regular: { name: NAMES.regular, font: fontkitFonts.regular },
  bold: { name: NAMES.bold, font: fontkitFonts.bold },
  fallbacks: [{ name: 'finplan-fallback-1', font: fontkitFonts.fallback }],
};
