/**
 * Chart specs: pure Chart.js configurations built from the report model, never from raw numbers,
 * so a chart shows exactly what the tables show (万元, two decimals).
 */
import type { ChartConfiguration } from 'chart.js';
import type { Theme } from '../brand/theme.js';
import type { ReportModel } from '../model/report-model.js';

const FONT = { size: 8 };

export function netWorthChart(model: ReportModel, theme: Theme): ChartConfiguration {
  const [c0 = '#1F3A5F', c1 = '#C8A24A'] = theme.colors.chart;
  return {
    type: 'line',
    data: {
      labels: model.forecast.chart.labels,
      datasets: [
        {
          label: '净资产（名义，万元）',
          data: model.forecast.chart.netWorthNominal,
          borderColor: c0,
          backgroundColor: c0,
          borderWidth: 1.6,
          pointRadius: 0,
        },
        {
          label: '净资产（折合今日价值，万元）',
          data: model.forecast.chart.netWorthReal,
          borderColor: c1,
          backgroundColor: c1,
          borderWidth: 1.6,
          borderDash: [4, 3],
          pointRadius: 0,
        },
      ],
    },
    options: {
      plugins: {
        legend: { position: 'top', labels: { font: FONT, boxWidth: 14, boxHeight: 2 } },
        title: { display: false },
      },
      scales: {
        x: {
          ticks: { font: FONT, maxRotation: 0, autoSkip: true, maxTicksLimit: 12 },
          grid: { display: false },
        },
        y: {
          ticks: { font: FONT },
          title: { display: true, text: '万元', font: FONT },
          grid: { color: '#E5E7EB' },
        },
      },
    },
  };
}
