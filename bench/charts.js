// node bench/charts.js — charts as JPEG images vs as PDF vectors: time and bytes.
//
// Build first: npx tsc -p tsconfig.build.json (this script imports from dist/).
//
// Nine representative report charts are drawn at print size (content width × 180–210 pt, two per
// A4 page, each with a Chinese caption as the report has) in one warm process, both ways:
//   (a) JPEG:   renderChartImage() (Chart.js on @napi-rs/canvas at 200 dpi, JPEG q92) + doc.image()
//   (b) vector: drawChartVector() (Chart.js on a Canvas 2D adapter writing PDF operators)
// Per chart: median draw time over the runs, and the bytes the chart adds to a PDF (a one-chart PDF
// minus the same PDF with the caption only). Per document: median time to build the whole 9-chart
// PDF (doc created, charts drawn, doc.end(), bytes collected) and its size.
//
//   BENCH_RUNS (default 11, at least 9) timed runs after BENCH_WARMUP (default 3) untimed ones.
//   BENCH_OUT  directory for jpeg.pdf / vector.pdf (default: a new temp directory).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

const root = fileURLToPath(new URL('..', import.meta.url));
const { setupCharts } = await import(join(root, 'dist/report/charts/setup.js'));
const { renderChartImage } = await import('./raster-chart.js');
const { netWorthChart } = await import(join(root, 'dist/report/charts/specs.js'));
const { drawChartVector } = await import(join(root, 'dist/report/charts/pdf-canvas.js'));

const RUNS = Math.max(9, Number(process.env.BENCH_RUNS ?? 11));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const OUT = process.env.BENCH_OUT ?? mkdtempSync(join(tmpdir(), 'finplan-bench-charts-'));
mkdirSync(OUT, { recursive: true });

// ---- fonts, as src/report/context.ts and writer.ts use them ----------------------------------
const regularBytes = readFileSync(join(root, 'fonts/NotoSansSC-Regular.ttf'));
const boldBytes = readFileSync(join(root, 'fonts/NotoSansSC-Bold.ttf'));
const fonts = { regular: fontkit.create(regularBytes), bold: fontkit.create(boldBytes) };
const NAMES = { regular: 'finplan-regular', bold: 'finplan-bold' };
GlobalFonts.register(regularBytes, 'Noto Sans SC');
GlobalFonts.register(boldBytes, 'Noto Sans SC');
setupCharts('Noto Sans SC');

// ---- the nine charts --------------------------------------------------------------------------
const C = ['#1F3A5F', '#C8A24A', '#4F7CAC', '#8AA29E', '#B56576', '#6D597A'];
const FONT = { size: 8 };
const legend = { position: 'top', labels: { font: FONT, boxWidth: 14, boxHeight: 8 } };
const yWan = {
  ticks: { font: FONT },
  title: { display: true, text: '万元', font: FONT },
  grid: { color: '#E5E7EB' },
};
const xYears = {
  ticks: { font: FONT, maxRotation: 0, autoSkip: true, maxTicksLimit: 12 },
  grid: { display: false },
};
const r2 = (x) => Math.round(x * 100) / 100;
const years = (n, from = 2025) => Array.from({ length: n }, (_, i) => `${from + i}`);

function netWorth() {
  const labels = years(51);
  let nominal = 180;
  const netWorthNominal = [];
  const netWorthReal = [];
  labels.forEach((_, i) => {
    nominal = nominal * 1.045 + (i < 30 ? 12 : -38);
    netWorthNominal.push(r2(nominal));
    netWorthReal.push(r2(nominal / 1.025 ** i));
  });
  const model = { forecast: { chart: { labels, netWorthNominal, netWorthReal } } };
  return netWorthChart(model, { colors: { chart: C } });
}

function incomeVsSpending() {
  const labels = years(50);
  const income = labels.map((_, i) => r2(i < 30 ? 38 * 1.04 ** i : 22 + 3 * Math.sin(i)));
  const spending = labels.map((_, i) => r2(26 * 1.03 ** i * (i > 30 ? 0.8 : 1)));
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: '家庭收入', data: income, backgroundColor: C[0] },
        { label: '家庭支出', data: spending, backgroundColor: C[1] },
      ],
    },
    options: { plugins: { legend }, scales: { x: xYears, y: yWan } },
  };
}

function allocation() {
  return {
    type: 'doughnut',
    data: {
      labels: ['现金及货币基金', '银行理财与债券', '权益类基金', '商业养老保险', '黄金及另类'],
      datasets: [
        { data: [8, 32, 38, 14, 8], backgroundColor: C.slice(0, 5), borderColor: '#FFFFFF', borderWidth: 1 },
      ],
    },
    options: {
      cutout: '55%',
      plugins: { legend: { position: 'right', labels: { font: FONT, boxWidth: 10 } } },
    },
  };
}

function goalFunding() {
  return {
    type: 'bar',
    data: {
      labels: ['应急准备金', '子女教育（大学）', '改善型购房', '退休养老', '创业启动资金'],
      datasets: [
        { label: '已有资产', data: [12, 25, 80, 120, 10], backgroundColor: C[0] },
        { label: '计划储蓄', data: [6, 35, 60, 210, 20], backgroundColor: C[2] },
        { label: '资金缺口', data: [0, 12, 40, 95, 25], backgroundColor: C[4] },
      ],
    },
    options: {
      plugins: { legend },
      scales: {
        x: { stacked: true, ticks: { font: FONT }, grid: { display: false } },
        y: { ...yWan, stacked: true },
      },
    },
  };
}

function insuranceCover() {
  return {
    type: 'bar',
    data: {
      labels: ['本人（张伟）', '配偶（李娜）', '长子（张子轩）', '次女（张雨桐）'],
      datasets: [
        { label: '现有保额', data: [150, 80, 30, 20], backgroundColor: C[0] },
        { label: '建议保额', data: [320, 220, 50, 50], backgroundColor: C[1] },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend },
      scales: {
        x: {
          ticks: { font: FONT },
          title: { display: true, text: '万元', font: FONT },
          grid: { color: '#E5E7EB' },
        },
        y: { ticks: { font: FONT }, grid: { display: false } },
      },
    },
  };
}

function educationBuildUp() {
  const labels = years(19);
  let fund = 5;
  const saved = labels.map(() => r2((fund = fund * 1.035 + 3.2)));
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: '教育金累计（万元）',
          data: saved,
          borderColor: C[0],
          backgroundColor: C[0],
          borderWidth: 1.6,
          pointRadius: 2,
        },
        {
          label: '大学费用目标（万元）',
          data: labels.map(() => 85),
          borderColor: C[4],
          backgroundColor: C[4],
          borderWidth: 1.2,
          borderDash: [5, 3],
          pointRadius: 0,
        },
      ],
    },
    options: { plugins: { legend }, scales: { x: xYears, y: yWan } },
  };
}

function fanChart() {
  const labels = Array.from({ length: 61 }, (_, i) => `${35 + i}岁`);
  const path = (g, s) =>
    labels.map((_, i) =>
      r2(Math.max(0, 200 * Math.exp(g * i + s * Math.sqrt(i)) - (i > 25 ? 9 * (i - 25) : 0))),
    );
  const band = 'rgba(31, 58, 95, 0.16)';
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: 'P10（较差情形）',
          data: path(0.03, -0.25),
          borderColor: C[2],
          borderWidth: 1,
          pointRadius: 0,
          fill: false,
        },
        {
          label: 'P90（较好情形）',
          data: path(0.03, 0.25),
          borderColor: C[2],
          backgroundColor: band,
          borderWidth: 1,
          pointRadius: 0,
          fill: '-1',
        },
        { label: 'P50（中位数）', data: path(0.03, 0), borderColor: C[0], borderWidth: 1.8, pointRadius: 0 },
      ],
    },
    options: {
      plugins: { legend },
      scales: { x: { ...xYears, ticks: { ...xYears.ticks, maxTicksLimit: 13 } }, y: yWan },
    },
  };
}

function tornado() {
  const labels = [
    '投资收益率 ±1%',
    '通货膨胀率 ±1%',
    '工资增长率 ±1%',
    '退休年龄 ±2年',
    '预期寿命 ±5年',
    '房价涨幅 ±2%',
    '教育费用 ±20%',
    '房贷利率 ±0.5%',
    '社保替代率 ±5%',
    '生活支出 ±10%',
  ];
  const low = [-186, -142, -98, -88, -75, -60, -41, -33, -25, -120];
  const high = [201, 120, 92, 80, 66, 58, 39, 30, 24, 110];
  const order = labels.map((_, i) => i).sort((a, b) => high[b] - low[b] - (high[a] - low[a]));
  return {
    type: 'bar',
    data: {
      labels: order.map((i) => labels[i]),
      datasets: [
        { label: '不利变化', data: order.map((i) => low[i]), backgroundColor: '#C62828' },
        { label: '有利变化', data: order.map((i) => high[i]), backgroundColor: '#2E7D32' },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend },
      scales: {
        x: {
          stacked: true,
          ticks: { font: FONT },
          title: { display: true, text: '退休时净资产变化（万元）', font: FONT },
          grid: { color: '#E5E7EB' },
        },
        y: { stacked: true, ticks: { font: FONT }, grid: { display: false } },
      },
    },
  };
}

function mortgageBalance() {
  const principal = 300;
  const rate = 0.0315 / 12;
  const n = 300;
  const payment = (principal * rate) / (1 - (1 + rate) ** -n);
  const labels = [];
  const annuity = [];
  const linear = [];
  let balance = principal;
  for (let m = 0; m <= n; m++) {
    labels.push(m % 12 === 0 ? `第${m / 12}年` : `${m}`);
    annuity.push(r2(balance));
    linear.push(r2(principal * (1 - m / n)));
    balance = balance * (1 + rate) - payment;
  }
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: '等额本息 剩余本金',
          data: annuity,
          borderColor: C[0],
          backgroundColor: C[0],
          borderWidth: 1.4,
          pointRadius: 0,
        },
        {
          label: '等额本金 剩余本金',
          data: linear,
          borderColor: C[1],
          backgroundColor: C[1],
          borderWidth: 1.4,
          borderDash: [4, 3],
          pointRadius: 0,
        },
      ],
    },
    options: {
      plugins: { legend },
      scales: {
        x: {
          ticks: {
            font: FONT,
            maxRotation: 0,
            autoSkip: false,
            callback: (_v, i) => (i % 60 === 0 ? labels[i] : null),
          },
          grid: { display: false },
        },
        y: yWan,
      },
    },
  };
}

const CHARTS = [
  {
    name: 'line: net worth, 51 years, 2 series',
    caption: '图 1 家庭净资产预测（名义与折合今日价值）',
    height: 210,
    config: netWorth(),
  },
  {
    name: 'grouped bar: income vs spending, 50 yr',
    caption: '图 2 家庭年度收入与支出',
    height: 210,
    config: incomeVsSpending(),
  },
  { name: 'doughnut: allocation', caption: '图 3 建议资产配置', height: 180, config: allocation() },
  {
    name: 'stacked bar: goal funding',
    caption: '图 4 理财目标资金来源与缺口',
    height: 200,
    config: goalFunding(),
  },
  {
    name: 'horizontal bar: insurance, 4 members',
    caption: '图 5 家庭成员保障额度',
    height: 180,
    config: insuranceCover(),
  },
  {
    name: 'line: education build-up',
    caption: '图 6 子女教育金积累',
    height: 200,
    config: educationBuildUp(),
  },
  {
    name: 'fan: P10/P50/P90, 60 years, fill',
    caption: '图 7 蒙特卡洛模拟：可投资资产区间',
    height: 210,
    config: fanChart(),
  },
  { name: 'tornado: 10 rows', caption: '图 8 敏感性分析（龙卷风图）', height: 230, config: tornado() },
  {
    name: 'line: mortgage balance, 300 months',
    caption: '图 9 房贷剩余本金（300 期）',
    height: 200,
    config: mortgageBalance(),
  },
];

// ---- layout, as PdfWriter lays a chart out ---------------------------------------------------
const PAGE = { marginLeft: 62, marginTop: 78, contentWidth: 595.28 - 124 };

function newDoc() {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 78, bottom: 70, left: 62, right: 62 },
    autoFirstPage: false,
    pdfVersion: '1.7',
    compress: true,
    info: {
      Title: '图表基准',
      CreationDate: new Date(Date.UTC(2025, 5, 30)),
      ModDate: new Date(Date.UTC(2025, 5, 30)),
    },
  });
  doc.registerFont(NAMES.regular, fonts.regular);
  doc.registerFont(NAMES.bold, fonts.bold);
  return doc;
}

function finish(doc) {
  const chunks = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Caption and a line of body text: the report has Chinese text around every chart anyway. */
function caption(doc, chart, y) {
  doc.font(NAMES.bold).fontSize(11).fillColor('#222222');
  doc.text(chart.caption, PAGE.marginLeft, y, { width: PAGE.contentWidth });
  doc.font(NAMES.regular).fontSize(10.5);
  doc.text(
    '下图按本规划书的假设测算，单位为万元；实际结果会随市场与家庭情况变化。',
    PAGE.marginLeft,
    y + 18,
    {
      width: PAGE.contentWidth,
    },
  );
  return y + 42;
}

const drawers = {
  jpeg(doc, chart, box) {
    const image = renderChartImage(chart.config, box.width, box.height);
    doc.image(image.data, box.x, box.y, { width: box.width, height: box.height });
  },
  vector(doc, chart, box) {
    const result = drawChartVector(doc, chart.config, box, NAMES, fonts);
    if (result.missingGlyphs.length || result.unsupported.length)
      throw new Error(`${chart.name}: ${JSON.stringify(result)}`);
  },
};

/** Build the 9-chart document one way; returns per-chart draw times and the PDF. */
async function buildDocument(kind, only) {
  const t0 = performance.now();
  const doc = newDoc();
  const times = [];
  let y = Infinity;
  for (const chart of only ?? CHARTS) {
    if (y + chart.height + 60 > 841.89 - 70) {
      doc.addPage();
      y = PAGE.marginTop;
    }
    y = caption(doc, chart, y);
    const box = { x: PAGE.marginLeft, y, width: PAGE.contentWidth, height: chart.height };
    const t = performance.now();
    if (kind !== 'none') drawers[kind](doc, chart, box);
    times.push(performance.now() - t);
    y += chart.height + 24;
  }
  const pdf = await finish(doc);
  return { times, pdf, totalMs: performance.now() - t0 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const tick = () => new Promise((r) => setImmediate(r)); // lets native canvas memory be freed

const samples = {
  jpeg: { per: CHARTS.map(() => []), total: [] },
  vector: { per: CHARTS.map(() => []), total: [] },
  none: { per: CHARTS.map(() => []), total: [] },
};
const last = {};
for (let run = 0; run < WARMUP + RUNS; run++) {
  // Alternate the order so neither path always runs on a freshly collected heap.
  for (const kind of run % 2 ? ['vector', 'jpeg', 'none'] : ['none', 'jpeg', 'vector']) {
    const { times, pdf, totalMs } = await buildDocument(kind);
    if (run >= WARMUP) {
      times.forEach((t, i) => samples[kind].per[i].push(t));
      samples[kind].total.push(totalMs);
    }
    last[kind] = pdf;
    await tick();
  }
}
writeFileSync(join(OUT, 'jpeg.pdf'), last.jpeg);
writeFileSync(join(OUT, 'vector.pdf'), last.vector);

// Bytes each chart adds: a one-chart PDF minus the same PDF without the chart.
const addedBytes = { jpeg: [], vector: [] };
for (const chart of CHARTS) {
  const base = (await buildDocument('none', [chart])).pdf.length;
  for (const kind of ['jpeg', 'vector'])
    addedBytes[kind].push((await buildDocument(kind, [chart])).pdf.length - base);
}
const captionsOnly = (await buildDocument('none')).pdf.length;

// ---- report -----------------------------------------------------------------------------------
const kb = (b) => (b / 1024).toFixed(1);
const ms = (x) => x.toFixed(1);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(
  `finplan chart bench — ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}; ` +
    `median of ${RUNS} runs after ${WARMUP} warm-up, one process, one thread`,
);
console.log('');
console.log(
  `${pad('chart', 42)}${lpad('JPEG ms', 9)}${lpad('vector ms', 11)}${lpad('JPEG KB', 10)}${lpad('vector KB', 11)}`,
);
CHARTS.forEach((chart, i) => {
  console.log(
    `${pad(chart.name, 42)}${lpad(ms(median(samples.jpeg.per[i])), 9)}${lpad(ms(median(samples.vector.per[i])), 11)}` +
      `${lpad(kb(addedBytes.jpeg[i]), 10)}${lpad(kb(addedBytes.vector[i]), 11)}`,
  );
});
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const perChartSum = (kind) => sum(samples[kind].per.map(median));
console.log(
  `${pad('sum of 9 charts', 42)}${lpad(ms(perChartSum('jpeg')), 9)}${lpad(ms(perChartSum('vector')), 11)}` +
    `${lpad(kb(sum(addedBytes.jpeg)), 10)}${lpad(kb(sum(addedBytes.vector)), 11)}`,
);
console.log('');
console.log(`whole 9-chart document (captions, charts, doc.end()), median ms / PDF KB:`);
console.log(`  JPEG   ${ms(median(samples.jpeg.total))} ms   ${kb(last.jpeg.length)} KB`);
console.log(`  vector ${ms(median(samples.vector.total))} ms   ${kb(last.vector.length)} KB`);
console.log(`  captions only, no charts: ${ms(median(samples.none.total))} ms   ${kb(captionsOnly)} KB`);
console.log(`PDFs: ${join(OUT, 'jpeg.pdf')}  ${join(OUT, 'vector.pdf')}`);
