/**
 * /v1/batches through a real socket: a small salon sheet (seven good households, one bad) uploaded,
 * run on the server's pool, polled to completion, and every file fetched; idempotent re-posts,
 * scopes, owners, traversal ids, the upload limit and a config with a password.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSample } from '../../helpers/samples.js';
import { bearer, json, startTestServer, type Json, type TestServer } from './helpers.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
// The header and the first eight households (SL00001–SL00008; SL00008's 城市 is empty, row 13).
const CSV =
  readFileSync(join(ROOT, 'samples/batch/salon-200.csv'), 'utf8').split('\n').slice(0, 13).join('\n') + '\n';
const CONFIG = {
  valuationMonth: '2026-11',
  depthByTier: { T0: 'summary', T1: 'summary', T2: 'summary', T3: 'summary', T4: 'summary' },
  event: { name: '测试沙龙', date: '2026-12-06' },
};

let t: TestServer;
let batchesDir: string;
let key: string;
let otherKey: string;
let planKey: string;

// The tests poll progress as a portal would, more often: the branch keys' limit is raised so a slow
// (loaded) machine does not turn a poll into a 429.
beforeAll(async () => {
  batchesDir = mkdtempSync(join(tmpdir(), 'finplan-batches-test-'));
  t = await startTestServer({ batchesDir, batchUploadLimitBytes: 64 * 1024 });
  key = t.addKey('branch', { scopes: ['batches'], rateLimitPerMinute: 10_000 }).key;
  otherKey = t.addKey('other-branch', { scopes: ['batches'] }).key;
  planKey = t.addKey('portal', { scopes: ['plans', 'calculators'] }).key;
});
afterAll(async () => {
  await t.close();
  rmSync(batchesDir, { recursive: true, force: true });
});

function upload(k: string, csv: string = CSV, config: unknown = CONFIG): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'salon.csv');
  if (config !== undefined) form.set('config', JSON.stringify(config));
  return fetch(`${t.url}/v1/batches`, { method: 'POST', headers: bearer(k), body: form });
}

const get = (path: string, k = key) => fetch(`${t.url}${path}`, { headers: bearer(k) });

async function untilSettled(id: string): Promise<Json> {
  for (let i = 0; i < 300; i++) {
    const view = await json(await get(`/v1/batches/${id}`));
    if (view.status !== 'running') return view;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('batch did not finish');
}

/** A request whose path goes out exactly as written (fetch would resolve the dots). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: bearer(key) }, (res) => {
      let body = '';
      res.on('data', (c) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('POST /v1/batches and its files', () => {
  let batchId: string;

  it('accepts a CSV upload with 202 and runs it to completion', async () => {
    const r = await upload(key);
    expect(r.status).toBe(202);
    const body = await json(r);
    expect(body.batchId).toMatch(/^[0-9a-f]{16}$/);
    expect(body.status).toBe('running');
    batchId = body.batchId;
    expect(body.links).toEqual({
      self: `/v1/batches/${batchId}`,
      manifest: `/v1/batches/${batchId}/manifest`,
      summary: `/v1/batches/${batchId}/summary`,
      errors: `/v1/batches/${batchId}/errors`,
      organiser: `/v1/batches/${batchId}/organiser`,
    });
    // While the batch holds its share of the pool, a plan is still answered (not 503, not starved).
    const started = performance.now();
    const plan = await fetch(`${t.url}/v1/plans`, {
      method: 'POST',
      headers: bearer(planKey, { 'content-type': 'application/json', accept: 'application/json' }),
      body: JSON.stringify({ profile: readSample('single-parent-chengdu') }),
    });
    expect(plan.status).toBe(200);
    expect((await json(await get(`/v1/batches/${batchId}`))).status).toBe('running');
    expect(performance.now() - started).toBeLessThan(10_000);
    const done = await untilSettled(batchId);
    expect(done.status).toBe('complete');
    expect(done.counts).toMatchObject({ total: 8, done: 8, ok: 7, invalid: 1, failed: 0 });
  }, 120_000);

  it('serves the manifest, errors.csv, summary, organiser.pdf and each PDF', async () => {
    const manifest = await json(await get(`/v1/batches/${batchId}/manifest`));
    expect(manifest.batchId).toBe(batchId);
    expect(manifest.complete).toBe(true);
    const rows = manifest.rows as Json[];
    expect(rows.map((r) => r.id).sort()).toEqual(
      ['SL00001', 'SL00002', 'SL00003', 'SL00004', 'SL00005', 'SL00006', 'SL00007', 'SL00008'].sort(),
    );
    expect(rows.find((r) => r.id === 'SL00008')!.status).toBe('invalid');
    expect(rows.filter((r) => r.status === 'ok')).toHaveLength(7);

    const errors = await get(`/v1/batches/${batchId}/errors`);
    expect(errors.status).toBe(200);
    expect(errors.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await errors.text();
    expect(csv).toContain('SL00008');
    expect(csv).toContain('城市');
    expect(csv).not.toContain('SL00001');

    const summary = await get(`/v1/batches/${batchId}/summary`);
    expect(summary.status).toBe(200);
    expect((await json(summary)).batchId).toBe(batchId);

    for (const path of [`/v1/batches/${batchId}/organiser`, `/v1/batches/${batchId}/plans/SL00001`]) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await r.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    const bad = await get(`/v1/batches/${batchId}/plans/SL00008`);
    expect(bad.status).toBe(404);
    expect((await json(bad)).code).toBe('FINPLAN_E_NOT_FOUND');
  });

  it('answers the same upload with the same batch, and another config with another', async () => {
    const again = await upload(key);
    expect(again.status).toBe(200);
    const body = await json(again);
    expect(body.batchId).toBe(batchId);
    expect(body.status).toBe('complete');
    const raw = await fetch(`${t.url}/v1/batches`, {
      method: 'POST',
      headers: bearer(key, { 'content-type': 'text/csv' }),
      body: CSV,
    });
    // The raw body has no config, so it is a different batch of the same file.
    expect([200, 202]).toContain(raw.status);
    expect((await json(raw)).batchId).not.toBe(batchId);
  });

  it('shows a batch only to the key that made it', async () => {
    for (const path of [
      `/v1/batches/${batchId}`,
      `/v1/batches/${batchId}/manifest`,
      `/v1/batches/${batchId}/plans/SL00001`,
    ]) {
      const r = await get(path, otherKey);
      expect(r.status, path).toBe(404);
      expect((await json(r)).code).toBe('FINPLAN_E_NOT_FOUND');
    }
  });

  it('refuses ids that are not ids, in every spelling of a path traversal', async () => {
    for (const path of [
      `/v1/batches/..%2F..%2Fetc/manifest`,
      `/v1/batches/..%252F..%252Fetc`,
      `/v1/batches/${batchId}/plans/..%2F..%2Fbatch.json`,
      `/v1/batches/${batchId}/plans/%2E%2E`,
      `/v1/batches/${batchId}/plans/..`,
      `/v1/batches/../../etc/passwd`,
      `/v1/batches/${batchId}/plans/../../../batch.json`,
      `/v1/batches/${batchId}/plans/..%5C..%5Cbatch.json`,
    ]) {
      const r = await rawGet(path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain('owner');
      expect(r.body, path).not.toContain('root:');
    }
  });
});

describe('XLSX as the raw body', () => {
  it('is read with its text cells and answered like a CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('沙龙');
    // Every cell as text (客户号 stays text); the header's BOM is not part of an XLSX.
    for (const line of CSV.replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n'))
      sheet.addRow(line.split(','));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const r = await fetch(`${t.url}/v1/batches`, {
      method: 'POST',
      headers: bearer(key, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
      body: xlsx,
    });
    expect(r.status).toBe(202);
    const body = await json(r);
    expect(body.status).toBe('running');
    expect(body.counts.total).toBe(8);
    const view = await untilSettled(body.batchId);
    expect(view.status).toBe('complete');
    expect(view.counts).toMatchObject({ ok: 7, invalid: 1 });
  }, 120_000);
});

describe('refusals', () => {
  it('answers 403 for a key without the batches scope and 401 without a key', async () => {
    const r = await upload(planKey);
    expect(r.status).toBe(403);
    expect((await json(r)).code).toBe('FINPLAN_E_FORBIDDEN');
    expect((await fetch(`${t.url}/v1/batches/0123456789abcdef`)).status).toBe(401);
  });

  it('answers 413 for an upload beyond the limit, multipart or raw', async () => {
    const big = CSV + 'x'.repeat(70 * 1024);
    const r = await upload(key, big);
    expect(r.status).toBe(413);
    const body = await json(r);
    expect(body.code).toBe('FINPLAN_E_INPUT_TOO_LARGE');
    expect(body.message).toMatch(/MB|KB/);
    const raw = await fetch(`${t.url}/v1/batches`, {
      method: 'POST',
      headers: bearer(key, { 'content-type': 'text/csv' }),
      body: big,
    });
    expect(raw.status).toBe(413);
  });

  it('refuses a config with a password, and says why', async () => {
    const r = await upload(key, CSV, { ...CONFIG, password: { passwordEnv: 'HOME' } });
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.code).toBe('FINPLAN_E_BATCH_CONFIG_INVALID');
    expect(body.message).toMatch(/password.*环境变量或密码文件/);
  });

  it('answers a file that is not a sheet with the registry code', async () => {
    const r = await upload(key, '家庭编号\n', undefined);
    expect(r.status).toBe(422);
    expect((await json(r)).code).toBe('FINPLAN_E_SHEET_INVALID');
    const json415 = await fetch(`${t.url}/v1/batches`, {
      method: 'POST',
      headers: bearer(key, { 'content-type': 'application/json' }),
      body: '{}',
    });
    expect(json415.status).toBe(415);
    const text415 = await fetch(`${t.url}/v1/batches`, {
      method: 'POST',
      headers: bearer(key, { 'content-type': 'text/plain' }),
      body: CSV,
    });
    expect(text415.status).toBe(415);
    expect((await json(text415)).message).toContain('text/csv');
    // A file-level failure leaves no batch behind.
    const listing = readdirSync(batchesDir, { recursive: true }).map(String);
    expect(listing.filter((f) => f.endsWith('batch.json'))).toHaveLength(3);
  });

  it('never logs the sheet: no name or id number from the upload in any log line', () => {
    const text = t.logs.join('\n');
    expect(text).toContain('batch finished');
    for (const secret of ['王淼玥', '6200000000', '王嘉怡']) expect(text).not.toContain(secret);
  });
});

describe('graceful shutdown', () => {
  it('interrupts a running batch cleanly; re-posting after a restart resumes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'finplan-batches-stop-'));
    try {
      const first = await startTestServer({ batchesDir: dir });
      const k = first.addKey('branch', { scopes: ['batches'], rateLimitPerMinute: 10_000 }).key;
      const form = new FormData();
      form.set('file', new Blob([CSV], { type: 'text/csv' }), 'salon.csv');
      form.set('config', JSON.stringify(CONFIG));
      const posted = await json(
        await fetch(`${first.url}/v1/batches`, { method: 'POST', headers: bearer(k), body: form }),
      );
      // Stop once the first household is planned, while the others wait.
      for (let i = 0; i < 300; i++) {
        const view = await json(
          await fetch(`${first.url}/v1/batches/${posted.batchId}`, { headers: bearer(k) }),
        );
        if (view.counts.ok >= 1) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await first.close();

      const second = await startTestServer({ batchesDir: dir });
      try {
        const k2 = second.addKey('branch', { scopes: ['batches'], rateLimitPerMinute: 10_000 }).key;
        const view = await json(
          await fetch(`${second.url}/v1/batches/${posted.batchId}`, { headers: bearer(k2) }),
        );
        expect(view.status).toBe('interrupted');
        expect(view.counts.ok).toBeGreaterThanOrEqual(1);
        expect(view.counts.ok).toBeLessThan(7);
        const again = new FormData();
        again.set('file', new Blob([CSV], { type: 'text/csv' }), 'salon.csv');
        again.set('config', JSON.stringify(CONFIG));
        const r = await fetch(`${second.url}/v1/batches`, {
          method: 'POST',
          headers: bearer(k2),
          body: again,
        });
        expect(r.status).toBe(202);
        expect((await json(r)).batchId).toBe(posted.batchId);
        let done: Json = {};
        for (let i = 0; i < 300; i++) {
          done = await json(
            await fetch(`${second.url}/v1/batches/${posted.batchId}`, { headers: bearer(k2) }),
          );
          if (done.status !== 'running') break;
          await new Promise((res) => setTimeout(res, 200));
        }
        expect(done.status).toBe('complete');
        const manifest = await json(
          await fetch(`${second.url}/v1/batches/${posted.batchId}/manifest`, { headers: bearer(k2) }),
        );
        expect((manifest.rows as Json[]).filter((row) => row.status === 'ok')).toHaveLength(7);
        const summary = await json(
          await fetch(`${second.url}/v1/batches/${posted.batchId}/summary`, { headers: bearer(k2) }),
        );
        expect(JSON.stringify(summary)).toMatch(/"resumed":\s*[1-9]/);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
