/**
 * tvm — 货币时间价值 (time value of money): FV, PV, PMT, NPER, RATE, growing annuities and the
 * real rate.
 *
 * Sign convention (as Excel / numpy-financial): money paid out is negative, money received is
 * positive, and the five quantities satisfy
 *
 *   pv·(1+r)^n + pmt·(1 + r·w)·((1+r)^n − 1)/r + fv = 0      (r ≠ 0)
 *   pv + pmt·n + fv = 0                                       (r = 0)
 *
 * where r is the rate PER PERIOD (for monthly periods pass annual/12 — the Chinese bank
 * convention), n the number of periods and w = 0 for payments at the end of each period
 * (期末, ordinary annuity, the default) or w = 1 at the beginning (期初, annuity due).
 *
 * Growing annuity (first payment P, growing by g per period, discounted at r, n payments):
 *   PV(期末) = P/(r − g)·[1 − ((1+g)/(1+r))^n],  and exactly n·P/(1+r) when r = g (used when
 *   |r − g| < 1e-20, where the general formula loses all digits; the difference is below 1e-15);
 *   PV(期初) = PV(期末)·(1+r);  FV = PV·(1+r)^n.
 * Real rate: (1 + r)/(1 + i) − 1 (not r − i).
 *
 * RATE is solved by Newton's method from the guess, falling back to bisection on a bracketing
 * interval found on a fixed grid, to |Δr| < 1e-12.
 *
 * Arithmetic is decimal (40 significant digits); nothing is rounded inside. Money outputs are
 * rounded half-up to the fen for display only; rates are given to 10 places and NPER to 4.
 * Source: standard TVM identities (numpy-financial `fv/pv/pmt/nper/rate`; CFP 教材 年金公式).
 */
import { z } from 'zod';
import { Dec, ONE, ZERO, toMoneyString } from '../../domain/money.js';
import {
  conventionOnly,
  decimalField,
  isNegligibleRate,
  noAnswer,
  numberString,
  rateString,
  requireField,
  signedMoneyField,
  type UsedRules,
} from './common.js';

export type Timing = 'end' | 'begin';

function w(timing: Timing): Dec {
  return timing === 'begin' ? ONE : ZERO;
}

/** ((1+r)^n − 1)/r, with its limit n at r = 0. */
function annuityGrowth(rate: Dec, nper: Dec): Dec {
  if (isNegligibleRate(rate)) return nper.plus(nper.times(nper.minus(1)).div(2).times(rate));
  return ONE.plus(rate).pow(nper).minus(1).div(rate);
}

export function fvOf(rate: Dec, nper: Dec, pmt: Dec, pv: Dec, timing: Timing = 'end'): Dec {
  const q = ONE.plus(rate).pow(nper);
  return pv
    .times(q)
    .plus(pmt.times(ONE.plus(rate.times(w(timing)))).times(annuityGrowth(rate, nper)))
    .neg();
}

export function pvOf(rate: Dec, nper: Dec, pmt: Dec, fv: Dec, timing: Timing = 'end'): Dec {
  const q = ONE.plus(rate).pow(nper);
  return fv
    .plus(pmt.times(ONE.plus(rate.times(w(timing)))).times(annuityGrowth(rate, nper)))
    .div(q)
    .neg();
}

/** Level payment per period; undefined when n = 0 or too small to matter (no finite payment). */
export function pmtOf(rate: Dec, nper: Dec, pv: Dec, fv: Dec, timing: Timing = 'end'): Dec | undefined {
  if (nper.isZero()) return undefined;
  const q = ONE.plus(rate).pow(nper);
  const factor = ONE.plus(rate.times(w(timing))).times(annuityGrowth(rate, nper));
  // A vanishing annuity factor (n so small that (1+r)^n = 1 at 40 digits): no finite payment.
  if (factor.isZero()) return undefined;
  return fv.plus(pv.times(q)).div(factor).neg();
}

/** Number of periods; undefined when no (finite, non-negative) solution exists. */
export function nperOf(rate: Dec, pmt: Dec, pv: Dec, fv: Dec, timing: Timing = 'end'): Dec | undefined {
  if (isNegligibleRate(rate)) {
    if (pmt.isZero()) return undefined;
    const n = fv.plus(pv).neg().div(pmt);
    return n.isNegative() ? undefined : n;
  }
  const z0 = pmt.times(ONE.plus(rate.times(w(timing)))).div(rate);
  const num = z0.minus(fv);
  const den = z0.plus(pv);
  if (den.isZero() || num.div(den).lte(0)) return undefined;
  const n = num.div(den).ln().div(ONE.plus(rate).ln());
  return n.isFinite() && !n.isNegative() ? n : undefined;
}

function tvmResidual(rate: Dec, nper: Dec, pmt: Dec, pv: Dec, fv: Dec, timing: Timing): Dec {
  const q = ONE.plus(rate).pow(nper);
  return pv
    .times(q)
    .plus(pmt.times(ONE.plus(rate.times(w(timing)))).times(annuityGrowth(rate, nper)))
    .plus(fv);
}

const RATE_TOLERANCE = new Dec('1e-12');
const RATE_GRID = [
  '-0.99',
  '-0.9',
  '-0.5',
  '-0.2',
  '-0.1',
  '-0.05',
  '-0.02',
  '-0.01',
  '-0.001',
  '0',
  '0.001',
  '0.005',
  '0.01',
  '0.02',
  '0.05',
  '0.1',
  '0.2',
  '0.5',
  '1',
  '2',
  '5',
  '10',
].map((s) => new Dec(s));

/**
 * The rate per period solving the TVM equation; undefined when none is found in (−0.99, 10].
 * Newton from `guess` (default 0.01) with a numerical derivative, then bisection as a fallback.
 */
export function rateOf(
  nper: Dec,
  pmt: Dec,
  pv: Dec,
  fv: Dec,
  timing: Timing = 'end',
  guess: Dec = new Dec('0.01'),
): Dec | undefined {
  if (nper.lte(0)) return undefined;
  const f = (r: Dec) => tvmResidual(r, nper, pmt, pv, fv, timing);
  const scale = Dec.max(pmt.abs().times(nper), pv.abs(), fv.abs(), ONE);
  const small = (r: Dec) => f(r).abs().div(scale).lt('1e-20');
  const lo = RATE_GRID[0] as Dec;
  const hi = RATE_GRID[RATE_GRID.length - 1] as Dec;
  const h = new Dec('1e-9');

  let r = guess;
  for (let i = 0; i < 60; i++) {
    const fr = f(r);
    const d = f(r.plus(h))
      .minus(f(r.minus(h)))
      .div(h.times(2));
    if (d.isZero() || !d.isFinite()) break;
    const next = r.minus(fr.div(d));
    if (!next.isFinite() || next.lte(lo) || next.gt(hi)) break;
    if (next.minus(r).abs().lt(RATE_TOLERANCE)) {
      if (small(next) || f(next).abs().div(scale).lt('1e-12')) return next;
      break;
    }
    r = next;
  }

  // Bisection on the first bracketing pair of the grid.
  for (let k = 0; k + 1 < RATE_GRID.length; k++) {
    let a = RATE_GRID[k] as Dec;
    let b = RATE_GRID[k + 1] as Dec;
    let fa = f(a);
    const fb = f(b);
    if (fa.isZero()) return a;
    if (fb.isZero()) return b;
    if (fa.isNegative() === fb.isNegative()) continue;
    while (b.minus(a).gt(RATE_TOLERANCE)) {
      const m = a.plus(b).div(2);
      const fm = f(m);
      if (fm.isZero()) return m;
      if (fm.isNegative() === fa.isNegative()) {
        a = m;
        fa = fm;
      } else {
        b = m;
      }
    }
    return a.plus(b).div(2);
  }
  return undefined;
}

/** PV of a growing annuity (see the module comment); exact special case r = g. */
export function growingAnnuityPv(
  payment: Dec,
  rate: Dec,
  growth: Dec,
  nper: Dec,
  timing: Timing = 'end',
): Dec {
  let pvEnd: Dec;
  if (isNegligibleRate(rate.minus(growth))) {
    pvEnd = payment.times(nper).div(ONE.plus(rate));
  } else {
    const ratio = ONE.plus(growth).div(ONE.plus(rate));
    pvEnd = payment.div(rate.minus(growth)).times(ONE.minus(ratio.pow(nper)));
  }
  return timing === 'begin' ? pvEnd.times(ONE.plus(rate)) : pvEnd;
}

export function growingAnnuityFv(
  payment: Dec,
  rate: Dec,
  growth: Dec,
  nper: Dec,
  timing: Timing = 'end',
): Dec {
  return growingAnnuityPv(payment, rate, growth, nper, timing).times(ONE.plus(rate).pow(nper));
}

/** Real rate (1 + nominal)/(1 + inflation) − 1. */
export function realRate(nominal: Dec, inflation: Dec): Dec {
  return ONE.plus(nominal).div(ONE.plus(inflation)).minus(1);
}

// ---------------------------------------------------------------------------------------------
// Calculator

const SOLVE = ['fv', 'pv', 'pmt', 'nper', 'rate', 'growingAnnuity', 'realRate'] as const;
const REQUIRED: Record<(typeof SOLVE)[number], readonly string[]> = {
  fv: ['rate', 'nper'],
  pv: ['rate', 'nper'],
  pmt: ['rate', 'nper'],
  nper: ['rate', 'pmt', 'pv'],
  rate: ['nper', 'pmt', 'pv'],
  growingAnnuity: ['payment', 'rate', 'growth', 'nper'],
  realRate: ['rate', 'inflation'],
};

export const tvmInputSchema = z
  .strictObject({
    solve: z
      .enum(SOLVE)
      .describe(
        '求解目标：fv 终值 / pv 现值 / pmt 每期年金 / nper 期数 / rate 每期利率 / growingAnnuity 增长年金 / realRate 实际利率',
      ),
    rate: decimalField(-0.99, 1)
      .optional()
      .describe('每期利率（小数；按月计时为年利率 ÷ 12）；realRate 时为名义利率'),
    nper: decimalField(0, 1200).optional().describe('期数（期，0–1200，可含小数；按月计时为月数）'),
    pmt: signedMoneyField().optional().describe('每期付款（元/期；支出为负、收入为正），缺省 0'),
    pv: signedMoneyField().optional().describe('现值（元；支出为负、收入为正），缺省 0'),
    fv: signedMoneyField().optional().describe('终值（元；支出为负、收入为正），缺省 0'),
    timing: z
      .enum(['end', 'begin'])
      .optional()
      .describe('付款时点：end 期末（普通年金，缺省）/ begin 期初（预付年金）'),
    guess: decimalField(-0.9, 1).optional().describe('求解利率的初始猜测值（每期利率，小数），缺省 0.01'),
    payment: signedMoneyField().optional().describe('增长年金的首期付款（元/期）'),
    growth: decimalField(-0.99, 1).optional().describe('增长年金每期增长率（小数）'),
    inflation: decimalField(-0.5, 1).optional().describe('通货膨胀率（小数），用于实际利率'),
  })
  .superRefine((v, ctx) => {
    for (const key of REQUIRED[v.solve])
      if ((v as Record<string, unknown>)[key] === undefined) requireField(ctx, [key]);
  })
  .describe('货币时间价值计算器');

export type TvmInput = z.input<typeof tvmInputSchema>;

/** Output of the tvm calculator. Money as decimal strings to the fen; rates as strings. */
export interface TvmOutput {
  solve: (typeof SOLVE)[number];
  /** The solved quantity: money (fv/pv/pmt), periods (nper, 4 places) or a rate (10 places). */
  result: string;
  /** Growing annuity only: its present and future value. */
  presentValue?: string;
  futureValue?: string;
  used: UsedRules & {
    rate?: string;
    nper?: string;
    pmt?: string;
    pv?: string;
    fv?: string;
    payment?: string;
    growth?: string;
    inflation?: string;
    timing: Timing;
    signConvention: string;
  };
}

export function runTvm(input: z.output<typeof tvmInputSchema>): TvmOutput {
  const timing: Timing = input.timing ?? 'end';
  const rate = input.rate ?? ZERO;
  const nper = input.nper ?? ZERO;
  const pmt = input.pmt ?? ZERO;
  const pv = input.pv ?? ZERO;
  const fv = input.fv ?? ZERO;
  const used: TvmOutput['used'] = {
    ...conventionOnly(['货币时间价值恒等式（numpy-financial / Excel 符号约定；CFP 教材年金公式）']),
    timing,
    signConvention: '支出为负、收入为正；pv·(1+r)^n + pmt·(1+r·w)·((1+r)^n−1)/r + fv = 0，w 期末 0、期初 1',
  };
  const echo = (key: 'rate' | 'nper' | 'pmt' | 'pv' | 'fv' | 'payment' | 'growth' | 'inflation') => {
    const v = input[key];
    if (v !== undefined)
      used[key] = key === 'rate' || key === 'growth' || key === 'inflation' ? rateString(v) : v.toString();
  };
  switch (input.solve) {
    case 'fv':
      ['rate', 'nper', 'pmt', 'pv'].forEach((k) => echo(k as 'rate'));
      return { solve: 'fv', result: toMoneyString(fvOf(rate, nper, pmt, pv, timing)), used };
    case 'pv':
      ['rate', 'nper', 'pmt', 'fv'].forEach((k) => echo(k as 'rate'));
      return { solve: 'pv', result: toMoneyString(pvOf(rate, nper, pmt, fv, timing)), used };
    case 'pmt': {
      ['rate', 'nper', 'pv', 'fv'].forEach((k) => echo(k as 'rate'));
      const p = pmtOf(rate, nper, pv, fv, timing);
      if (!p) throw noAnswer('nper', '期数为 0 时无法求每期付款，期数应大于 0');
      return { solve: 'pmt', result: toMoneyString(p), used };
    }
    case 'nper': {
      ['rate', 'pmt', 'pv', 'fv'].forEach((k) => echo(k as 'rate'));
      const n = nperOf(rate, pmt, pv, fv, timing);
      if (!n) throw noAnswer('pmt', '在给定利率、付款与现值终值下不存在非负期数解（检查正负号）');
      return { solve: 'nper', result: numberString(n, 4), used };
    }
    case 'rate': {
      ['nper', 'pmt', 'pv', 'fv'].forEach((k) => echo(k as 'rate'));
      const r = rateOf(nper, pmt, pv, fv, timing, input.guess);
      if (!r) throw noAnswer('pv', '在 −99% 到 1000% 之间找不到满足现金流的每期利率（检查正负号）');
      return { solve: 'rate', result: rateString(r), used };
    }
    case 'growingAnnuity': {
      ['payment', 'rate', 'growth', 'nper'].forEach((k) => echo(k as 'rate'));
      const payment = input.payment ?? ZERO;
      const growth = input.growth ?? ZERO;
      const pvA = growingAnnuityPv(payment, rate, growth, nper, timing);
      const fvA = growingAnnuityFv(payment, rate, growth, nper, timing);
      return {
        solve: 'growingAnnuity',
        result: toMoneyString(pvA),
        presentValue: toMoneyString(pvA),
        futureValue: toMoneyString(fvA),
        used,
      };
    }
    case 'realRate': {
      echo('rate');
      echo('inflation');
      return { solve: 'realRate', result: rateString(realRate(rate, input.inflation ?? ZERO)), used };
    }
  }
}
