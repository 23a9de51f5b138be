/**
 * The parameters of the named stress tests and candidate changes, as dated data with reasons.
 * They are scenario definitions (what we choose to test), not rules; the report prints them.
 */
import type { Dated } from '../rules/dated.js';

const FROM = '2026-01-01';
function choice<T>(
  value: T,
  note: string,
  source = 'finplan 压力测试设定（report-outline §11；issue "What if"）',
): Dated<T> {
  return { value, effectiveFrom: FROM, source, certainty: 'low', note };
}

export const STRESS_ASSUMPTIONS = {
  marketFall: choice('-0.3', '股票类资产在退休前一年下跌 30%（2008、2015 年 A 股单年跌幅均超过 30%）。'),
  recoveryYears: choice(3, '随后三年匀速回升至下跌前的水平（期间不计额外增长）。'),
  incomeLossMonths: choice(12, '家庭主要收入者失去工资、奖金与经营收入 12 个月。'),
  criticalIllnessTreatment: choice(
    '300000',
    '重大疾病治疗与康复自付费用 30 万元（今日价格），未扣除医疗险报销。',
  ),
  illnessReducedYears: choice(3, '患病后三年收入下降。'),
  illnessIncomeFactor: choice('0.5', '三年内劳动收入按原来的 50% 计。'),
  careCostAnnual: choice(
    '60000',
    '失能后的长期护理费用每年 6 万元（今日价格，城市居家护工月费约 5,000 元的量级），随通胀增长。',
  ),
  careYears: choice(10, '护理费用持续 10 年（规划期内）；失能者的劳动收入停止。'),
  longevityAge: choice(95, '已退休家庭：夫妻活到 95 岁，检验资金能否支撑更长的退休生活。'),
  lprRise: choice('0.015', '5 年期以上 LPR 上升 1.5 个百分点，浮动利率贷款自次年 1 月起重新定价。'),
  highInflation: choice('0.05', '通货膨胀率 5%，持续 5 年，之后回到基本假设。'),
  highInflationYears: choice(5, '高通胀持续年数。'),
  saveMoreDiscretionaryCut: choice('0.2', '"多储蓄"：可选支出（旅行、娱乐、服饰等）减少 20%。'),
  spendLessCut: choice('0.1', '"少支出"：全部生活支出减少 10%。'),
  retireLaterMonths: choice(24, '"晚退休"：在法定退休年龄基础上弹性延迟 2 年（上限 3 年）。'),
} as const;
