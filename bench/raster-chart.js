// The raster chart path, kept only as the comparison in bench/charts.js: the report draws its
// charts as PDF vectors (src/report/charts/pdf-canvas.ts), so the product ships no canvas binary.
// @napi-rs/canvas is a devDependency for this bench and for the tests that rasterise pages.
//
// Draws a Chart.js chart on @napi-rs/canvas and returns an opaque JPEG. Why opaque: pdfkit splits
// a PNG's alpha channel in JavaScript, which costs 0.6–1 s per document. Each chart is destroyed
// after drawing, or Chart.js keeps every instance in its registry.
import { createCanvas } from '@napi-rs/canvas';
import { Chart } from 'chart.js';

/** Print resolution: pixels per PDF point (72 pt = 1 inch; 200 dpi ≈ 2.78 px/pt). */
const PIXELS_PER_POINT = 200 / 72;

const whiteBackground = {
  id: 'finplan-white-background',
  beforeDraw(chart) {
    const g = chart.ctx;
    g.save();
    g.globalCompositeOperation = 'destination-over';
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, chart.width, chart.height);
    g.restore();
  },
};

/** @returns {{ data: Buffer, widthPt: number, heightPt: number }} */
export function renderChartImage(config, widthPt, heightPt) {
  // The canvas is created at the size in points; Chart.js multiplies it by devicePixelRatio.
  const canvas = createCanvas(Math.round(widthPt), Math.round(heightPt));
  const chart = new Chart(canvas.getContext('2d'), {
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
    return { data: canvas.toBuffer('image/jpeg', 92), widthPt, heightPt };
  } finally {
    chart.destroy();
  }
}
