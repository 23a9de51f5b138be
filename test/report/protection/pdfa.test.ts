/**
 * PDF/A-2b, checked as far as can be read off the file. No PDF/A validator is installable from
 * Debian or npm (veraPDF is neither), so this test checks the rules of ISO 19005-2 that can be read
 * with pdfjs (version, encryption, Info, fonts, links, the graphics-state nesting of every page)
 * and from pdfkit's plain-text object dictionaries (XMP, output intent and ICC profile, font
 * descriptors, graphics states, images, the glyphs of the content streams).
 * test/interop/pdfa.test.ts checks the same rules with qpdf's object dump and poppler.
 *
 * The plans are made through the real front door, compose(plan, { pdfa: 'PDF/A-2b' }, ctx).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../../src/api.js';
import { loadRenderContext, PACKAGE_ROOT } from '../../../src/apps/assets.js';
import { FinplanError } from '../../../src/errors.js';
import type { RenderContext } from '../../../src/report/context.js';
import { compose } from '../../../src/report/pdf/compose.js';
import {
  assertPdfACompatible,
  checkPdfAImage,
  installXmpMetadata,
  pdfaDocumentOptions,
  xmpInfoDescriptions,
} from '../../../src/report/pdf/pdfa.js';
import {
  OPS,
  openPdf,
  pdfFonts,
  pdfLinks,
  rawObjects,
  rawStreamData,
  rawTrailer,
  type RawObject,
} from '../../helpers/pdf.js';
import { readSample } from '../../helpers/samples.js';
import { assertWellFormedXml, pdfDateToXmp, xmpValue } from '../../helpers/xmp.js';
import { endDocument } from '../../../src/report/pdf/writer.js';

/** The reference ("12 0") a dictionary gives for `key`, if it is an indirect reference. */
const refOf = (dict: string, key: string) =>
  new RegExp(`/${key}\\s+(\\d+ \\d+) R`).exec(dict)?.[1] ?? undefined;

/** A pdfkit PDF's objects, with the catalog and the XMP packet found. */
class PdfFile {
  readonly objects: Map<string, RawObject>;
  readonly trailer: string;
  readonly catalog: RawObject;

  constructor(readonly pdf: Buffer) {
    this.objects = rawObjects(pdf);
    this.trailer = rawTrailer(pdf);
    this.catalog = this.get(refOf(this.trailer, 'Root'));
  }

  get(ref: string | undefined): RawObject {
    const o = ref === undefined ? undefined : this.objects.get(ref);
    if (!o) throw new Error(`no object ${ref}`);
    return o;
  }

  /** The catalog's /Metadata stream. */
  get metadata(): RawObject {
    return this.get(refOf(this.catalog.dict, 'Metadata'));
  }

  get xmp(): string {
    return rawStreamData(this.metadata).toString('utf8');
  }

  /** Objects whose dictionary has `/Key /Value`. */
  withName(key: string, value: string): RawObject[] {
    const re = new RegExp(`/${key}\\s*/${value}(?![\\w.+-])`);
    return [...this.objects.values()].filter((o) => re.test(o.dict));
  }
}

async function composePdfA(ctx: RenderContext, brand: string, sample: string): Promise<Buffer> {
  return compose(planFromInput(readSample(sample)), { brand, pdfa: 'PDF/A-2b' }, ctx);
}

let ctx: RenderContext;
beforeAll(() => {
  ctx = loadRenderContext();
});

describe.each([
  ['default', 'family-with-children-education-and-retirement'],
  ['hongyun-bank', 'family-with-children-education-and-retirement'],
  ['hongyun-bank', 'business-owner-shenzhen-high-net-worth'],
])('a whole plan as PDF/A-2b (brand %s, %s)', (brand, sample) => {
  let pdf: Buffer;
  let file: PdfFile;
  let info: Record<string, unknown>;
  let hasJavaScript: boolean;
  let attachments: unknown;
  let qDepths: number[];
  beforeAll(async () => {
    pdf = await composePdfA(ctx, brand, sample);
    file = new PdfFile(pdf);
    const doc = await openPdf(pdf);
    try {
      info = (await doc.getMetadata()).info as Record<string, unknown>;
      // Document-level JavaScript (the /Names JavaScript tree and a JavaScript open action).
      hasJavaScript = (await doc.getJSActions()) !== null;
      attachments = await doc.getAttachments();
      // The deepest q/Q (save/restore) nesting of each page, form XObjects included.
      qDepths = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const ops = await page.getOperatorList();
        let depth = 0;
        let max = 0;
        for (const fn of ops.fnArray) {
          if (fn === OPS.save) max = Math.max(max, ++depth);
          else if (fn === OPS.restore) depth--;
        }
        qDepths.push(max);
        page.cleanup();
      }
    } finally {
      await doc.destroy();
    }
  });

  it('is PDF 1.7 with the binary comment line (§6.1.2), without JavaScript or attachments', () => {
    expect(pdf.subarray(0, 9).toString('latin1')).toBe('%PDF-1.7\n');
    const second = pdf.subarray(9, 14);
    expect(second[0]).toBe(0x25); // '%'
    for (const b of second.subarray(1, 5)) expect(b).toBeGreaterThan(127);
    expect(info.PDFFormatVersion).toBe('1.7');
    expect(hasJavaScript).toBe(false);
    expect(attachments).toBeNull();
  });

  it('is not encrypted and has a file ID (§6.1.3)', () => {
    expect(info.EncryptFilterName ?? null).toBeNull();
    expect(file.trailer).not.toMatch(/\/Encrypt\b/);
    expect(file.trailer).toMatch(/\/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]/);
  });

  it('identifies itself as PDF/A-2b in well-formed XMP that agrees with the Info dictionary (§6.6)', () => {
    const meta = file.metadata.dict;
    expect(meta).toMatch(/\/Type\s*\/Metadata\b/);
    expect(meta).toMatch(/\/Subtype\s*\/XML\b/);
    expect(meta).not.toMatch(/\/Filter\b/); // uncompressed, readable without PDF tools
    const xmp = file.xmp;
    expect(xmp.startsWith('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(xmp.trimEnd().endsWith('<?xpacket end="w"?>')).toBe(true);
    assertWellFormedXml(xmp);
    expect(xmpValue(xmp, 'pdfaid:part')).toBe('2');
    expect(xmpValue(xmp, 'pdfaid:conformance')).toBe('B');

    // The Info dictionary as pdfjs decodes it.
    const infoText = (key: string) => (typeof info[key] === 'string' ? (info[key] as string) : undefined);
    expect(infoText('Title')).toBeTruthy();
    expect(xmpValue(xmp, 'dc:title')).toBe(infoText('Title'));
    expect(xmpValue(xmp, 'dc:creator')).toBe(infoText('Author'));
    expect(xmpValue(xmp, 'dc:description')).toBe(infoText('Subject'));
    expect(xmpValue(xmp, 'pdf:Keywords')).toBe(infoText('Keywords'));
    expect(xmpValue(xmp, 'pdf:Producer')).toBe(infoText('Producer'));
    expect(xmpValue(xmp, 'xmp:CreatorTool')).toBe(infoText('Creator'));
    expect(xmpValue(xmp, 'xmp:CreateDate')).toBe(pdfDateToXmp(infoText('CreationDate')));
    expect(xmpValue(xmp, 'xmp:ModifyDate')).toBe(pdfDateToXmp(infoText('ModDate')));
  });

  it('has one sRGB output intent with an embedded ICC profile (§6.2.3)', () => {
    const list = /\/OutputIntents\s*\[([^\]]*)\]/.exec(file.catalog.dict)?.[1] ?? '';
    const refs = [...list.matchAll(/(\d+ \d+) R/g)].map((m) => m[1]!);
    expect(refs).toHaveLength(1);
    const intent = file.get(refs[0]).dict;
    expect(intent).toMatch(/\/Type\s*\/OutputIntent\b/);
    expect(intent).toMatch(/\/S\s*\/GTS_PDFA1\b/);
    expect(intent).toMatch(/\/OutputConditionIdentifier\s*\(sRGB IEC61966-2\.1\)/);
    const profile = file.get(refOf(intent, 'DestOutputProfile'));
    expect(profile.dict).toMatch(/\/N 3\b/);
    const icc = rawStreamData(profile);
    expect(icc.readUInt32BE(0)).toBe(icc.length); // the profile's own size field
    expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(icc.subarray(12, 16).toString('latin1')).toBe('mntr'); // display class
    expect(icc.subarray(16, 20).toString('latin1')).toBe('RGB ');
    expect([2, 4]).toContain(icc[8]); // ICC major version PDF 1.7 allows
  });

  it('embeds every font, as TrueType subsets with Unicode maps (§6.2.11.4)', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts)
      expect(font, font.name).toMatchObject({
        baseName: expect.stringMatching(/^NotoSansSC-/),
        type: 'CIDFontType2',
        embedded: true,
        subset: true,
        toUnicode: true,
      });
    const descriptors = file.withName('Type', 'FontDescriptor');
    expect(descriptors.length).toBeGreaterThanOrEqual(2);
    for (const d of descriptors)
      expect(d.dict, `font descriptor ${d.ref}`).toMatch(/\/FontFile[23]?\s+\d+ \d+ R/);
    const cidFonts = file.withName('Subtype', 'CIDFontType2');
    expect(cidFonts.length).toBe(fonts.length);
    for (const f of cidFonts) expect(f.dict, `CIDFont ${f.ref}`).toMatch(/\/CIDToGIDMap\s*\/Identity\b/);
    for (const f of file.withName('Subtype', 'Type0')) expect(f.dict).toMatch(/\/ToUnicode\s+\d+ \d+ R/);
  });

  it('draws no .notdef glyph (§6.2.11.8) and nests q/Q at most 28 deep (§6.1.13)', () => {
    // Content streams: every page's /Contents, and form XObjects.
    const contents: RawObject[] = [];
    for (const page of file.withName('Type', 'Page')) {
      const value = /\/Contents\s+(\[[^\]]*\]|\d+ \d+ R)/.exec(page.dict)?.[1] ?? '';
      for (const m of value.matchAll(/(\d+ \d+) R/g)) contents.push(file.get(m[1]));
    }
    contents.push(...file.withName('Subtype', 'Form'));
    expect(contents.length).toBeGreaterThan(5);
    for (const stream of contents) {
      const content = rawStreamData(stream).toString('latin1');
      // pdfkit writes every glyph string as hex, 4 digits per glyph id (Identity-H).
      for (const m of content.matchAll(/<([0-9a-fA-F]+)>/g)) {
        const hex = m[1] ?? '';
        for (let i = 0; i + 4 <= hex.length; i += 4) expect(hex.slice(i, i + 4)).not.toBe('0000');
      }
      expect(content).not.toMatch(/\/DeviceCMYK|(?:^|\s)[kK](?=\s|$)/); // no CMYK under an RGB intent
    }
    // The nesting as pdfjs runs each page (its forms inlined), so per stream it is at most this.
    expect(qDepths.length).toBeGreaterThan(5);
    expect(Math.max(...qDepths)).toBeLessThanOrEqual(28);
  });

  it('has only printable link annotations, and no actions PDF/A forbids (§6.3, §6.5)', async () => {
    const links = await pdfLinks(pdf);
    expect(links.length).toBeGreaterThan(0); // the table of contents links
    for (const link of links) {
      expect(link.flags & 4, `link on p${link.page}: Print flag`).toBe(4);
      expect(link.flags & (1 | 2 | 32), `link on p${link.page}: hidden flags`).toBe(0);
      expect(link.destination !== null || link.url !== null, `link on p${link.page} goes somewhere`).toBe(
        true,
      );
    }
    const annotations = file.withName('Type', 'Annot');
    expect(annotations.length).toBe(links.length);
    for (const a of annotations) {
      expect(a.dict, a.ref).toMatch(/\/Subtype\s*\/Link\b/);
      const action = /\/S\s*\/(\w+)/.exec(a.dict)?.[1];
      if (action !== undefined) expect(['GoTo', 'URI']).toContain(action);
    }
    expect(file.catalog.dict).not.toMatch(/\/AA\b/);
    const names = refOf(file.catalog.dict, 'Names');
    if (names) expect(file.get(names).dict).not.toMatch(/\/JavaScript\b|\/EmbeddedFiles\b/);
  });

  it('uses graphics states and images PDF/A-2 allows (§6.2.5, §6.2.8, §6.2.10)', () => {
    const blendModes = ['Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten'];
    for (const { ref, dict } of file.withName('Type', 'ExtGState')) {
      expect(dict, ref).not.toMatch(/\/TR\s/);
      const tr2 = /\/TR2\s*(\S+)/.exec(dict)?.[1];
      if (tr2 !== undefined) expect(tr2, ref).toBe('/Default');
      expect(dict, ref).not.toMatch(/\/HTP\b/);
      const smask = /\/SMask\s*(\S+)/.exec(dict)?.[1];
      if (smask !== undefined) expect(smask, ref).toBe('/None');
      const bm = /\/BM\s*\/(\w+)/.exec(dict)?.[1];
      if (bm !== undefined) expect(blendModes, ref).toContain(bm);
    }
    for (const { ref, dict } of file.withName('Subtype', 'Image')) {
      expect(dict, ref).not.toMatch(/\/Interpolate\s+true/);
      expect(dict, ref).not.toMatch(/\/Alternates\b|\/OPI\b|\/JPXDecode\b/);
      expect(dict, ref).not.toMatch(/\/ColorSpace\s*\/DeviceCMYK\b/);
    }
    for (const { ref, dict } of file.objects.values()) expect(dict, ref).not.toMatch(/\/S\s*\/JavaScript\b/);
  });

  it('is still byte-identical from one render to the next', async () => {
    const again = await composePdfA(ctx, brand, sample);
    expect(again.equals(pdf)).toBe(true);
  });
});

describe('XMP metadata', () => {
  const info = {
    Title: '张 & 李 <家庭> "理财" 规划书',
    Author: 'A&B 理财',
    Subject: '家庭理财规划书',
    Keywords: 'FP-1; input-sha256:abc',
    Creator: 'finplan',
    Producer: 'finplan (PDFKit)',
    CreationDate: new Date('2026-11-01T00:00:00Z'),
    ModDate: new Date('2026-11-01T00:00:00Z'),
  };

  async function render(install: boolean): Promise<string> {
    const doc = new PDFDocument({ ...pdfaDocumentOptions(), info, autoFirstPage: false });
    if (install) installXmpMetadata(doc);
    doc.registerFont('body', ctx.fonts.regular as never);
    doc.addPage().font('body').text('测试');
    return new PdfFile(await endDocument(doc)).xmp;
  }

  it('pdfkit alone pastes "&" and "<" into the XMP unescaped and omits xmp:ModifyDate', async () => {
    const xmp = await render(false);
    expect(xmp).toContain('张 & 李 <家庭>');
    expect(xmp).not.toContain('xmp:ModifyDate');
  });

  it('installXmpMetadata escapes every value and mirrors every Info entry', async () => {
    const xmp = await render(true);
    assertWellFormedXml(xmp);
    expect(xmpValue(xmp, 'dc:title')).toBe(info.Title);
    expect(xmpValue(xmp, 'dc:creator')).toBe(info.Author);
    expect(xmpValue(xmp, 'xmp:ModifyDate')).toBe('2026-11-01T00:00:00Z');
    expect(xmpValue(xmp, 'xmp:MetadataDate')).toBe('2026-11-01T00:00:00Z');
    expect(xmpValue(xmp, 'pdfaid:part')).toBe('2');
  });

  it('drops characters XML 1.0 cannot carry', () => {
    expect(xmpInfoDescriptions({ Title: 'a\u0001b' })).toContain('<rdf:li xml:lang="x-default">ab</rdf:li>');
  });
});

describe('PDF/A preconditions', () => {
  it('refuses PDF/A together with encryption', () => {
    expect(() => assertPdfACompatible({ pdfa: 'PDF/A-2b', protection: { password: 'x' } })).toThrow(
      FinplanError,
    );
    expect(() => assertPdfACompatible({ pdfa: 'PDF/A-2b' })).not.toThrow();
    expect(() => assertPdfACompatible({ protection: { password: 'x' } })).not.toThrow();
  });

  it('accepts the brands’ RGB JPEG logos and refuses a CMYK JPEG or another format', () => {
    for (const brand of ['default', 'hongyun-bank'])
      expect(() =>
        checkPdfAImage(
          readFileSync(join(PACKAGE_ROOT, 'templates', 'brands', brand, 'logo.jpg')),
          '品牌标志',
        ),
      ).not.toThrow();
    // SOI, then SOF0 with 4 components (a CMYK JPEG header).
    const cmyk = Buffer.from([
      0xff, 0xd8, 0xff, 0xc0, 0x00, 0x14, 0x08, 0x00, 0x10, 0x00, 0x10, 0x04, 1, 0x11, 0, 2,
    ]);
    expect(() => checkPdfAImage(cmyk, '品牌标志')).toThrow(/CMYK/);
    expect(() => checkPdfAImage(Buffer.from('GIF89a'), '品牌标志')).toThrow(/PNG 或 JPEG/);
    expect(() =>
      checkPdfAImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), '标志'),
    ).not.toThrow();
  });
});
