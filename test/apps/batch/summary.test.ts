/**
 * The batch summary and the organiser's brief, from digests built by hand: counts, the needs most
 * guests share, the guests to talk to first in the documented order, and no name anywhere.
 */
import { describe, expect, it } from 'vitest';
import { loadRenderContext } from '../../../src/apps/assets.js';
import type { HouseholdDigest } from '../../../src/apps/batch/digest.js';
import type { JournalEntry } from '../../../src/apps/batch/household.js';
import { summariseBatch } from '../../../src/apps/batch/summary.js';
import { composeOrganiser } from '../../../src/report/organiser/organiser.js';
import { pdfToText } from '../../helpers/pdf.js';

function digest(over: Partial<HouseholdDigest>): HouseholdDigest {
  return {
    reportDate: '2026-11-15',
    tier: 'T2',
    household: 'on_track',
    successRate: '0.9',
    protection: 'adequate',
    protectionGap: '0.00',
    retirement: 'on_track',
    retirementGap: '-100000.00',
    liquidityMonths: '6.00',
    shortGoals: 0,
    findings: ['MC_SUCCESS'],
    actions: ['ANNUAL_REVIEW'],
    failedChecks: [],
    ...over,
  };
}

function entry(id: string, row: number, d: HouseholdDigest | null): JournalEntry {
  return {
    row,
    id,
    status: d ? 'ok' : 'invalid',
    file: d ? `plans/${id}.pdf` : null,
    sha256: null,
    inputHash: null,
    ms: d ? 100 + row : null,
    digest: d,
    error: d ? null : { code: 'FINPLAN_E_INVALID_PROFILE', message: 'x', issues: [] },
  };
}

const entries = [
  entry(
    'a1',
    2,
    digest({
      protection: 'major_gap',
      protectionGap: '500000.00',
      findings: ['COVER_GAP'],
      actions: ['INSURE_LIFE'],
    }),
  ),
  entry(
    'a2',
    3,
    digest({
      protection: 'major_gap',
      protectionGap: '1500000.00',
      findings: ['COVER_GAP'],
      actions: ['INSURE_LIFE'],
    }),
  ),
  entry(
    'a3',
    4,
    digest({
      household: 'money_runs_out',
      retirement: 'money_runs_out',
      retirementGap: '300000.00',
      successRate: '0.2',
      reportDate: '2026-12-01',
    }),
  ),
  entry(
    'a4',
    5,
    digest({ tier: 'T4', retirement: 'gap', retirementGap: '800000.00', actions: ['RETIREMENT_SAVING'] }),
  ),
  entry('a5', 6, digest({ tier: 'T0', liquidityMonths: '1.50', findings: ['EMERGENCY_FUND_SHORT'] })),
  entry('bad', 7, null),
];
const progress = { total: 6, done: 6, ok: 5, invalid: 1, failed: 0, resumed: 0 };

describe('batch summary', () => {
  const summary = summariseBatch('abc123', entries, progress);

  it('counts statuses and tiers, and dates itself with the latest plan', () => {
    expect(summary.counts).toEqual({ total: 6, ok: 5, invalid: 1, failed: 0, resumed: 0 });
    expect(summary.byTier).toEqual({ T0: 1, T1: 0, T2: 3, T3: 0, T4: 1 });
    expect(summary.protection).toEqual({ adequate: 3, basic_missing: 0, major_gap: 2 });
    expect(summary.medianSuccessRate).toBe('0.9');
    expect(summary.reportDate).toBe('2026-12-01');
  });

  it('lists needs (not the findings every plan carries) by how many guests share them', () => {
    expect(summary.topNeeds.map((n) => [n.code, n.households, n.share])).toEqual([
      ['COVER_GAP', 2, '0.4'],
      ['INSURE_LIFE', 2, '0.4'],
      ['EMERGENCY_FUND_SHORT', 1, '0.2'],
      ['RETIREMENT_SAVING', 1, '0.2'],
    ]);
  });

  it('puts money running out first, then the largest protection and retirement gaps, then low liquidity', () => {
    expect(summary.priorityGuests.map((g) => [g.id, g.reason])).toEqual([
      ['a3', 'money_runs_out'],
      ['a2', 'protection_gap'],
      ['a1', 'protection_gap'],
      ['a4', 'retirement_gap'],
      ['a5', 'low_liquidity'],
    ]);
  });

  it('renders the organiser brief with the topics and the guests by id', async () => {
    const pdf = await composeOrganiser(
      summary,
      { date: summary.reportDate!, event: { name: '春季理财沙龙', date: '2027-03-20' } },
      loadRenderContext(),
    );
    const text = (await pdfToText(pdf)).replace(/\s+/g, '');
    expect(text).toContain('春季理财沙龙·嘉宾规划汇总');
    expect(text).toContain('定期寿险：房贷与子女教育期间的家庭责任');
    expect(text).toContain('a2理财客户寿险与重疾保障缺口150万元');
    expect(text).toContain('150万元');
    expect(text).toContain('1.5个月');
  });
});
