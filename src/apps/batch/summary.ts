/**
 * The batch's summary, from the rows' digests alone: counts by status and tier, how the guests'
 * plans stand, the findings and actions most guests share (what the salon should talk about), and
 * the guests a planner should talk to first, by id. It never names a guest.
 */
import { Decimal } from 'decimal.js';
import { NEED_TOPICS } from '../../report/organiser/organiser.js';
import type { HouseholdDigest } from './digest.js';
import type { JournalEntry, RowStatus } from './household.js';
import type { BatchProgress } from './run.js';

export interface CodeCount {
  code: string;
  households: number;
  /** Share of the planned households, a decimal string. */
  share: string;
}

export interface PriorityGuest {
  id: string;
  tier: HouseholdDigest['tier'];
  reason: 'protection_gap' | 'retirement_gap' | 'money_runs_out' | 'low_liquidity';
  /** The amount behind the reason, 元 (months for low_liquidity). */
  amount: string;
}

export interface BatchSummary {
  batchId: string;
  /** The latest report date of the plans (the organiser's brief is dated with it); null if none. */
  reportDate: string | null;
  complete: boolean;
  counts: Record<RowStatus, number> & { total: number; resumed: number };
  byTier: Record<string, number>;
  household: Record<HouseholdDigest['household'], number>;
  protection: Record<HouseholdDigest['protection'], number>;
  retirement: Record<HouseholdDigest['retirement'], number>;
  /** Median Monte Carlo success rate of the planned households. */
  medianSuccessRate: string | null;
  /** The needs most guests share (problem findings and actions), what the salon should talk about. */
  topNeeds: CodeCount[];
  /** Guests to talk to first: the largest gaps, by id. */
  priorityGuests: PriorityGuest[];
  /** Households whose plan failed a self-check (a finplan bug to report), by id. */
  failedChecks: Array<{ id: string; checks: string[] }>;
  /** Time per planned household in its worker, milliseconds: median and 95th percentile. */
  renderMs: { median: number | null; p95: number | null };
}

const TOP = 10;
const PRIORITY_GUESTS = 20;
/** Below this many months of essential outflows a guest's liquidity is a reason to call first. */
const LOW_LIQUIDITY_MONTHS = 3;

function tally<K extends string>(keys: readonly K[], values: K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function topCodes(lists: string[][], planned: number): CodeCount[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const code of list) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP)
    .map(([code, households]) => ({
      code,
      households,
      share: new Decimal(households).div(planned).toDecimalPlaces(4).toString(),
    }));
}

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function summariseBatch(
  batchId: string,
  entries: JournalEntry[],
  progress: BatchProgress,
): BatchSummary {
  const planned = entries.filter((e): e is JournalEntry & { digest: HouseholdDigest } => e.digest !== null);
  const digests = planned.map((e) => e.digest);
  const n = Math.max(1, digests.length);

  const candidates: PriorityGuest[] = [];
  for (const { id, digest } of planned) {
    if (digest.household === 'money_runs_out')
      candidates.push({ id, tier: digest.tier, reason: 'money_runs_out', amount: digest.retirementGap });
    else if (new Decimal(digest.protectionGap).gt(0))
      candidates.push({ id, tier: digest.tier, reason: 'protection_gap', amount: digest.protectionGap });
    else if (new Decimal(digest.retirementGap).gt(0))
      candidates.push({ id, tier: digest.tier, reason: 'retirement_gap', amount: digest.retirementGap });
    else if (digest.liquidityMonths !== null && new Decimal(digest.liquidityMonths).lt(LOW_LIQUIDITY_MONTHS))
      candidates.push({ id, tier: digest.tier, reason: 'low_liquidity', amount: digest.liquidityMonths });
  }
  const rank = { money_runs_out: 0, protection_gap: 1, retirement_gap: 2, low_liquidity: 3 } as const;
  candidates.sort(
    (a, b) =>
      rank[a.reason] - rank[b.reason] ||
      (a.reason === 'low_liquidity'
        ? new Decimal(a.amount).cmp(b.amount)
        : new Decimal(b.amount).cmp(a.amount)) ||
      a.id.localeCompare(b.id),
  );

  const rates = digests.map((d) => new Decimal(d.successRate)).sort((a, b) => a.cmp(b));
  const ms = planned.map((e) => e.ms ?? 0).sort((a, b) => a - b);
  return {
    batchId,
    reportDate:
      digests
        .map((d) => d.reportDate)
        .sort()
        .at(-1) ?? null,
    complete: progress.done === progress.total,
    counts: {
      total: progress.total,
      ok: progress.ok,
      invalid: progress.invalid,
      failed: progress.failed,
      resumed: progress.resumed,
    },
    byTier: tally(
      ['T0', 'T1', 'T2', 'T3', 'T4'],
      digests.map((d) => d.tier),
    ),
    household: tally(
      ['on_track', 'goals_short', 'money_runs_out'],
      digests.map((d) => d.household),
    ),
    protection: tally(
      ['adequate', 'basic_missing', 'major_gap'],
      digests.map((d) => d.protection),
    ),
    retirement: tally(
      ['on_track', 'gap', 'money_runs_out'],
      digests.map((d) => d.retirement),
    ),
    medianSuccessRate: rates.length ? rates[Math.floor((rates.length - 1) / 2)]!.toString() : null,
    topNeeds: topCodes(
      digests.map((d) => [...new Set([...d.findings, ...d.actions])].filter((c) => c in NEED_TOPICS)),
      n,
    ),
    priorityGuests: candidates.slice(0, PRIORITY_GUESTS),
    failedChecks: planned
      .filter((e) => e.digest.failedChecks.length)
      .map((e) => ({ id: e.id, checks: e.digest.failedChecks })),
    renderMs: { median: percentile(ms, 0.5), p95: percentile(ms, 0.95) },
  };
}
