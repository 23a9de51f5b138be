/**
 * Draws a Chart.js chart on @napi-rs/canvas and returns an opaque image. The PDF draws its charts
 * as vectors (pdf-canvas.ts); this raster path is kept for raster output (PNG/JPEG charts for a web
 * page) and as the comparison in bench/charts.js, which measured both.
 *
 * Why @napi-rs/canvas and not chartjs-node-canvas: the latter needs node-canvas, whose binary is
 * downloaded from GitHub at install time; offline (a bank mirror reaches only npm) it compiles
 * from source and needs cairo/pango headers from apt. @napi-rs/canvas ships its binary inside the
 * npm package. See README "Decisions".
 *
 * Why JPEG and opaque: pdfkit splits a PNG's alpha channel in JavaScript, which costs 0.6–1 s per
 * document; an opaque JPEG at print resolution embeds as-is. Each chart is destroyed after drawing,
 * or Chart.js keeps every instance in its registry.
 */
import { createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, type ChartItem } from 'chart.js';

export { setupCharts } from './setup.js';

export interface ChartImage {
  data: Buffer;
  /** Size in PDF points at which the image is placed. */
  widthPt: number;
  heightPt: number;
}

/** Print resolution: pixels per PDF point (72 pt = 1 inch; 200 dpi ≈ 2.78 px/pt). */
const PIXELS_PER_POINT = 200 / 72;

export function renderChartImage(config: ChartConfiguration, widthPt: number, heightPt: number): ChartImage {
  // The canvas is created at the size in points; Chart.js multiplies it by devicePixelRatio.
  const canvas = createCanvas(Math.round(widthPt), Math.round(heightPt));
  const ctx = canvas.getContext('2d');
  const chart = new Chart(ctx as unknown as ChartItem, {
    ...config,
    options: {
      ...config.options,
      responsive: false,
      animation: false,
      // Chart.js sizes fonts in CSS pixels; scale so that font sizes in the spec read as points.
      devicePixelRatio: PIXELS_PER_POINT,
    },
    plugins: [...(config.plugins ?? []), whiteBackground],
  });
  try {
    const data = canvas.toBuffer('image/jpeg', 92);
    return { data, widthPt, heightPt };
  } finally {
    chart.destroy();
  }
}

const whiteBackground = {
  id: 'finplan-white-background',
  beforeDraw(chart: Chart) {
    const g = chart.ctx;
    g.save();
    g.globalCompositeOperation = 'destination-over';
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, chart.width, chart.height);
    g.restore();
  },
};
