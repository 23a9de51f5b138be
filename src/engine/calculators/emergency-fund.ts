/**
 * emergency-fund — 紧急备用金 (现金规划). china-rules.md §5 (Medium, textbook usage).
 *
 * Target = months × monthly ESSENTIAL spending, with months in 3–6 for a stable income and 6–12 for
 * an unstable one (or a single `months` given). Liquid assets = cash + demand deposits +
 * money-market funds (+ time deposits only when `includeTimeDeposits`, default false: they can be
 * broken but lose interest). Gap to the minimum = max(0, min target − liquid); status:
 * 'short' below the minimum, 'adequate' within the range, 'excess' above the maximum (idle cash
 * drags on returns). Coverage in months = liquid ÷ monthly essential spending (4 places).
 */
import { z } from 'zod';
import { Dec, ZERO, sum, toMoneyString } from '../../domain/money.js';
import {
  decimalField,
  moneyField,
  numberString,
  resolveRules,
  ruleDateField,
  usedRules,
  type UsedRules,
} from './common.js';

export interface EmergencyFundResult {
  liquid: Dec;
  targetMin: Dec;
  targetMax: Dec;
  gapToMin: Dec;
  gapToMax: Dec;
  excessOverMax: Dec;
  coverageMonths: Dec | undefined;
  status: 'short' | 'adequate' | 'excess';
}

export function emergencyFund(p: {
  monthlyEssential: Dec;
  minMonths: Dec;
  maxMonths: Dec;
  liquid: Dec;
}): EmergencyFundResult {
  const targetMin = p.monthlyEssential.times(p.minMonths);
  const targetMax = p.monthlyEssential.times(p.maxMonths);
  const status = p.liquid.lt(targetMin) ? 'short' : p.liquid.gt(targetMax) ? 'excess' : 'adequate';
  return {
    liquid: p.liquid,
    targetMin,
    targetMax,
    gapToMin: Dec.max(ZERO, targetMin.minus(p.liquid)),
    gapToMax: Dec.max(ZERO, targetMax.minus(p.liquid)),
    excessOverMax: Dec.max(ZERO, p.liquid.minus(targetMax)),
    coverageMonths: p.monthlyEssential.gt(0) ? p.liquid.div(p.monthlyEssential) : undefined,
    status,
  };
}

export const emergencyFundInputSchema = z
  .strictObject({
    monthlyEssentialSpending: moneyField().describe('每月必要支出（元/月）'),
    incomeStable: z.boolean().optional().describe('收入是否稳定（缺省 true）；不稳定时按 6–12 个月'),
    months: decimalField(0, 36).optional().describe('指定备用月数（月，代替 3–6 / 6–12 的区间）'),
    cash: moneyField().optional().describe('现金（元）'),
    demandDeposits: moneyField().optional().describe('活期存款（元）'),
    moneyMarket: moneyField().optional().describe('货币市场基金（元）'),
    timeDeposits: moneyField().optional().describe('定期存款（元）'),
    includeTimeDeposits: z.boolean().optional().describe('定期存款是否计入流动资产（缺省 false）'),
    date: ruleDateField(),
  })
  .describe('紧急备用金测算');

export type EmergencyFundInput = z.input<typeof emergencyFundInputSchema>;

export interface EmergencyFundOutput {
  monthsRange: { min: string; max: string };
  liquidAssets: string;
  liquidComponents: { cash: string; demandDeposits: string; moneyMarket: string; timeDeposits: string };
  targetMin: string;
  targetMax: string;
  gapToMin: string;
  gapToMax: string;
  excessOverMax: string;
  coverageMonths: string | null;
  status: 'short' | 'adequate' | 'excess';
  used: UsedRules & { includeTimeDeposits: boolean; incomeStable: boolean };
}

export function runEmergencyFund(input: z.output<typeof emergencyFundInputSchema>): EmergencyFundOutput {
  const ctx = resolveRules(input.date);
  const rule = ctx.rules.assumptions.emergencyFund;
  const stable = input.incomeStable ?? true;
  const range = stable ? rule.value.stableMonths : rule.value.unstableMonths;
  const minMonths = input.months ?? new Dec(range.min);
  const maxMonths = input.months ?? new Dec(range.max);
  const includeTd = input.includeTimeDeposits ?? rule.value.timeDepositsLiquid;
  const cash = input.cash ?? ZERO;
  const demand = input.demandDeposits ?? ZERO;
  const mm = input.moneyMarket ?? ZERO;
  const td = input.timeDeposits ?? ZERO;
  const liquid = sum([cash, demand, mm, includeTd ? td : ZERO]);
  const r = emergencyFund({ monthlyEssential: input.monthlyEssentialSpending, minMonths, maxMonths, liquid });
  return {
    monthsRange: { min: numberString(minMonths), max: numberString(maxMonths) },
    liquidAssets: toMoneyString(liquid),
    liquidComponents: {
      cash: toMoneyString(cash),
      demandDeposits: toMoneyString(demand),
      moneyMarket: toMoneyString(mm),
      timeDeposits: toMoneyString(includeTd ? td : ZERO),
    },
    targetMin: toMoneyString(r.targetMin),
    targetMax: toMoneyString(r.targetMax),
    gapToMin: toMoneyString(r.gapToMin),
    gapToMax: toMoneyString(r.gapToMax),
    excessOverMax: toMoneyString(r.excessOverMax),
    coverageMonths: r.coverageMonths ? numberString(r.coverageMonths) : null,
    status: r.status,
    used: {
      ...usedRules(ctx, input.months === undefined ? [rule] : []),
      includeTimeDeposits: includeTd,
      incomeStable: stable,
    },
  };
}
