import { describe, expect, it } from 'vitest';
import {
  drawText,
  layoutText,
  measureTextHeight,
  MISSING_GLYPH_MARK,
} from '../../../src/report/pdf/text/draw.js';
import {
  CACHE_LIMIT,
  advanceUnits,
  shapedRunCache,
  textWidth,
} from '../../../src/report/pdf/text/measure.js';
import { pdfFonts, pdfPageCount, pdfToText, sha256 } from '../../helpers/pdf.js';
import { NAMES, fontkitFonts, layoutFonts, newDocument } from './fixtures.js';

const squash = (s: string) => s.replace(/\s+/g, '');

const PARAGRAPH =
  '程先生家庭目前的净资产为 158.6 万元，其中金融资产 49 万元，未来 12 个月预计结余 6.1 万元。' +
  '按 3.05%–3.10% 的长期利率测算，截至2026-11，应急准备金缺口为 1,234,567 元，约 6 个月支出；' +
  '客户张𠮷先生（87 岁）与王喆堃女士计划于2031年退休，详见第 3 页“退休规划”。';

/** Draw a heading in bold and a paragraph with rare name characters; return the PDF bytes. */
async function render(text = PARAGRAPH): Promise<{ pdf: Buffer; missing: string[] }> {
  const { doc, fonts, finish } = newDocument();
  drawText(
    doc,
    '家庭理财规划书',
    { x: 62, y: 70, width: 471, fontSize: 18, bold: true, color: '#1d3557' },
    fonts,
  );
  const r = drawText(
    doc,
    text,
    { x: 62, y: 110, width: 300, fontSize: 10.5, lineGap: 3.5, indent: 21, color: '#222222' },
    fonts,
  );
  return { pdf: await finish(), missing: r.missing };
}

describe('drawText in a PDF', () => {
  it('embeds the body fonts and the fallback, and the text extracts with the rare characters', async () => {
    const { pdf, missing } = await render();
    const fonts = await pdfFonts(pdf);
    expect(fonts.map((f) => f.baseName).sort()).toEqual([
      'FinplanHanExtB-Regular',
      'NotoSansSC-Bold',
      'NotoSansSC-Regular',
    ]);
    for (const font of fonts)
      expect(font, font.name).toMatchObject({ embedded: true, subset: true, toUnicode: true });
    const text = squash(await pdfToText(pdf));
    expect(text).toContain('张𠮷先生');
    expect(text).toContain('王喆堃');
    expect(text).toContain(squash(PARAGRAPH));
    expect(missing).toEqual([]);
  });

  it('embeds no fallback font when no text needs it', async () => {
    const { pdf } = await render('家庭年收入为 1,234,567 元。');
    expect((await pdfFonts(pdf)).map((f) => f.baseName)).not.toContain('FinplanHanExtB-Regular');
  });

  it('returns a character no font has and marks it with 〓 instead of a blank box', async () => {
    const { pdf, missing } = await render('客户：张\u{10FFFD}，李\u{30000}');
    expect(missing).toEqual(['\u{10FFFD}', '\u{30000}']);
    expect(squash(await pdfToText(pdf))).toContain(`客户：张${MISSING_GLYPH_MARK}，李${MISSING_GLYPH_MARK}`);
  });

  it('gives the same bytes for the same input', async () => {
    const a = await render();
    const b = await render();
    expect(sha256(a.pdf)).toBe(sha256(b.pdf));
  });

  it('flows onto a new page at the bottom, like pdfkit text', async () => {
    const { doc, fonts, finish } = newDocument();
    const long = Array.from({ length: 12 }, () => PARAGRAPH).join('\n');
    const r = drawText(
      doc,
      long,
      {
        x: 62,
        y: 600,
        width: 471,
        fontSize: 10.5,
        lineGap: 3.5,
        color: '#222222',
        bottom: 841.89 - 70,
        onPageBreak: () => {
          doc.addPage();
          return 78;
        },
      },
      fonts,
    );
    expect(r.pageBreaks).toBeGreaterThanOrEqual(1);
    expect(doc.y).toBe(r.y);
    expect(r.y).toBeLessThanOrEqual(841.89 - 70);
    const pdf = await finish();
    expect(await pdfPageCount(pdf)).toBe(1 + r.pageBreaks);
    expect(squash(await pdfToText(pdf))).toContain(squash(long));
  });
});

describe('layoutText and measureTextHeight', () => {
  const widths = [60, 96, 150, 300, 471];

  it('measures the height drawText uses, as pdfkit heightOfString would', () => {
    for (const width of widths) {
      const box = { width, fontSize: 9, lineGap: 1.5 };
      const { doc, fonts } = newDocument();
      const h = measureTextHeight(PARAGRAPH, box, layoutFonts);
      const drawn = drawText(doc, PARAGRAPH, { ...box, x: 62, y: 100 }, fonts);
      expect(drawn.height).toBeCloseTo(h, 9);
      // A one-line text is pdfkit's line height for the body font plus the gap.
      doc.font('finplan-regular').fontSize(9);
      expect(measureTextHeight('一行', box, layoutFonts)).toBeCloseTo(doc.currentLineHeight(true) + 1.5, 9);
    }
  });

  it('keeps every line inside the box, whatever the alignment', () => {
    for (const width of widths)
      for (const align of ['left', 'right', 'center'] as const) {
        const layout = layoutText(PARAGRAPH, { width, fontSize: 10.5, align, indent: 21 }, layoutFonts);
        for (const line of layout.lines) {
          expect(line.x).toBeGreaterThanOrEqual(-1e-6);
          expect(line.x + line.width).toBeLessThanOrEqual(width + 1e-6);
        }
      }
  });

  it('never starts a line with closing punctuation and keeps amounts whole, with the real fonts', () => {
    for (let width = 60; width <= 471; width += 7) {
      const { lines } = layoutText(PARAGRAPH, { width, fontSize: 10.5 }, layoutFonts);
      const texts = lines.map((l) => l.text);
      for (const t of texts.slice(1)) expect(t).not.toMatch(/^[，。、；：？！）》”]/);
      for (const t of texts.slice(0, -1)) expect(t).not.toMatch(/[（《“]$/);
      for (const amount of [
        '158.6 万元，',
        '6.1 万元。',
        '3.05%–3.10%',
        '2026-11，',
        '1,234,567 元，',
        '87 岁）',
      ])
        if (width >= 96)
          expect(
            texts.some((t) => t.includes(amount)),
            `${amount} at ${width}`,
          ).toBe(true);
    }
  });

  it('cuts to maxLines with an ellipsis (KPI cards)', () => {
    const layout = layoutText(
      '这是一段很长很长的说明文字，会被截断',
      { width: 80, fontSize: 10, maxLines: 1 },
      layoutFonts,
    );
    expect(layout.truncated).toBe(true);
    expect(layout.lines).toHaveLength(1);
    expect(layout.lines[0]?.text.endsWith('…')).toBe(true);
    expect(layout.lines[0]?.width).toBeLessThanOrEqual(80);
  });

  it('measures runs exactly as pdfkit does, so runs drawn side by side abut', () => {
    const { doc } = newDocument();
    for (const [name, font] of [
      ['finplan-regular', fontkitFonts.regular],
      ['finplan-bold', fontkitFonts.bold],
      ['finplan-fallback-1', fontkitFonts.fallback],
    ] as const)
      for (const s of ['家庭年收入为 1,234,567 元，其中', 'LPR 4.9% (AVA)', '𠮷𡈼𪚥', '  two  spaces '])
        if (name !== 'finplan-fallback-1' || s.startsWith('𠮷')) {
          doc.font(name).fontSize(10.5);
          expect(textWidth(font, s, 10.5)).toBeCloseTo(doc.widthOfString(s), 9);
        }
  });
});

describe('shaped text shared across documents', () => {
  it('hands each document the runs the measuring pass shaped, equal to what pdfkit shapes itself', () => {
    const text = '家庭年度结余 123,456.78 元 fresh-chunk-共享';
    advanceUnits(fontkitFonts.regular, text);
    const shared = shapedRunCache(fontkitFonts.regular);
    const { doc } = newDocument();
    doc.font(NAMES.regular);
    const embedded = (doc as unknown as { _font: { layoutCache: object; layoutRun: (t: string) => unknown } })
      ._font;
    expect(embedded.layoutCache).toBe(shared);
    for (const chunk of ['家庭年度结余 ', '123,456.78 ', '元 ', 'fresh-chunk-共享']) {
      const run = shared[chunk]!;
      const own = embedded.layoutRun(chunk) as typeof run;
      expect(run.glyphs.map((g) => g.id)).toEqual(own.glyphs.map((g) => g.id));
      expect(JSON.parse(JSON.stringify(run.positions))).toEqual(JSON.parse(JSON.stringify(own.positions)));
    }
  });

  it('is emptied when a document starts once it holds CACHE_LIMIT chunks', () => {
    const font = fontkitFonts.bold;
    const full = shapedRunCache(font);
    const before = Object.keys(full).length;
    for (let i = 0; i < CACHE_LIMIT - before; i++) advanceUnits(font, `${i}元 `);
    expect(Object.keys(full).length).toBeGreaterThanOrEqual(CACHE_LIMIT);
    newDocument();
    const fresh = shapedRunCache(font);
    expect(fresh).not.toBe(full);
    expect(Object.keys(fresh).length).toBe(0);
  });
});
