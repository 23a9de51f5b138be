/**
 * `finplan batch` through the real CLI process: every good household exactly once, every bad one
 * in errors.csv, a rerun that resumes, Ctrl-C that finishes the rows in flight, and kill -9 that
 * never leaves a partial PDF under a final name.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../helpers/cli.js';
import { SAMPLES_DIR } from '../../helpers/samples.js';
import type { ManifestRow } from '../../../src/apps/batch/household.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CLI = `${ROOT}dist/apps/cli/main.js`;

/** A folder of `good` copies of a small (summary-edition) sample and the bad samples. */
function batchFolder(good: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'finplan-batch-in-'));
  for (let i = 1; i <= good; i++)
    copyFileSync(
      join(SAMPLES_DIR, 'single-parent-chengdu.json'),
      join(dir, `h${String(i).padStart(3, '0')}.json`),
    );
  for (const bad of readdirSync(join(SAMPLES_DIR, 'bad')))
    copyFileSync(join(SAMPLES_DIR, 'bad', bad), join(dir, `bad-${bad}`));
  return dir;
}

function runBatchCli(input: string, out: string) {
  ensureBuilt();
  return spawnSync(
    process.execPath,
    [CLI, 'batch', input, '--out', out, '--workers', '2', '--log-every', '5'],
    {
      encoding: 'utf8',
    },
  );
}

function manifest(out: string): { batchId: string; complete: boolean; rows: ManifestRow[] } {
  return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every file under plans/ is a whole PDF recorded in the manifest; no temporary file is left. */
function expectCompleteOutput(out: string, goodIds: string[]): void {
  const m = manifest(out);
  expect(m.complete).toBe(true);
  const ok = m.rows.filter((r) => r.status === 'ok');
  expect(ok.map((r) => r.id).sort()).toEqual(goodIds);
  expect(new Set(ok.map((r) => r.id)).size).toBe(ok.length);
  for (const r of ok) expect(sha(join(out, r.file!)), r.id).toBe(r.sha256);
  const files = readdirSync(join(out, 'plans'));
  expect(files.filter((f) => f.startsWith('.tmp-'))).toEqual([]);
  expect(files.sort()).toEqual(goodIds.map((id) => `${id}.pdf`));
}

const badCount = readdirSync(join(SAMPLES_DIR, 'bad')).length;

describe('finplan batch', () => {
  it('plans every good household once, lists every bad one in errors.csv, and resumes on a rerun', () => {
    const input = batchFolder(6);
    const out = mkdtempSync(join(tmpdir(), 'finplan-batch-out-'));
    const first = runBatchCli(input, out);
    expect(first.status, first.stderr).toBe(2);
    const goodIds = ['h001', 'h002', 'h003', 'h004', 'h005', 'h006'];
    expectCompleteOutput(out, goodIds);
    const m = manifest(out);
    const bad = m.rows.filter((r) => r.status !== 'ok');
    expect(bad).toHaveLength(badCount);
    for (const r of bad) expect(r.error?.code).toBe('FINPLAN_E_INVALID_PROFILE');
    // Identical households give identical PDFs (the file name is the id, never the client's name).
    expect(new Set(m.rows.filter((r) => r.status === 'ok').map((r) => r.sha256)).size).toBe(1);
    const errors = readFileSync(join(out, 'errors.csv'), 'utf8');
    expect(errors.startsWith('\uFEFF行号,家庭编号,列,问题代码,问题')).toBe(true);
    for (const r of bad) expect(errors).toContain(r.id);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts).toMatchObject({ total: 6 + badCount, ok: 6, invalid: badCount, failed: 0 });
    expect(summary.byTier.T1).toBe(6);
    expect(readFileSync(join(out, 'organiser.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // No client name anywhere in the batch's own files.
    for (const f of ['manifest.json', 'summary.json', 'errors.csv'])
      expect(readFileSync(join(out, f), 'utf8')).not.toContain('王');

    const mtimes = goodIds.map((id) => statSync(join(out, 'plans', `${id}.pdf`)).mtimeMs);
    const second = runBatchCli(input, out);
    expect(second.status, second.stderr).toBe(2);
    expect(second.stderr).toContain('续跑跳过 6');
    expect(goodIds.map((id) => statSync(join(out, 'plans', `${id}.pdf`)).mtimeMs)).toEqual(mtimes);
    expect(manifest(out).batchId).toBe(m.batchId);
    expectCompleteOutput(out, goodIds);
  });

  for (const signal of ['SIGINT', 'SIGKILL'] as const)
    it(`after ${signal} mid-run, a rerun finishes with every good household exactly once`, async () => {
      const input = batchFolder(10);
      const out = mkdtempSync(join(tmpdir(), 'finplan-batch-out-'));
      ensureBuilt();
      const child = spawn(process.execPath, [CLI, 'batch', input, '--out', out, '--workers', '2'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const journal = join(out, '.journal.jsonl');
      // Wait until a few households have their PDF, then interrupt in the middle of the run.
      const planned = () =>
        existsSync(journal) ? (readFileSync(journal, 'utf8').match(/"status":"ok"/g) ?? []).length : 0;
      for (let i = 0; i < 1200 && planned() < 3; i++) await new Promise((r) => setTimeout(r, 50));
      expect(planned()).toBeLessThan(10);
      child.kill(signal);
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      if (signal === 'SIGINT') {
        expect(code, stderr).toBe(130);
        expect(stderr).toContain('再次运行同一命令');
        const m = manifest(out);
        expect(m.complete).toBe(false);
        for (const r of m.rows.filter((x) => x.status === 'ok'))
          expect(sha(join(out, r.file!))).toBe(r.sha256);
      }
      // Whatever was killed, no partial PDF carries a final name.
      for (const f of readdirSync(join(out, 'plans')).filter(
        (n) => n.endsWith('.pdf') && !n.startsWith('.tmp-'),
      ))
        expect(
          readFileSync(join(out, 'plans', f))
            .subarray(-6)
            .toString('latin1'),
        ).toContain('%%EOF');

      const rerun = runBatchCli(input, out);
      expect(rerun.status, rerun.stderr).toBe(2);
      expect(rerun.stderr).toMatch(/续跑跳过 [1-9]/);
      const goodIds = Array.from({ length: 10 }, (_, i) => `h${String(i + 1).padStart(3, '0')}`);
      expectCompleteOutput(out, goodIds);
    });
});
