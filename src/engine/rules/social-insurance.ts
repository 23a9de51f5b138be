/**
 * Social insurance and housing fund (五险一金), employee side — china-rules.md §2.
 *
 * National rates are dated from 2019-01-01 (the rule set's coverage start; they were in force
 * earlier). City base floors and caps are listed ONLY for the periods china-rules.md gives; no
 * figure is extrapolated. A date outside every listed period has no base (`socialInsuranceBase`
 * returns undefined) unless the caller asks for the carried-forward value, which says so.
 */
import { inForce, inForceOrLatest, type Dated } from './dated.js';

export interface EmployeeRates {
  pension: string;
  medical: string;
  unemployment: string;
}

export const SI_EMPLOYEE_RATES: readonly Dated<EmployeeRates>[] = [
  {
    value: { pension: '0.08', medical: '0.02', unemployment: '0.005' },
    effectiveFrom: '2019-01-01',
    source:
      '国发〔2005〕38号（养老 8% 全部计入个人账户）；国办发〔2019〕13号《降低社会保险费率综合方案》[S12][S13]',
    cite: '国务院办公厅《降低社会保险费率综合方案》（国办发〔2019〕13号），2019年4月',
    certainty: 'high',
    note: '个人缴费：养老 8%、医疗 2%（含生育）、失业 0.5%（部分城市 0.2%–0.5%）；工伤个人不缴。规则集自 2019-01-01 起收录。',
  },
];

export interface RateRange {
  min: string;
  max: string;
}

export const HOUSING_FUND_RATE_RANGE: readonly Dated<RateRange>[] = [
  {
    value: { min: '0.05', max: '0.12' },
    effectiveFrom: '2019-01-01',
    source: '《住房公积金管理条例》；建金管〔2005〕5号 [china-rules §2]',
    certainty: 'high',
    note: '单位与个人缴存比例相同，5%–12%（上海基本公积金 5%–7% 另有补充公积金 1%–5%）。规则集自 2019-01-01 起收录。',
  },
];

/** The statutory clamp of the contribution base as multiples of the provincial average wage. */
export const SI_BASE_RATIO_RANGE: readonly Dated<RateRange>[] = [
  {
    value: { min: '0.6', max: '3' },
    effectiveFrom: '2019-01-01',
    source: '国办发〔2019〕13号（全口径城镇单位就业人员平均工资的 60%–300%）[S13]',
    certainty: 'high',
    note: '缴费基数为上年度月平均工资，低于下限按下限、高于上限按上限。',
  },
];

/** Beijing's 大额医疗互助: 3 元 per month on top of the 2% medical contribution. */
export const BEIJING_MEDICAL_SUPPLEMENT: readonly Dated<string>[] = [
  {
    value: '3',
    effectiveFrom: '2019-01-01',
    source: '北京市医疗保险规定（大额医疗互助资金个人每月 3 元）[S13][S14]',
    certainty: 'medium',
    note: '仅北京；城市细则未逐条复核（china-rules §2 标为 Medium）。',
  },
];

export type CityCode = 'beijing' | 'shanghai' | 'guangdong';

export const CITY_NAMES: Record<CityCode, string> = {
  beijing: '北京',
  shanghai: '上海',
  guangdong: '广东（广州、深圳等，养老按省基数）',
};

export interface SiBase {
  floor: string;
  cap: string;
  /** The housing-fund base cap, when the source says it equals or differs from the SI cap. */
  housingFundCap?: string;
}

export const SI_BASES: Readonly<Record<CityCode, readonly Dated<SiBase>[]>> = {
  beijing: [
    {
      value: { floor: '6821', cap: '35283' },
      effectiveFrom: '2024-07-01',
      effectiveTo: '2025-06-30',
      source: '北京 2024 社保年度缴费基数 [S14][S15]',
      cite: '北京市 2024 年度社会保险缴费基数上下限公告，2024年7月',
      certainty: 'medium',
    },
    {
      value: { floor: '7162', cap: '35811', housingFundCap: '35811' },
      effectiveFrom: '2025-07-01',
      effectiveTo: '2026-06-30',
      source: '北京 2025 社保年度缴费基数（"北京2025社保基数"；公积金上限相同）[S14]',
      cite: '北京市 2025 年度社会保险缴费基数上下限公告，2025年7月',
      certainty: 'medium',
    },
  ],
  shanghai: [
    {
      value: { floor: '7310', cap: '36549' },
      effectiveFrom: '2023-07-01',
      effectiveTo: '2024-06-30',
      source: '上海 2023 社保年度缴费基数 [S15]',
      cite: '上海市 2023 年度社会保险缴费基数上下限公告，2023年7月',
      certainty: 'medium',
    },
    {
      value: { floor: '7384', cap: '36921' },
      effectiveFrom: '2024-07-01',
      effectiveTo: '2025-06-30',
      source: '上海 2024 社保年度缴费基数 [S15]',
      cite: '上海市 2024 年度社会保险缴费基数上下限公告，2024年7月',
      certainty: 'medium',
      note: '2025-26 年度数值未核实，未收录。',
    },
  ],
  guangdong: [
    {
      value: { floor: '4492', cap: '27501' },
      effectiveFrom: '2024-07-01',
      effectiveTo: '2025-06-30',
      source: '广东省 2024-25 养老保险缴费基数（公开计算器数据）[S15]',
      cite: '广东省 2024 年度养老保险缴费基数上下限，2024年7月',
      certainty: 'low',
      note: '约数；起止日期按 7 月–次年 6 月假定；深圳医疗/失业基数与此不同。',
    },
  ],
};

/** The listed base floor/cap in force in a city on a date, or undefined. */
export function socialInsuranceBase(city: CityCode, date: string): Dated<SiBase> | undefined {
  return inForce(SI_BASES[city], date);
}

/**
 * The base in force, or (past the last listed period) the latest one carried forward with a flag.
 * Undefined before the first listed period.
 */
export function socialInsuranceBaseCarried(
  city: CityCode,
  date: string,
): { entry: Dated<SiBase>; carriedForward: boolean } | undefined {
  return inForceOrLatest(SI_BASES[city], date);
}

const CITY_ALIASES: Record<string, CityCode> = {
  北京: 'beijing',
  北京市: 'beijing',
  beijing: 'beijing',
  peking: 'beijing',
  上海: 'shanghai',
  上海市: 'shanghai',
  shanghai: 'shanghai',
  广东: 'guangdong',
  广东省: 'guangdong',
  guangdong: 'guangdong',
  广州: 'guangdong',
  广州市: 'guangdong',
  guangzhou: 'guangdong',
  深圳: 'guangdong',
  深圳市: 'guangdong',
  shenzhen: 'guangdong',
};

/**
 * Map a free-text city name ("北京", "北京市", "Beijing", "深圳") to the city code whose rules we
 * hold; undefined for a city we hold no local figures for.
 */
export function cityCodeOf(name: string): CityCode | undefined {
  const key = name.trim().toLowerCase().replace(/\s+/g, '');
  if (Object.prototype.hasOwnProperty.call(CITY_ALIASES, key)) return CITY_ALIASES[key];
  return undefined;
}
