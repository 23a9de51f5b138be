/**
 * Chinese typography as the reader sees it, read back from the finished PDFs: no line starts with
 * closing punctuation or ends with an opening one (禁则), no amount is split from its digits or
 * its unit, no text runs past the page's content edges, and rare name characters come out in a
 * fallback font (or, where no bundled font has them, as 〓 with a note). The negative control
 * proves the reading of the PDF can see each fault.
 */
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { FONT_FILES, loadRenderContext } from '../../src/apps/assets.js';
import type { RenderContext } from '../../src/report/context.js';
import { compose, composeDocument } from '../../src/report/pdf/compose.js';
import { edgeFaults, laidOutPages, lineBreakFaults, type LaidOutPage } from '../helpers/layout.js';
import { pdfFonts, pdfToText } from '../helpers/pdf.js';
import { goodSampleNames, readSample } from '../helpers/samples.js';
import { readFileSync } from 'node:fs';
import { endDocument } from '../../src/report/pdf/writer.js';

const STRESS = new URL('../fixtures/stress-rich-family-rare-names.json', import.meta.url);

let ctx: RenderContext;
beforeAll(() => {
  ctx = loadRenderContext();
});

const cases = [
  ...goodSampleNames().map((name) => ({ name, input: () => readSample(name) })),
  {
    name: 'stress-rich-family-rare-names',
    input: () => JSON.parse(readFileSync(STRESS, 'utf8')) as unknown,
  },
];

describe.each(cases)('typography of $name', ({ input }) => {
  describe.each(['full', 'summary'] as const)('%s edition', (depth) => {
    let pages: LaidOutPage[];
    beforeAll(async () => {
      const pdf = await compose(planFromInput(input()), { depth }, ctx);
      pages = await laidOutPages(pdf);
    });

    it('keeps 禁则 and keeps every amount whole across line breaks', () => {
      expect(lineBreakFaults(pages)).toEqual([]);
    });

    it('keeps every line inside the content edges', () => {
      expect(edgeFaults(pages)).toEqual([]);
    });
  });
});

describe('rare characters in names', () => {
  let pdf: Buffer;
  let missing: string[];
  beforeAll(async () => {
    const result = await composeDocument(
      planFromInput(JSON.parse(readFileSync(STRESS, 'utf8'))),
      { depth: 'full' },
      ctx,
    );
    pdf = result.pdf;
    missing = result.missingCharacters;
  });

  it('draws 𠮷 from the bundled Extension-B font, embedded beside Noto Sans SC', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.map((f) => f.baseName).sort()).toEqual([
      'FinplanHanExtB-Regular',
      'NotoSansSC-Bold',
      'NotoSansSC-Regular',
    ]);
    for (const font of fonts) expect(font, font.name).toMatchObject({ embedded: true, subset: true });
    expect(await pdfToText(pdf)).toContain('欧阳𠮷祥');
  });

  it('reports 𬺰, which no bundled font has, and shows 〓 in its place with a note', async () => {
    expect(missing).toEqual(['𬺰']);
    const text = await pdfToText(pdf);
    expect(text).toContain('司马〓雯');
    expect(text).not.toContain('𬺰');
    expect(text.replace(/\s+/g, '')).toMatch(/𬺰|〓/); // the note names the character or its mark
  });
});

describe('the reading of the PDF (negative control)', () => {
  it('sees a broken 禁则, a split amount and a line past the margin', async () => {
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    doc.registerFont('r', readFileSync(FONT_FILES.regular));
    doc.font('r').fontSize(10.5);
    const lead = 10.5 * 1.6;
    const at = (text: string, x: number, y: number) => doc.text(text, x, y, { lineBreak: false });
    at('建议将寿险保额提高到', 62, 100);
    at('，以覆盖家庭责任。', 62, 100 + lead);
    at('详见附录（', 62, 200);
    at('计算方法）。', 62, 200 + lead);
    at('重疾险保额缺口 351', 62, 300);
    at('万元，请优先补足。', 62, 300 + lead);
    at('这一行写到了页边之外，读者看不全这一行写到了页边之外。', 400, 400);
    const pages = await laidOutPages(await endDocument(doc));
    const faults = lineBreakFaults(pages);
    expect(faults.filter((f) => f.startsWith('行首禁则'))).toHaveLength(1);
    expect(faults.filter((f) => f.startsWith('行尾禁则'))).toHaveLength(1);
    expect(faults.filter((f) => f.startsWith('金额断行'))).toHaveLength(1);
    expect(edgeFaults(pages)).toHaveLength(1);
  });
});
