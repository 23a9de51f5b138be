/**
 * Chart.js set-up, once per process: register its components and the defaults every chart shares.
 * The font family is the name the PDF canvas maps to the document's registered Noto Sans SC.
 */
import { Chart, registerables } from 'chart.js';

let registered = false;

/** Register Chart.js components and the CJK font family once per process. */
export function setupCharts(fontFamily: string): void {
  if (!registered) {
    Chart.register(...registerables);
    registered = true;
  }
  Chart.defaults.font.family = fontFamily;
  Chart.defaults.color = '#333333';
}
