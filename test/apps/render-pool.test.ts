/**
 * The render pool runs the one request path on worker threads: the same Plan and the same PDF bytes
 * as in-process, errors crossing the boundary with their code and issues, and a bounded queue.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import { RenderPool, RenderQueueFull } from '../../src/apps/pool/render-pool.js';
import { producePlan } from '../../src/apps/request.js';
import { readSample } from '../helpers/samples.js';

const pool = new RenderPool({ workers: 1, maxQueue: 1 });
afterAll(() => pool.close());

describe('render pool', () => {
  it('gives the Plan and the PDF bytes the in-process request path gives', async () => {
    const profile = readSample('single-parent-chengdu');
    const outcome = await pool.run({ profile, options: { depth: 'summary' } });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const local = await producePlan({ profile, options: { depth: 'summary' } }, loadRenderContext());
    expect(outcome.plan).toEqual(JSON.parse(JSON.stringify(planFromInput(profile))));
    expect(Buffer.from(outcome.pdf!).equals(local.pdf!)).toBe(true);
    expect(outcome.failedChecks).toEqual([]);
  });

  it('returns a bad profile as FINPLAN_E_INVALID_PROFILE with every issue, and a Plan alone when asked', async () => {
    const bad = await pool.run({ profile: { schemaVersion: 1 } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('FINPLAN_E_INVALID_PROFILE');
    expect(bad.error.issues.length).toBeGreaterThan(1);
    expect(bad.error.issues[0]!.message).toMatch(/[\u4e00-\u9fff]/);

    const planOnly = await pool.run({ profile: readSample('retired-couple-shanghai'), pdf: false });
    expect(planOnly.ok && planOnly.pdf).toBe(undefined);
    expect(planOnly.ok && planOnly.plan.tier.code).toBeTruthy();
  });

  it('refuses options that cannot go together before planning', async () => {
    const out = await pool.run({
      profile: readSample('single-parent-chengdu'),
      options: { pdfa: 'PDF/A-2b', protection: { password: 'a-long-enough-pass-1' } },
    });
    expect(!out.ok && out.error.code).toBe('FINPLAN_E_INVALID_OPTIONS');
  });

  it('refuses work beyond its queue with RenderQueueFull instead of growing', async () => {
    const profile = readSample('single-parent-chengdu');
    const runs = [1, 2, 3, 4].map(() => pool.run({ profile, pdf: false }));
    const settled = await Promise.allSettled(runs);
    const refused = settled.filter((s) => s.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RenderQueueFull);
    expect(settled.some((s) => s.status === 'fulfilled')).toBe(true);
  });
});
