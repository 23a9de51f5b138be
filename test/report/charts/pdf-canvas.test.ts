import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration } from 'chart.js';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { parseCssColor } from '../../../src/report/charts/css-color.js';
import {
  createPdfCanvasContext,
  drawChartVector,
  parseCanvasFont,
  type ChartBox,
} from '../../../src/report/charts/pdf-canvas.js';
import { pdfFonts, pdfToText, sha256 } from '../../helpers/pdf.js';
import { endDocument } from '../../../src/report/pdf/writer.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const regularBytes = readFileSync(join(root, 'fonts/NotoSansSC-Regular.ttf'));
const boldBytes = readFileSync(join(root, 'fonts/NotoSansSC-Bold.ttf'));
const fonts = {
  regular: fontkit.create(regularBytes) as fontkit.Font,
  bold: fontkit.create(boldBytes) as fontkit.Font,
};
const NAMES = { regular: 'finplan-regular', bold: 'finplan-bold' };
const BOX: ChartBox = { x: 62, y: 100, width: 471, height: 220 };
const FONT = { size: 8 };

function newDoc(options: { compress?: boolean } = {}): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    compress: options.compress ?? true,
    info: { CreationDate: new Date(Date.UTC(2025, 0, 1)), ModDate: new Date(Date.UTC(2025, 0, 1)) },
  });
  doc.registerFont(NAMES.regular, fonts.regular as never);
  doc.registerFont(NAMES.bold, fonts.bold as never);
  return doc;
}

async function chartPdf(config: ChartConfiguration, options: { compress?: boolean } = {}) {
  const doc = newDoc(options);
  const result = drawChartVector(doc, config, BOX, NAMES, fonts);
  return { pdf: await endDocument(doc), result };
}

/** The text reader puts spaces and line breaks where the layout had them; compare without. */
const squash = (s: string) => s.replace(/\s+/g, '');
const wan = (v: number | string) => `${v}万`;

const lineChart: ChartConfiguration = {
  type: 'line',
  data: {
    labels: ['2025年', '2030年', '2035年', '2040年'],
    datasets: [
      {
        label: '净资产（名义）',
        data: [100, 180, 260, 390],
        borderColor: '#1F3A5F',
        backgroundColor: '#1F3A5F',
        borderWidth: 1.6,
        pointRadius: 0,
      },
      {
        label: '净资产（折合今日价值）',
        data: [100, 150, 200, 260],
        borderColor: '#C8A24A',
        backgroundColor: '#C8A24A',
        borderWidth: 1.6,
        borderDash: [4, 3],
        pointRadius: 2,
      },
    ],
  },
  options: {
    plugins: { legend: { labels: { font: FONT, boxWidth: 14, boxHeight: 2 } } },
    scales: {
      x: { ticks: { font: FONT } },
      y: {
        min: 0,
        max: 400,
        ticks: { font: FONT, stepSize: 100, callback: wan },
        title: { display: true, text: '万元', font: FONT },
      },
    },
  },
};

const stackedBar: ChartConfiguration = {
  type: 'bar',
  data: {
    labels: ['子女教育', '退休养老', '购房首付'],
    datasets: [
      { label: '已筹资金', data: [30, 120, 45], backgroundColor: '#1F3A5F' },
      { label: '资金缺口', data: [20, 80, 15], backgroundColor: 'rgba(200, 162, 74, 0.85)' },
    ],
  },
  options: {
    plugins: { legend: { labels: { font: FONT } } },
    scales: {
      x: { stacked: true, ticks: { font: FONT } },
      y: { stacked: true, min: 0, max: 200, ticks: { font: FONT, stepSize: 50, callback: wan } },
    },
  },
};

const tornado: ChartConfiguration = {
  type: 'bar',
  data: {
    labels: ['投资收益率', '通货膨胀率', '工资增长率', '房价涨幅'],
    datasets: [
      { label: '下行情景', data: [-80, -45, -30, -10], backgroundColor: '#B23B3B' },
      { label: '上行情景', data: [70, 40, 25, 12], backgroundColor: '#2E7D32' },
    ],
  },
  options: {
    indexAxis: 'y',
    plugins: { legend: { labels: { font: FONT } } },
    scales: {
      x: { stacked: true, min: -100, max: 100, ticks: { font: FONT, stepSize: 50, callback: wan } },
      y: { stacked: true, ticks: { font: FONT } },
    },
  },
};

const doughnut: ChartConfiguration = {
  type: 'doughnut',
  data: {
    labels: ['现金类', '固定收益', '权益类', '另类投资'],
    datasets: [
      {
        data: [10, 35, 45, 10],
        backgroundColor: ['#1F3A5F', '#C8A24A', '#5B8DB8', '#9CA3AF'],
        borderColor: '#ffffff',
        borderWidth: 1,
      },
    ],
  },
  options: { plugins: { legend: { position: 'right', labels: { font: FONT } } } },
};

const ages = Array.from({ length: 31 }, (_, i) => `${40 + i}岁`);
const fanChart: ChartConfiguration = {
  type: 'line',
  data: {
    labels: ages,
    datasets: [
      {
        label: 'P10',
        data: ages.map((_, i) => 100 + i * 4),
        borderColor: 'rgba(31,58,95,0.5)',
        borderWidth: 0.8,
        pointRadius: 0,
        fill: false,
      },
      {
        label: 'P90',
        data: ages.map((_, i) => 100 + i * 15),
        borderColor: 'rgba(31,58,95,0.5)',
        backgroundColor: 'rgba(31,58,95,0.15)',
        borderWidth: 0.8,
        pointRadius: 0,
        fill: '-1',
      },
      {
        label: '中位数 P50',
        data: ages.map((_, i) => 100 + i * 9),
        borderColor: '#1F3A5F',
        borderWidth: 1.6,
        pointRadius: 0,
      },
    ],
  },
  options: {
    plugins: { legend: { labels: { font: FONT } } },
    scales: {
      x: { ticks: { font: FONT, maxRotation: 0, autoSkip: true, maxTicksLimit: 7 } },
      y: { min: 0, max: 600, ticks: { font: FONT, stepSize: 200, callback: wan } },
    },
  },
};

describe('drawChartVector', () => {
  const cases: [string, ChartConfiguration, string[]][] = [
    [
      'line',
      lineChart,
      ['净资产（名义）', '净资产（折合今日价值）', '2025年', '2040年', '0万', '200万', '400万', '万元'],
    ],
    [
      'stacked bar',
      stackedBar,
      ['已筹资金', '资金缺口', '子女教育', '退休养老', '购房首付', '50万', '200万'],
    ],
    [
      'horizontal bar (tornado)',
      tornado,
      ['下行情景', '上行情景', '投资收益率', '房价涨幅', '-100万', '-50万', '0万', '100万'],
    ],
    ['doughnut', doughnut, ['现金类', '固定收益', '权益类', '另类投资']],
    ['fan (filled band)', fanChart, ['P10', 'P90', '中位数P50', '40岁', '70岁', '600万']],
  ];

  it.each(cases)(
    'draws a %s chart as a valid PDF whose text has every label',
    async (_name, config, expected) => {
      const { pdf, result } = await chartPdf(config);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = squash(await pdfToText(pdf));
      for (const label of expected) expect(text, label).toContain(label);
      expect(result.missingGlyphs).toEqual([]);
      expect(result.unsupported).toEqual([]);
    },
  );

  it('embeds only the Noto Sans SC subsets the document registered (no fallback font)', async () => {
    const { pdf } = await chartPdf(lineChart);
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(1);
    for (const font of fonts)
      expect(font, font.name).toMatchObject({
        baseName: expect.stringMatching(/^NotoSansSC-/),
        embedded: true,
        subset: true,
        toUnicode: true,
      });
  });

  it('draws the band fill with its alpha, and dashed and solid strokes', async () => {
    const { pdf } = await chartPdf(fanChart, { compress: false });
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/ca 0\.15\b/); // the band's fill opacity
    expect(raw).toMatch(/\/CA 0\.5\b/); // the P10/P90 lines' stroke opacity
    const dashed = await chartPdf(lineChart, { compress: false });
    expect(dashed.pdf.toString('latin1')).toMatch(/\[4 3\] 0 d/);
  });

  it('gives identical bytes for the same chart drawn twice', async () => {
    for (const config of [lineChart, tornado, fanChart]) {
      const a = await chartPdf(config);
      const b = await chartPdf(config);
      expect(sha256(a.pdf)).toBe(sha256(b.pdf));
    }
  });

  it('destroys its chart, balances q/Q and puts doc.x/doc.y back', async () => {
    const before = Object.keys(Chart.instances).length;
    const doc = newDoc({ compress: false });
    doc.x = 12;
    doc.y = 345;
    drawChartVector(doc, doughnut, BOX, NAMES, fonts);
    expect(Object.keys(Chart.instances).length).toBe(before);
    expect([doc.x, doc.y]).toEqual([12, 345]);
    const raw = (await endDocument(doc)).toString('latin1');
    const ops = raw.split(/\s+/);
    expect(ops.filter((o) => o === 'q').length).toBe(ops.filter((o) => o === 'Q').length);
  });

  it('reports characters the font lacks instead of printing blank boxes silently', async () => {
    const { result } = await chartPdf({
      type: 'bar',
      data: { labels: ['吉', '𠮷'], datasets: [{ label: '人数', data: [1, 2] }] },
    });
    expect(result.missingGlyphs).toEqual(['𠮷']);
  });
});

describe('the PDF canvas context', () => {
  const withCtx = (fn: (ctx: ReturnType<typeof createPdfCanvasContext>) => void) => {
    const doc = newDoc({ compress: false });
    const ctx = createPdfCanvasContext(doc, { x: 0, y: 0, width: 200, height: 100 }, NAMES, fonts);
    fn(ctx);
    ctx.end();
    return endDocument(doc);
  };

  it('measures text with fontkit advance widths of the font pdfkit draws with', () => {
    const doc = newDoc();
    const ctx = createPdfCanvasContext(doc, BOX, NAMES, fonts);
    for (const [font, fk, size] of [
      ['8px Noto Sans SC', fonts.regular, 8],
      ["bold 12px 'Noto Sans SC'", fonts.bold, 12],
      ['normal 700 10.5px sans-serif', fonts.bold, 10.5],
    ] as const) {
      ctx.font = font;
      for (const s of ['净资产（名义，万元）', '2035', '-1,234.56', '投资收益率', 'P50']) {
        const expected = (fk.layout(s).advanceWidth * size) / fk.unitsPerEm;
        expect(ctx.measureText(s).width).toBeCloseTo(expected, 9);
        // …and pdfkit agrees, so what Chart.js plans is what is drawn.
        doc.font(fk === fonts.bold ? NAMES.bold : NAMES.regular).fontSize(size);
        expect(ctx.measureText(s).width).toBeCloseTo(doc.widthOfString(s), 9);
      }
    }
    ctx.end();
  });

  it('matches @napi-rs/canvas (the JPEG path) in width and in every textBaseline metric', () => {
    GlobalFonts.register(regularBytes, 'Noto Sans SC');
    const ref = createCanvas(100, 100).getContext('2d');
    const doc = newDoc();
    const ctx = createPdfCanvasContext(doc, BOX, NAMES, fonts);
    ref.font = "40px 'Noto Sans SC'";
    ctx.font = "40px 'Noto Sans SC'";
    for (const baseline of ['top', 'hanging', 'middle', 'alphabetic', 'ideographic', 'bottom'] as const) {
      ref.textBaseline = baseline;
      ctx.textBaseline = baseline;
      const a = ref.measureText('净资产2035');
      const b = ctx.measureText('净资产2035');
      expect(b.width, baseline).toBeCloseTo(a.width, 1);
      // Skia keeps em metrics in 1/64 px and rounds font and glyph boxes to whole pixels (and
      // its hanging baseline is 0.8 × the rounded ascent).
      const tolerance = baseline === 'hanging' ? 0.5 : 0.05;
      for (const key of [
        'emHeightAscent',
        'emHeightDescent',
        'alphabeticBaseline',
        'ideographicBaseline',
      ] as const)
        expect(Math.abs(b[key] - a[key]), `${baseline} ${key}`).toBeLessThan(tolerance);
      for (const key of ['fontBoundingBoxAscent', 'fontBoundingBoxDescent', 'hangingBaseline'] as const)
        expect(Math.abs(b[key] - a[key]), `${baseline} ${key}`).toBeLessThanOrEqual(0.5);
      for (const key of ['actualBoundingBoxAscent', 'actualBoundingBoxDescent'] as const)
        expect(Math.abs(b[key] - a[key]), `${baseline} ${key}`).toBeLessThan(1.25);
    }
    ctx.end();
  });

  it('places text so that textBaseline and textAlign land where a canvas puts them', async () => {
    // Box at the origin, 10px text, "万元" 20 wide; the em box is 0.88 em above the baseline and
    // 0.12 em below. pdfkit writes the baseline-left point as "1 0 0 1 x (pageHeight - y) Tm".
    const cases: [TextBaseline, TextAlign, number, number][] = [
      ['alphabetic', 'left', 10, 50],
      ['top', 'left', 10, 50 + 8.8],
      ['middle', 'center', 10 - 10, 50 + 3.8],
      ['bottom', 'right', 10 - 20, 50 - 1.2],
      ['ideographic', 'end', 10 - 20, 50 - 1.2],
      ['hanging', 'start', 10, 50 + 0.8 * 11.6],
    ];
    const pdf = await withCtx((ctx) => {
      ctx.font = '10px Noto Sans SC';
      expect(ctx.measureText('万元').width).toBe(20);
      for (const [baseline, align] of cases) {
        ctx.textBaseline = baseline;
        ctx.textAlign = align;
        ctx.fillText('万元', 10, 50);
      }
    });
    const H = 841.89;
    const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
    const found = [...pdf.toString('latin1').matchAll(/1 0 0 1 [-\d.]+ [-\d.]+ Tm/g)].map((m) => m[0]);
    expect(found).toEqual(cases.map(([, , x, y]) => `1 0 0 1 ${round6(x)} ${round6(H - y)} Tm`));
  });

  it('condenses text to maxWidth and rotates it with the transform', async () => {
    const pdf = await withCtx((ctx) => {
      ctx.font = '10px Noto Sans SC';
      ctx.fillText('万元万元', 0, 20, 20); // 40 wide → scaled by 0.5
      ctx.translate(30, 40);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText('万元', 0, 0);
    });
    const raw = pdf.toString('latin1');
    expect(raw).toContain('0.5 0 0 1 0 20 cm');
    expect(raw).toMatch(/0 -1 1 0 30 40 cm/);
  });

  it('restores every state property on restore(), and ignores invalid assignments', () => {
    const doc = newDoc();
    const ctx = createPdfCanvasContext(doc, BOX, NAMES, fonts);
    const snapshot = () => ({
      fillStyle: ctx.fillStyle,
      strokeStyle: ctx.strokeStyle,
      lineWidth: ctx.lineWidth,
      lineDash: ctx.getLineDash(),
      lineDashOffset: ctx.lineDashOffset,
      lineCap: ctx.lineCap,
      lineJoin: ctx.lineJoin,
      font: ctx.font,
      textAlign: ctx.textAlign,
      textBaseline: ctx.textBaseline,
      globalAlpha: ctx.globalAlpha,
      transform: ctx.getTransform(),
    });
    ctx.fillStyle = '#123456';
    ctx.translate(5, 6);
    const before = snapshot();
    ctx.save();
    ctx.fillStyle = 'rgba(1, 2, 3, 0.5)';
    ctx.strokeStyle = 'red';
    ctx.lineWidth = 3;
    ctx.setLineDash([2, 1]);
    ctx.lineDashOffset = 1;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'bevel';
    ctx.font = 'bold 14px Noto Sans SC';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.globalAlpha = 0.3;
    ctx.rotate(1);
    expect(snapshot()).not.toEqual(before);
    ctx.restore();
    expect(snapshot()).toEqual(before);
    ctx.restore(); // unbalanced: ignored
    expect(snapshot()).toEqual(before);

    ctx.lineWidth = 0;
    ctx.lineWidth = -1;
    ctx.fillStyle = 'not-a-colour';
    ctx.font = 'huge Noto Sans SC';
    ctx.globalAlpha = 2;
    ctx.setLineDash([1, -1]);
    expect(snapshot()).toEqual(before);
    ctx.setLineDash([5]);
    expect(ctx.getLineDash()).toEqual([5, 5]);
    ctx.end();
  });

  it('draws arcs as Bézier curves: a full circle is four', async () => {
    const pdf = await withCtx((ctx) => {
      ctx.beginPath();
      ctx.arc(50, 50, 10, 0, 2 * Math.PI);
      ctx.fill();
    });
    const raw = pdf.toString('latin1');
    expect(raw).toContain('60 50 m');
    expect(raw.match(/ c\b/g)?.length).toBe(4);
  });

  it('keeps the path after fill so stroke paints the same shape', async () => {
    const pdf = await withCtx((ctx) => {
      ctx.beginPath();
      ctx.rect(10, 10, 30, 20);
      ctx.fillStyle = '#ff0000';
      ctx.strokeStyle = '#0000ff';
      ctx.fill();
      ctx.stroke();
      ctx.clearRect(0, 0, 200, 100); // draws nothing
    });
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/1 0 0 rg\n10 10 30 20 re\nf/);
    expect(raw).toMatch(/0 0 1 RG[\s\S]*10 10 30 20 re\nS/);
    expect(raw.match(/ re\b/g)?.length).toBe(3); // box clip, fill, stroke
  });
});

type TextBaseline = 'top' | 'hanging' | 'middle' | 'alphabetic' | 'ideographic' | 'bottom';
type TextAlign = 'start' | 'end' | 'left' | 'right' | 'center';

describe('parseCssColor', () => {
  it.each([
    ['#fff', { r: 255, g: 255, b: 255, a: 1 }],
    ['#1F3A5F', { r: 31, g: 58, b: 95, a: 1 }],
    ['#1f3a5f80', { r: 31, g: 58, b: 95, a: 128 / 255 }],
    ['#0008', { r: 0, g: 0, b: 0, a: 136 / 255 }],
    ['rgb(54, 162, 235)', { r: 54, g: 162, b: 235, a: 1 }],
    ['rgba(0,0,0,0.1)', { r: 0, g: 0, b: 0, a: 0.1 }],
    ['rgba(255, 99, 132, 50%)', { r: 255, g: 99, b: 132, a: 0.5 }],
    ['rgb(10 20 30 / 0.25)', { r: 10, g: 20, b: 30, a: 0.25 }],
    ['rgb(100%, 0%, 50%)', { r: 255, g: 0, b: 127.5, a: 1 }],
    ['hsl(120, 100%, 25%)', { r: 0, g: 127.5, b: 0, a: 1 }],
    ['hsla(0, 100%, 50%, 0.5)', { r: 255, g: 0, b: 0, a: 0.5 }],
    ['white', { r: 255, g: 255, b: 255, a: 1 }],
    ['Black', { r: 0, g: 0, b: 0, a: 1 }],
    ['transparent', { r: 0, g: 0, b: 0, a: 0 }],
    ['  steelblue ', { r: 70, g: 130, b: 180, a: 1 }],
  ])('%s', (input, rgba) => {
    const c = parseCssColor(input);
    expect(c).not.toBeNull();
    for (const k of ['r', 'g', 'b', 'a'] as const) expect(c?.[k], k).toBeCloseTo(rgba[k], 6);
  });

  it.each(['', '#12', '#ggg', 'rgb(1,2)', 'rgba(1,2,3,x)', 'blurple', 'url(#a)'])('rejects %j', (input) => {
    expect(parseCssColor(input)).toBeNull();
  });
});

describe('parseCanvasFont', () => {
  it.each([
    ['8px Noto Sans SC', { bold: false, size: 8 }],
    ["bold 12px 'Noto Sans SC'", { bold: true, size: 12 }],
    ['italic 600 9.5px "Noto Sans SC", sans-serif', { bold: true, size: 9.5 }],
    ['normal 400 10px/1.2 Arial', { bold: false, size: 10 }],
    ['9pt serif', { bold: false, size: 12 }],
  ])('%s', (input, parsed) => {
    expect(parseCanvasFont(input)).toEqual(parsed);
  });

  it.each(['12px', 'bold Noto', 'huge 12px x', ''])('rejects %j', (input) => {
    expect(parseCanvasFont(input)).toBeNull();
  });
});
