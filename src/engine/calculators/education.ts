/**
 * education — 子女教育金: the fund one child needs for one or more stages.
 *
 * For a stage starting in t whole years (t ≥ 0) and lasting d school years, with today's annual
 * cost K (a preset by stage and location unless given), cost growth g and investment return r:
 * - nominal cost of school year j (j = 0 … d−1), paid at the START of that school year:
 *     cost_j = K × (1 + g)^(t + j)
 * - lump sum today: PV = Σ_j cost_j / (1 + r)^(t + j)   (annual compounding)
 * - need at the stage start: F = Σ_j cost_j / (1 + r)^j (what remains invested keeps earning r),
 *   less the existing fund grown to then, E × (1 + r)^t (only in the first listed stage, E counted once)
 * - level monthly saving until the stage starts, END of month, monthly rate i = r / 12:
 *     S = F_net × i / ((1 + i)^(12t) − 1)   (F_net / (12t) at r = 0); none when t = 0.
 *   Because the saving compounds monthly at r/12, its present value is slightly below the lump sum
 *   (effective annual (1 + r/12)^12 − 1 > r): the two methods are each exact under their own
 *   convention and are not meant to be equal.
 * - level year-end (annual) saving until the stage starts, annual compounding at r:
 *     S_y = F_net × r / ((1 + r)^t − 1)   (F_net / t at r = 0); none when t = 0.
 * Plain total-cost mode: a stage needs no `stage` or `location` when its cost is given — either
 * `annualCost` with `years`, or `totalCost` (today's price of the whole stage, paid at its start,
 * i.e. one school year of that cost); growth then defaults to the domestic assumption unless the
 * location is abroad or `growth` is given.
 * Presets (china-rules §7.1, Low–Medium): see EDUCATION_PRESETS; growth 3.5% domestic, 5% abroad;
 * r defaults to the C2 model return 2.9% (Low). Outputs to the fen, half-up.
 */
import { z } from 'zod';
import { Dec, ONE, ZERO, sum, toMoneyString } from '../../domain/money.js';
import type { EducationLocation, EducationStage } from '../rules/assumptions.js';
import {
  conflictingFields,
  decimalField,
  intField,
  moneyField,
  noAnswer,
  rateString,
  resolveRules,
  requireField,
  ruleDateField,
  usedRules,
  type UsedRules,
} from './common.js';
import { annualSavingFor, monthlySavingFor } from './savings.js';

export interface EducationStageInput {
  annualCost: Dec;
  years: number;
  startInYears: number;
  growth: Dec;
}

export interface EducationStageResult {
  costs: Dec[];
  totalNominal: Dec;
  lumpSumToday: Dec;
  needAtStart: Dec;
}

export function educationStageNeed(s: EducationStageInput, rate: Dec): EducationStageResult {
  const costs: Dec[] = [];
  let pv = ZERO;
  let atStart = ZERO;
  for (let j = 0; j < s.years; j++) {
    const c = s.annualCost.times(ONE.plus(s.growth).pow(s.startInYears + j));
    costs.push(c);
    pv = pv.plus(c.div(ONE.plus(rate).pow(s.startInYears + j)));
    atStart = atStart.plus(c.div(ONE.plus(rate).pow(j)));
  }
  return { costs, totalNominal: sum(costs), lumpSumToday: pv, needAtStart: atStart };
}

// The level-saving formulas live in savings.ts; re-exported here for the planning modules.
export { monthlySavingFor };

// ---------------------------------------------------------------------------------------------
// Calculator

const STAGES = ['preschool', 'primary', 'junior', 'senior', 'undergraduate', 'graduate'] as const;
const LOCATIONS = ['domestic', 'abroad_us', 'abroad_uk', 'abroad_au_ca', 'abroad_hk', 'abroad_jp'] as const;

export const educationInputSchema = z
  .strictObject({
    stages: z
      .array(
        z.strictObject({
          stage: z
            .enum(STAGES)
            .optional()
            .describe(
              '教育阶段（用于费用预设）：preschool 学前 / primary 小学 / junior 初中 / senior 高中 / undergraduate 本科 / graduate 研究生；已填写费用时可省略',
            ),
          location: z
            .enum(LOCATIONS)
            .optional()
            .describe(
              '就读地（用于费用预设与增长率）：domestic 国内 / abroad_us 美国 / abroad_uk 英国 / abroad_au_ca 澳加 / abroad_hk 香港 / abroad_jp 日本；已填写费用时可省略（按国内增长率）',
            ),
          startInYears: intField(0, 40).describe('距该阶段开始的整年数（年；0 表示今年开始）'),
          annualCost: moneyField().optional().describe('每年费用（元/年，今日价格）；缺省按教育费用预设'),
          years: intField(1, 10).optional().describe('该阶段年数（年）；缺省按预设'),
          totalCost: moneyField()
            .optional()
            .describe('该阶段总费用（元，今日价格，于阶段开始时一次支付）；代替 annualCost 与 years'),
          growth: decimalField(-0.1, 0.3)
            .optional()
            .describe('费用年增长率（小数，如 0.035）；缺省国内 3.5%、海外 5%'),
        }),
      )
      .min(1)
      .max(8)
      .describe('教育阶段列表'),
    investmentReturn: decimalField(-0.1, 0.3)
      .optional()
      .describe('教育金投资年收益率（年利率小数，如 0.029）；缺省 2.9%（C2 稳健组合）'),
    existingFund: moneyField().optional().describe('已为该子女准备的教育金（元），缺省 0'),
    date: ruleDateField(),
  })
  .superRefine((v, ctx) => {
    v.stages.forEach((s, k) => {
      const costGiven = s.totalCost !== undefined || (s.annualCost !== undefined && s.years !== undefined);
      if (costGiven) return;
      if (s.stage === undefined) requireField(ctx, ['stages', k, 'stage']);
      if (s.location === undefined) requireField(ctx, ['stages', k, 'location']);
    });
  })
  .describe('子女教育金测算');

export type EducationInput = z.input<typeof educationInputSchema>;

export interface EducationOutput {
  stages: {
    /** null when not given (plain total-cost mode). */
    stage: EducationStage | null;
    location: EducationLocation | null;
    startInYears: number;
    years: number;
    annualCostToday: string;
    costSource: 'input' | 'preset';
    growth: string;
    costsByYear: { yearFromNow: number; cost: string }[];
    totalNominal: string;
    lumpSumToday: string;
    needAtStart: string;
    /** Need at the start less the existing fund grown to then (first stage only). */
    netNeedAtStart: string;
    /** Level end-of-month saving until the stage starts; null when it starts this year. */
    monthlySaving: string | null;
    /** Level year-end saving until the stage starts (annual compounding); null when it starts this year. */
    annualSaving: string | null;
  }[];
  total: { totalNominal: string; lumpSumToday: string; lumpSumTodayNet: string };
  warnings: string[];
  used: UsedRules & { investmentReturn: string; timing: string; monthlyRate: 'annual/12' };
}

export function runEducation(input: z.output<typeof educationInputSchema>): EducationOutput {
  const ctx = resolveRules(input.date);
  const a = ctx.rules.assumptions;
  const rate = input.investmentReturn ?? new Dec(a.educationFundReturn.value);
  const sources: Parameters<typeof usedRules>[1][number][] = [];
  if (input.investmentReturn === undefined) sources.push(a.educationFundReturn);
  const warnings: string[] = [];
  let existing = input.existingFund ?? ZERO;
  const stages = input.stages.map((s, index) => {
    if (s.totalCost !== undefined && s.annualCost !== undefined)
      throw conflictingFields(`stages[${index}].totalCost`, `stages[${index}].annualCost`);
    if (s.totalCost !== undefined && s.years !== undefined)
      throw conflictingFields(`stages[${index}].totalCost`, `stages[${index}].years`);
    const preset =
      s.stage !== undefined && s.location !== undefined
        ? a.educationPresets.value[s.location][s.stage]
        : undefined;
    if (s.totalCost === undefined && (s.annualCost === undefined || s.years === undefined)) {
      if (!preset)
        throw noAnswer(`stages[${index}].annualCost`, '该阶段与就读地没有费用预设，请填写每年费用与年数');
      sources.push(a.educationPresets);
    }
    const annualCost = s.totalCost ?? s.annualCost ?? new Dec(preset?.annualCost ?? 0);
    const years = s.totalCost !== undefined ? 1 : (s.years ?? preset?.years ?? 1);
    const growthAssumption =
      s.location === undefined || s.location === 'domestic'
        ? a.educationInflationDomestic
        : a.educationInflationAbroad;
    const growth = s.growth ?? new Dec(growthAssumption.value);
    if (s.growth === undefined) sources.push(growthAssumption);
    const r = educationStageNeed({ annualCost, years, startInYears: s.startInYears, growth }, rate);
    const grownExisting = existing.times(ONE.plus(rate).pow(s.startInYears));
    const net = Dec.max(ZERO, r.needAtStart.minus(grownExisting));
    // The existing fund is counted once: against the first stage, any excess carries to the next.
    const excess = grownExisting.minus(r.needAtStart);
    existing = excess.gt(0) ? excess.div(ONE.plus(rate).pow(s.startInYears)) : ZERO;
    const saving = monthlySavingFor(net, rate, s.startInYears * 12);
    const annualSaving = annualSavingFor(net, rate, s.startInYears);
    return {
      stage: s.stage ?? null,
      location: s.location ?? null,
      startInYears: s.startInYears,
      years,
      annualCostToday: toMoneyString(annualCost),
      costSource:
        s.totalCost === undefined && s.annualCost === undefined ? ('preset' as const) : ('input' as const),
      growth: rateString(growth),
      costsByYear: r.costs.map((c, j) => ({ yearFromNow: s.startInYears + j, cost: toMoneyString(c) })),
      totalNominal: toMoneyString(r.totalNominal),
      lumpSumToday: toMoneyString(r.lumpSumToday),
      needAtStart: toMoneyString(r.needAtStart),
      netNeedAtStart: toMoneyString(net),
      monthlySaving: saving ? toMoneyString(saving) : null,
      annualSaving: annualSaving ? toMoneyString(annualSaving) : null,
      _pv: r.lumpSumToday,
      _nominal: r.totalNominal,
    };
  });
  const lump = sum(stages.map((s) => s._pv));
  return {
    stages: stages.map(({ _pv: _p, _nominal: _n, ...rest }) => rest),
    total: {
      totalNominal: toMoneyString(sum(stages.map((s) => s._nominal))),
      lumpSumToday: toMoneyString(lump),
      lumpSumTodayNet: toMoneyString(Dec.max(ZERO, lump.minus(input.existingFund ?? ZERO))),
    },
    warnings,
    used: {
      ...usedRules(ctx, sources),
      investmentReturn: rateString(rate),
      timing: '各学年费用在学年初支付；月储蓄在月末存入（按月复利）；年储蓄在年末存入（按年复利）',
      monthlyRate: 'annual/12',
    },
  };
}
