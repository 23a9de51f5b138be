/**
 * PDF/A-2b (ISO 19005-2, level B: the pages look the same forever) for archived plans.
 *
 * What pdfkit 0.20 does with `subset: 'PDF/A-2b'` (js/pdfkit.js, PDFA mixin):
 * - adds a pdfaid rdf:Description (part 2, conformance B) to the document's XMP metadata stream;
 * - adds an OutputIntent (S /GTS_PDFA1, "sRGB IEC61966-2.1") whose DestOutputProfile is the ICC v2
 *   sRGB profile it ships (js/data/sRGB_IEC61966_2_1.icc, 3 KB, N 3);
 * - nothing else: it does not check that fonts are embedded, that there is no encryption, or that
 *   images are not CMYK, and its XMP has two faults.
 *
 * What this module adds:
 * - `installXmpMetadata`: pdfkit pastes Title, Author, Subject and Keywords into the XMP without
 *   XML escaping (a title with "&" or "<" makes the metadata malformed, in every PDF, not only
 *   PDF/A) and omits xmp:ModifyDate although the Info dictionary has ModDate (PDF/A wants Info and
 *   XMP to agree). We replace its XMP info part with an escaped, complete one.
 * - `assertPdfACompatible`: PDF/A forbids encryption (ISO 19005-2 §6.1.3); we refuse the pair.
 * - `checkPdfAImage`: DeviceCMYK is not allowed under an RGB output intent, so a CMYK JPEG logo is
 *   refused; JPEG 2000 is not something pdfkit embeds at all.
 *
 * What the rest of finplan already gives PDF/A: every font is an embedded TrueType subset (Noto Sans
 * SC, CIDFontType2, Identity CIDToGIDMap, ToUnicode); no standard-14 font is used; link
 * annotations carry the Print flag (pdfkit sets F 4); transparency (chart opacity, CA/ca only) is
 * allowed in PDF/A-2 with an output intent; no JavaScript, no embedded files, a trailer ID, the
 * binary comment line. One rule depends on the text: no glyph may be .notdef, so in PDF/A mode a
 * character missing from the font must fail or fall back, never be drawn as an empty box.
 */
import { FinplanError } from '../../errors.js';

export const PDFA_CONFORMANCE = 'PDF/A-2b' as const;
export type PdfAConformance = typeof PDFA_CONFORMANCE;

/** Options to spread into `new PDFDocument({...})`. PDF/A-2 is based on PDF 1.7. */
export function pdfaDocumentOptions(): { subset: PdfAConformance; pdfVersion: '1.7' } {
  return { subset: PDFA_CONFORMANCE, pdfVersion: '1.7' };
}

/** PDF/A and encryption cannot go together; say so before rendering anything. */
export function assertPdfACompatible(options: { pdfa?: unknown; protection?: unknown }): void {
  if (options.pdfa && options.protection)
    throw new FinplanError(
      'FINPLAN_E_INVALID_OPTIONS',
      'PDF/A 存档格式不允许加密：请在"存档（PDF/A）"与"密码保护"之间选择其一',
    );
}

/**
 * Refuse an image that would break PDF/A under the sRGB output intent: a JPEG with 4 components
 * (CMYK/YCCK) becomes DeviceCMYK. PNGs always become DeviceRGB or DeviceGray (alpha as an SMask,
 * which PDF/A-2 allows). `what` names the image in the message ("品牌标志").
 */
export function checkPdfAImage(bytes: Uint8Array, what: string): void {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const components = jpegComponents(bytes);
    if (components === 4)
      throw new FinplanError(
        'FINPLAN_E_BRAND_INVALID',
        `${what}是 CMYK 的 JPEG，PDF/A（sRGB 输出意图）不允许，请转为 RGB`,
      );
    return;
  }
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return;
  throw new FinplanError('FINPLAN_E_BRAND_INVALID', `${what}应为 PNG 或 JPEG`);
}

/** The component count from a JPEG's first SOF marker, or null if there is none. */
function jpegComponents(bytes: Uint8Array): number | null {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return bytes[i + 9] ?? null;
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    i += 2 + length;
  }
  return null;
}

/** The Info dictionary as pdfkit holds it (`doc.info`). */
export interface InfoForXmp {
  Title?: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator?: string;
  Producer?: string;
  CreationDate?: Date;
  ModDate?: Date;
}

interface MetadataInternals {
  info: InfoForXmp;
  appendXML(xml: string, newline?: boolean): void;
  _addInfo: () => void;
}

/**
 * Replace pdfkit's XMP info part (its `_addInfo`, run inside `doc.end()`) with one that escapes
 * every value and mirrors every Info entry: CreationDate→xmp:CreateDate, ModDate→xmp:ModifyDate
 * (and xmp:MetadataDate), Creator→xmp:CreatorTool, Title→dc:title, Author→dc:creator,
 * Subject→dc:description, Producer→pdf:Producer, Keywords→pdf:Keywords. Safe, and advisable, for
 * every document, not only PDF/A. Call right after `new PDFDocument(...)`.
 */
export function installXmpMetadata(doc: PDFKit.PDFDocument, options: { lang?: string } = {}): void {
  const internals = doc as unknown as MetadataInternals;
  if (typeof internals._addInfo !== 'function' || typeof internals.appendXML !== 'function')
    throw new Error('PDF/A: pdfkit no longer has the metadata hooks (_addInfo, appendXML) this relies on');
  internals._addInfo = () => internals.appendXML(xmpInfoDescriptions(internals.info, options));
}

/** The rdf:Description elements for the Info entries (pure; exported for tests). */
export function xmpInfoDescriptions(info: InfoForXmp, options: { lang?: string } = {}): string {
  const lines: string[] = [];
  const xmp: string[] = [];
  if (info.CreationDate) xmp.push(`<xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>`);
  if (info.ModDate) xmp.push(`<xmp:ModifyDate>${xmpDate(info.ModDate)}</xmp:ModifyDate>`);
  const metadataDate = info.ModDate ?? info.CreationDate;
  if (metadataDate) xmp.push(`<xmp:MetadataDate>${xmpDate(metadataDate)}</xmp:MetadataDate>`);
  if (info.Creator) xmp.push(`<xmp:CreatorTool>${xmlText(info.Creator)}</xmp:CreatorTool>`);
  if (xmp.length)
    lines.push(
      '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
      ...xmp,
      '</rdf:Description>',
    );

  const dc: string[] = ['<dc:format>application/pdf</dc:format>'];
  if (info.Title)
    dc.push(
      `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(info.Title)}</rdf:li></rdf:Alt></dc:title>`,
    );
  if (info.Author)
    dc.push(`<dc:creator><rdf:Seq><rdf:li>${xmlText(info.Author)}</rdf:li></rdf:Seq></dc:creator>`);
  if (info.Subject)
    dc.push(
      `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(info.Subject)}</rdf:li></rdf:Alt></dc:description>`,
    );
  if (options.lang)
    dc.push(`<dc:language><rdf:Bag><rdf:li>${xmlText(options.lang)}</rdf:li></rdf:Bag></dc:language>`);
  lines.push(
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    ...dc,
    '</rdf:Description>',
  );

  const pdf: string[] = [];
  if (info.Producer) pdf.push(`<pdf:Producer>${xmlText(info.Producer)}</pdf:Producer>`);
  if (info.Keywords) pdf.push(`<pdf:Keywords>${xmlText(info.Keywords)}</pdf:Keywords>`);
  if (pdf.length)
    lines.push(
      '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
      ...pdf,
      '</rdf:Description>',
    );
  return lines.join('\n');
}

/** The same instant as pdfkit's Info date (D:YYYYMMDDHHmmssZ, UTC, whole seconds). */
function xmpDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** XML text content: escaped, with characters XML 1.0 cannot carry dropped. */
function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
