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

function palette(theme: Theme): string[] {
  return theme.colors.chart;
}

const axisY = (title: string) => ({
  ticks: { font: FONT },
  title: { display: true, text: title, font: FONT },
  grid: { color: '#E5E7EB' },
});
const axisX = {
  ticks: { font: FONT, maxRotation: 0, autoSkip: true, maxTicksLimit: 12 },
  grid: { display: false },
};
const legend = { position: 'top' as const, labels: { font: FONT, boxWidth: 12, boxHeight: 8 } };

/** Options of a horizontal bar chart: categories down the side, 万元 along the bottom. */
function horizontalBarOptions(stacked = false): ChartConfiguration['options'] {
  const stack = stacked ? { stacked: true } : {};
  return {
    indexAxis: 'y',
    plugins: { legend },
    scales: {
      x: {
        ...stack,
        ticks: { font: FONT },
        title: { display: true, text: '万元', font: FONT },
        grid: { color: '#E5E7EB' },
      },
      y: { ...stack, ticks: { font: FONT }, grid: { display: false } },
    },
  };
}

/** 收入与支出: after-tax income against all spending, by year (万元, nominal). */
export function incomeVsSpendingChart(
  data: { labels: string[]; income: number[]; spending: number[] },
  theme: Theme,
): ChartConfiguration {
  const [c0 = '#1F3A5F', c1 = '#C8A24A'] = palette(theme);
  return {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        { label: '税后收入（名义，万元）', data: data.income, backgroundColor: c0 },
        { label: '生活支出、还贷、保费与目标（名义，万元）', data: data.spending, backgroundColor: c1 },
      ],
    },
    options: {
      plugins: { legend },
      scales: { x: axisX, y: axisY('万元') },
      datasets: { bar: { barPercentage: 0.9, categoryPercentage: 0.8 } },
    },
  };
}

/** 资产配置: today's mix against the recommended one (% of the investable pool). */
export function allocationChart(
  data: { labels: string[]; current: number[]; recommended: number[] },
  theme: Theme,
): ChartConfiguration {
  const colors = palette(theme);
  return {
    type: 'bar',
    data: {
      labels: ['目前配置', '建议配置'],
      datasets: data.labels.map((label, i) => ({
        label,
        data: [data.current[i] ?? 0, data.recommended[i] ?? 0],
        backgroundColor: colors[i % colors.length],
      })),
    },
    options: {
      indexAxis: 'y',
      plugins: { legend },
      scales: {
        x: {
          stacked: true,
          max: 100,
          ticks: { font: FONT, callback: (v) => `${v}%` },
          grid: { color: '#E5E7EB' },
        },
        y: { stacked: true, ticks: { font: FONT }, grid: { display: false } },
      },
    },
  };
}

/**
 * A category label short enough for a bar chart's axis: a goal or member name written at length
 * in the profile ("家族成员在海外购置的第二套度假用公寓……") would push the axis off the page. The
 * table beside the chart carries the full name.
 */
export const CATEGORY_LABEL_MAX = 14;
export function categoryLabel(label: string): string {
  const chars = [...label];
  return chars.length <= CATEGORY_LABEL_MAX ? label : `${chars.slice(0, CATEGORY_LABEL_MAX - 1).join('')}…`;
}

/** 目标资金: paid and unpaid parts of each goal (万元, nominal). */
export function goalFundingChart(
  data: { labels: string[]; paid: number[]; short: number[] },
  theme: Theme,
): ChartConfiguration {
  const [c0 = '#1F3A5F'] = palette(theme);
  return {
    type: 'bar',
    data: {
      labels: data.labels.map(categoryLabel),
      datasets: [
        { label: '可支付（万元）', data: data.paid, backgroundColor: c0 },
        { label: '资金缺口（万元）', data: data.short, backgroundColor: theme.colors.poor },
      ],
    },
    options: horizontalBarOptions(true),
  };
}

/** 保障: life and critical-illness cover needed against cover held, per earner (万元). */
export function insuranceChart(
  data: { labels: string[]; need: number[]; existing: number[] },
  theme: Theme,
): ChartConfiguration {
  const [c0 = '#1F3A5F', c1 = '#C8A24A'] = palette(theme);
  return {
    type: 'bar',
    data: {
      labels: data.labels.map(categoryLabel),
      datasets: [
        { label: '建议保额（万元）', data: data.need, backgroundColor: c1 },
        { label: '已有保额（万元）', data: data.existing, backgroundColor: c0 },
      ],
    },
    options: horizontalBarOptions(),
  };
}

/** 教育金积累: the fund built by the monthly saving against what the stage needs at its start (万元). */
export function educationChart(
  data: { labels: string[]; fund: number[]; target: number[] },
  theme: Theme,
): ChartConfiguration {
  const [c0 = '#1F3A5F', c1 = '#C8A24A'] = palette(theme);
  return {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: [
        {
          label: '教育金积累（万元）',
          data: data.fund,
          borderColor: c0,
          backgroundColor: c0,
          borderWidth: 1.6,
          pointRadius: 2,
        },
        {
          label: '入学时所需（万元）',
          data: data.target,
          borderColor: c1,
          backgroundColor: c1,
          borderWidth: 1.4,
          borderDash: [4, 3],
          pointRadius: 0,
        },
      ],
    },
    options: { plugins: { legend }, scales: { x: axisX, y: axisY('万元') } },
  };
}

/** 蒙特卡洛: P10–P90 band and median of the investment pool, today's money (万元). */
export function fanChart(
  data: { labels: string[]; p10: number[]; p50: number[]; p90: number[] },
  theme: Theme,
): ChartConfiguration {
  const [c0 = '#1F3A5F'] = palette(theme);
  return {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: [
        {
          label: '较好情形 P90（万元）',
          data: data.p90,
          borderColor: '#9CB3CF',
          backgroundColor: 'rgba(79,124,172,0.18)',
          borderWidth: 1,
          pointRadius: 0,
          fill: '+2',
        },
        {
          label: '中位数 P50（万元）',
          data: data.p50,
          borderColor: c0,
          backgroundColor: c0,
          borderWidth: 1.8,
          pointRadius: 0,
        },
        {
          label: '较差情形 P10（万元）',
          data: data.p10,
          borderColor: '#9CB3CF',
          backgroundColor: '#9CB3CF',
          borderWidth: 1,
          pointRadius: 0,
        },
      ],
    },
    options: { plugins: { legend }, scales: { x: axisX, y: axisY('万元（今日价值）') } },
  };
}

/** 敏感性: the change in ending wealth (today's money) for each assumption moved (万元). */
export function tornadoChart(data: { label: string; value: number }[], theme: Theme): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: data.map((d) => categoryLabel(d.label)),
      datasets: [
        {
          label: '规划期末净资产变化（今日价值，万元）',
          data: data.map((d) => d.value),
          backgroundColor: data.map((d) => (d.value < 0 ? theme.colors.poor : theme.colors.good)),
        },
      ],
    },
    options: horizontalBarOptions(),
  };
}

/** 房贷余额: outstanding loans at each year end (万元, nominal). */
export function mortgageChart(
  data: { labels: string[]; balance: number[] },
  theme: Theme,
): ChartConfiguration {
  const [c0 = '#1F3A5F'] = palette(theme);
  return {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: [
        {
          label: '贷款余额（名义，万元）',
          data: data.balance,
          borderColor: c0,
          backgroundColor: 'rgba(31,58,95,0.15)',
          fill: true,
          borderWidth: 1.6,
          pointRadius: 0,
        },
      ],
    },
    options: { plugins: { legend }, scales: { x: axisX, y: axisY('万元') } },
  };
}
