/**
 * PDF/A-2b read by a second reader: qpdf's JSON object dump (streams decoded) and poppler check
 * the rules of ISO 19005-2 that test/report/protection/pdfa.test.ts checks with pdfjs and the
 * file's own dictionaries: header, no encryption, XMP identification and its agreement with the
 * Info dictionary, the sRGB output intent and its ICC profile, embedded fonts, no .notdef glyphs,
 * annotation flags, graphics states, images, colour spaces and the q/Q nesting limit. No PDF/A
 * validator is installable from Debian or npm (veraPDF is neither).
 *
 * The plans are made through the real front door, compose(plan, { pdfa: 'PDF/A-2b' }, ctx).
 */
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import type { RenderContext } from '../../src/report/context.js';
import { compose } from '../../src/report/pdf/compose.js';
import { installXmpMetadata, pdfaDocumentOptions } from '../../src/report/pdf/pdfa.js';
import { endDocument } from '../../src/report/pdf/writer.js';
import { tempFile } from '../helpers/pdf.js';
import { readSample } from '../helpers/samples.js';
import { assertWellFormedXml, pdfDateToXmp, xmpValue } from '../helpers/xmp.js';
import { parsePdfFonts, run } from './tools.js';

type PdfValue = string | number | boolean | null | PdfValue[] | { [key: string]: PdfValue };
type PdfDict = { [key: string]: PdfValue };
interface PdfObject {
  value?: PdfValue;
  stream?: { dict: PdfDict; data?: string };
}

/** All objects of a PDF, from `qpdf --json` (v2) with stream data decoded and inlined. */
class PdfObjects {
  readonly objects: Record<string, PdfObject>;
  readonly trailer: PdfDict;

  constructor(pdf: Buffer) {
    const r = run('qpdf', [
      '--json=2',
      '--json-key=qpdf',
      '--json-stream-data=inline',
      tempFile('doc.pdf', pdf),
    ]);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { qpdf: [unknown, Record<string, PdfObject>] };
    this.objects = json.qpdf[1];
    this.trailer = (this.objects.trailer?.value ?? {}) as PdfDict;
  }

  /** Follow a reference ("12 0 R"); other values are returned as they are. */
  get(value: PdfValue | undefined): PdfValue | undefined {
    if (typeof value === 'string' && /^\d+ \d+ R$/.test(value)) {
      const o = this.objects[`obj:${value}`];
      return o?.stream ? o.stream.dict : o?.value;
    }
    return value;
  }

  dict(value: PdfValue | undefined): PdfDict {
    const v = this.get(value);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  }

  /** Decoded bytes of a stream reference. */
  streamData(ref: PdfValue | undefined): Buffer {
    const o = typeof ref === 'string' ? this.objects[`obj:${ref}`] : undefined;
    return Buffer.from(o?.stream?.data ?? '', 'base64');
  }

  /** Every object (dictionaries and stream dictionaries) with its key. */
  *all(): Generator<[string, PdfDict, PdfObject]> {
    for (const [key, o] of Object.entries(this.objects)) {
      if (!key.startsWith('obj:')) continue;
      const d = o.stream ? o.stream.dict : o.value;
      if (d && typeof d === 'object' && !Array.isArray(d)) yield [key.slice(4), d, o];
    }
  }
}

/** A qpdf JSON string ("u:text" or "b:hex") as text. */
function text(value: PdfValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('u:')) return value.slice(2);
  if (value.startsWith('b:')) return Buffer.from(value.slice(2), 'hex').toString('latin1');
  return undefined;
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
  let file: string;
  let objs: PdfObjects;
  let catalog: PdfDict;
  beforeAll(async () => {
    pdf = await composePdfA(ctx, brand, sample);
    file = tempFile('plan.pdf', pdf);
    objs = new PdfObjects(pdf);
    catalog = objs.dict(objs.trailer['/Root']);
  });

  it('passes qpdf --check and is PDF 1.7 with the binary comment line (§6.1.2)', () => {
    const check = run('qpdf', ['--check', file]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    expect(pdf.subarray(0, 9).toString('latin1')).toBe('%PDF-1.7\n');
    const second = pdf.subarray(9, 14);
    expect(second[0]).toBe(0x25); // '%'
    for (const b of second.subarray(1, 5)) expect(b).toBeGreaterThan(127);
    const info = run('pdfinfo', [file]).stdout;
    expect(info).toMatch(/PDF version:\s+1\.7/);
    expect(info).toMatch(/Encrypted:\s+no/);
    expect(info).toMatch(/Metadata Stream:\s+yes/);
    expect(info).toMatch(/JavaScript:\s+no/);
  });

  it('is not encrypted and has a file ID (§6.1.3)', () => {
    expect(objs.trailer['/Encrypt']).toBeUndefined();
    const id = objs.trailer['/ID'];
    expect(Array.isArray(id) && id.length === 2).toBe(true);
  });

  it('identifies itself as PDF/A-2b in well-formed XMP that agrees with the Info dictionary (§6.6)', () => {
    const metaRef = catalog['/Metadata'];
    const metaDict = objs.dict(metaRef);
    expect(metaDict['/Type']).toBe('/Metadata');
    expect(metaDict['/Subtype']).toBe('/XML');
    expect(metaDict['/Filter']).toBeUndefined(); // uncompressed, readable without PDF tools
    const xmp = objs.streamData(metaRef).toString('utf8');
    expect(xmp.startsWith('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(xmp.trimEnd().endsWith('<?xpacket end="w"?>')).toBe(true);
    assertWellFormedXml(xmp);
    expect(xmpValue(xmp, 'pdfaid:part')).toBe('2');
    expect(xmpValue(xmp, 'pdfaid:conformance')).toBe('B');

    const info = objs.dict(objs.trailer['/Info']);
    const infoText = (key: string) => text(objs.get(info[key]));
    expect(infoText('/Title')).toBeTruthy();
    expect(xmpValue(xmp, 'dc:title')).toBe(infoText('/Title'));
    expect(xmpValue(xmp, 'dc:creator')).toBe(infoText('/Author'));
    expect(xmpValue(xmp, 'dc:description')).toBe(infoText('/Subject'));
    expect(xmpValue(xmp, 'pdf:Keywords')).toBe(infoText('/Keywords'));
    expect(xmpValue(xmp, 'pdf:Producer')).toBe(infoText('/Producer'));
    expect(xmpValue(xmp, 'xmp:CreatorTool')).toBe(infoText('/Creator'));
    expect(xmpValue(xmp, 'xmp:CreateDate')).toBe(pdfDateToXmp(infoText('/CreationDate')));
    expect(xmpValue(xmp, 'xmp:ModifyDate')).toBe(pdfDateToXmp(infoText('/ModDate')));
  });

  it('has one sRGB output intent with an embedded ICC profile (§6.2.3)', () => {
    const intents = objs.get(catalog['/OutputIntents']);
    expect(Array.isArray(intents) && intents.length).toBe(1);
    const intent = objs.dict((intents as PdfValue[])[0]);
    expect(intent['/Type']).toBe('/OutputIntent');
    expect(intent['/S']).toBe('/GTS_PDFA1');
    expect(text(intent['/OutputConditionIdentifier'])).toBe('sRGB IEC61966-2.1');
    const profileRef = intent['/DestOutputProfile'];
    expect(objs.dict(profileRef)['/N']).toBe(3);
    const icc = objs.streamData(profileRef);
    expect(icc.readUInt32BE(0)).toBe(icc.length); // the profile's own size field
    expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(icc.subarray(12, 16).toString('latin1')).toBe('mntr'); // display class
    expect(icc.subarray(16, 20).toString('latin1')).toBe('RGB ');
    expect([2, 4]).toContain(icc[8]); // ICC major version PDF 1.7 allows
  });

  it('embeds every font, as TrueType subsets with Unicode maps (§6.2.11.4)', () => {
    const fonts = parsePdfFonts(run('pdffonts', [file]).stdout);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) {
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSansSC-/);
      expect(font).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true, unicode: true });
    }
    for (const [id, d] of objs.all()) {
      if (d['/Type'] !== '/FontDescriptor') continue;
      expect(d['/FontFile2'] ?? d['/FontFile3'] ?? d['/FontFile'], `font descriptor ${id}`).toBeDefined();
    }
    for (const [id, d] of objs.all()) {
      if (d['/Subtype'] !== '/CIDFontType2') continue;
      expect(d['/CIDToGIDMap'], `CIDFont ${id}`).toBe('/Identity');
    }
  });

  it('draws no .notdef glyph (§6.2.11.8) and nests q/Q at most 28 deep (§6.1.13)', () => {
    // Content streams: every page's /Contents, and form XObjects.
    const contentRefs: PdfValue[] = [];
    for (const [id, d] of objs.all()) {
      if (d['/Type'] === '/Page') contentRefs.push(...([] as PdfValue[]).concat(d['/Contents'] ?? []));
      if (d['/Subtype'] === '/Form') contentRefs.push(`${id}`);
    }
    let streams = 0;
    for (const ref of contentRefs) {
      const content = objs.streamData(ref).toString('latin1');
      streams++;
      // pdfkit writes every glyph string as hex, 4 digits per glyph id (Identity-H).
      for (const m of content.matchAll(/<([0-9a-fA-F]+)>/g)) {
        const hex = m[1] ?? '';
        for (let i = 0; i + 4 <= hex.length; i += 4) expect(hex.slice(i, i + 4)).not.toBe('0000');
      }
      let depth = 0;
      let max = 0;
      for (const token of content.split(/\s+/)) {
        if (token === 'q') max = Math.max(max, ++depth);
        else if (token === 'Q') depth--;
      }
      expect(max).toBeLessThanOrEqual(28);
      expect(content).not.toMatch(/\/DeviceCMYK|(?:^|\s)[kK](?=\s|$)/); // no CMYK under an RGB intent
    }
    expect(streams).toBeGreaterThan(5);
  });

  it('has only printable link annotations, and no actions PDF/A forbids (§6.3, §6.5)', () => {
    let annotations = 0;
    for (const [id, d] of objs.all()) {
      if (d['/Type'] !== '/Annot') continue;
      annotations++;
      expect(d['/Subtype'], id).toBe('/Link');
      const flags = Number(d['/F']);
      expect(flags & 4, `annotation ${id} Print flag`).toBe(4);
      expect(flags & (1 | 2 | 32), `annotation ${id} hidden flags`).toBe(0);
      const action = objs.dict(d['/A']);
      if (d['/A'] !== undefined) expect(['/GoTo', '/URI']).toContain(action['/S']);
    }
    expect(annotations).toBeGreaterThan(0); // the table of contents links
    expect(catalog['/AA']).toBeUndefined();
    const names = objs.dict(catalog['/Names']);
    expect(names['/JavaScript']).toBeUndefined();
    expect(names['/EmbeddedFiles']).toBeUndefined();
  });

  it('uses graphics states and images PDF/A-2 allows (§6.2.5, §6.2.8, §6.2.10)', () => {
    const blendModes = ['/Normal', '/Compatible', '/Multiply', '/Screen', '/Overlay', '/Darken', '/Lighten'];
    for (const [id, d] of objs.all()) {
      if (d['/Type'] === '/ExtGState') {
        expect(d['/TR'], id).toBeUndefined();
        if (d['/TR2'] !== undefined) expect(d['/TR2']).toBe('/Default');
        expect(d['/HTP'], id).toBeUndefined();
        if (d['/SMask'] !== undefined) expect(d['/SMask']).toBe('/None');
        if (d['/BM'] !== undefined) expect(blendModes).toContain(d['/BM']);
      }
      if (d['/Subtype'] === '/Image') {
        expect(d['/Interpolate'], id).not.toBe(true);
        expect(d['/Alternates'], id).toBeUndefined();
        expect(d['/OPI'], id).toBeUndefined();
        const filters = ([] as PdfValue[]).concat(d['/Filter'] ?? []);
        expect(filters, id).not.toContain('/JPXDecode');
        expect(d['/ColorSpace'], id).not.toBe('/DeviceCMYK');
      }
      expect(d['/S'], id).not.toBe('/JavaScript');
    }
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
    const objs = new PdfObjects(await endDocument(doc));
    return objs.streamData(objs.dict(objs.trailer['/Root'])['/Metadata']).toString('utf8');
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
});
