/**
 * The batches of the HTTP API: an uploaded CRM sheet saved to the batches folder, read with the
 * batch's own reader, and run in the background with the batch's own runner (journal, manifest,
 * reports) on the server's render pool — the same files a `finplan batch` run leaves.
 *
 * Layout: `<batchesDir>/<owner>/<batchId>/` where owner is a hash of the API key's name, so a key
 * sees only its own batches (another key asking for the same id looks in its own folder and gets
 * 404) and two keys uploading the same export get separate batches under the same id. The folder
 * holds the upload (`upload.csv` or `upload.xlsx`), `batch.json` (owner, config, state — never the
 * sheet's contents) and the run's output: plans/, manifest.json, .journal.jsonl, summary.json,
 * errors.csv, organiser.pdf.
 *
 * Sharing the pool with /v1/plans: every running batch together holds at most `batchConcurrency`
 * renders (default workers − 1, at least 1), so with two or more workers one is always free for
 * plans; with one worker a plan waits behind at most one household's render. A batch render that
 * finds the pool's queue full waits and tries again instead of failing its row.
 *
 * Shutdown: close() stops every batch after the rows in flight (their PDFs and journal lines are
 * written) and writes an incomplete manifest; the batch is "interrupted", and posting the same file
 * again resumes it from the journal.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { FinplanError } from '../../errors.js';
import { BATCH_ID_PATTERN, deriveBatchId } from '../batch/batch-id.js';
import { sha256, writeFileAtomic } from '../batch/files.js';
import type { JournalEntry, ManifestRow } from '../batch/household.js';
import { ERRORS_FILE, ORGANISER_FILE, writeBatchReports } from '../batch/reports.js';
import { MANIFEST_FILE, readJournal, runBatch, SUMMARY_FILE, type Manifest } from '../batch/run.js';
import { sniffSheetFormat } from '../batch/sheet/decode.js';
import { readBatchSheet, type BatchConfig } from '../batch/sheet/index.js';
import { RenderQueueFull, type RenderPool } from '../pool/render-pool.js';

export type BatchStatus = 'running' | 'complete' | 'interrupted' | 'failed';

export interface BatchCounts {
  total: number;
  done: number;
  ok: number;
  invalid: number;
  failed: number;
  resumed: number;
}

export interface BatchView {
  batchId: string;
  status: BatchStatus;
  counts: BatchCounts;
  links: Record<'self' | 'manifest' | 'summary' | 'errors' | 'organiser', string>;
  /** Why a failed batch failed (a registered code and its message). */
  error?: { code: string; message: string };
}

/** batch.json: who made the batch and how it ended; never a cell of the sheet. */
interface BatchMeta {
  batchId: string;
  owner: string;
  createdAt: string;
  format: 'csv' | 'xlsx';
  config: BatchConfig | null;
  failure?: { code: string; message: string };
}

interface Running {
  counts: BatchCounts;
  controller: AbortController;
  done: Promise<void>;
}

const META_FILE = 'batch.json';
const ZERO: BatchCounts = { total: 0, done: 0, ok: 0, invalid: 0, failed: 0, resumed: 0 };

export function batchLinks(batchId: string): BatchView['links'] {
  const self = `/v1/batches/${batchId}`;
  return {
    self,
    manifest: `${self}/manifest`,
    summary: `${self}/summary`,
    errors: `${self}/errors`,
    organiser: `${self}/organiser`,
  };
}

/** A counting semaphore: the batches' share of the render pool. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolveSlot) => this.waiting.push(resolveSlot));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

export interface BatchServiceOptions {
  dir: string;
  pool: RenderPool;
  concurrency: number;
  log: FastifyBaseLogger;
}

export class BatchService {
  private readonly running = new Map<string, Running>();
  private readonly slots: Slots;
  private closing = false;

  constructor(private readonly options: BatchServiceOptions) {
    this.slots = new Slots(options.concurrency);
  }

  /** The folder of an owner's batch; the id must already match BATCH_ID_PATTERN. */
  folder(owner: string, batchId: string): string {
    if (!BATCH_ID_PATTERN.test(batchId)) throw new FinplanError('FINPLAN_E_NOT_FOUND', '没有这个批次');
    return join(this.options.dir, sha256(`owner\n${owner}`).slice(0, 16), batchId);
  }

  /**
   * Save an upload, read it, and start (or resume) its batch. The same bytes and config from the
   * same key give the same batch: a running or complete one is answered as it is.
   */
  async submit(
    owner: string,
    bytes: Buffer,
    config: BatchConfig | undefined,
  ): Promise<{ view: BatchView; created: boolean; notices: string[] }> {
    if (this.closing) throw new FinplanError('FINPLAN_E_BUSY', '服务正在停止，请稍后重试');
    const format = sniffSheetFormat(bytes);
    const batchId = deriveBatchId(sha256(bytes), config, null);
    const dir = this.folder(owner, batchId);
    const key = `${owner}\n${batchId}`;
    if (this.running.has(key) || this.status(owner, batchId)?.status === 'complete')
      return { view: this.status(owner, batchId)!, created: false, notices: [] };

    // Claimed before the first await, so two identical posts at once start one run.
    const claim: Running = {
      counts: { ...ZERO },
      controller: new AbortController(),
      done: Promise.resolve(),
    };
    this.running.set(key, claim);
    try {
      mkdirSync(dir, { recursive: true });
      const upload = `upload.${format}`;
      writeFileAtomic(dir, upload, bytes);
      const meta: BatchMeta = {
        batchId,
        owner,
        createdAt: new Date().toISOString(),
        format,
        config: config ?? null,
      };
      writeFileAtomic(dir, META_FILE, `${JSON.stringify(meta, null, 2)}\n`);
      const sheet = await readBatchSheet(join(dir, upload), config ? { config } : {});
      if (this.closing) throw new FinplanError('FINPLAN_E_BUSY', '服务正在停止，请稍后重试');
      claim.counts.total = sheet.households.length + sheet.invalid.length;
      claim.done = this.run(key, dir, batchId, meta, sheet, claim);
      return { view: this.status(owner, batchId)!, created: true, notices: sheet.notices };
    } catch (err) {
      this.running.delete(key);
      // The answer was an error without a batch id: leave no half-made batch behind (the same bytes
      // and config always read the same, so the folder held nothing else of value).
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  private async run(
    key: string,
    dir: string,
    batchId: string,
    meta: BatchMeta,
    sheet: Awaited<ReturnType<typeof readBatchSheet>>,
    state: Running,
  ): Promise<void> {
    const { log } = this.options;
    const started = performance.now();
    log.info({ batchId, key: meta.owner, total: state.counts.total }, 'batch started');
    try {
      const result = await runBatch({
        batchId,
        outDir: dir,
        households: sheet.households,
        rejected: sheet.invalid,
        render: (task) => this.render(task),
        concurrency: this.options.concurrency,
        signal: state.controller.signal,
        onProgress: (p) => {
          state.counts = { ...p };
        },
      });
      state.counts = { ...result.progress };
      if (!result.interrupted) {
        const organiser = {
          ...(meta.config?.brand ? { brand: meta.config.brand } : {}),
          ...(meta.config?.event ? { event: meta.config.event } : {}),
        };
        await writeBatchReports(dir, batchId, result.entries, result.progress, organiser);
      }
      const p = result.progress;
      log.info(
        {
          batchId,
          key: meta.owner,
          status: result.interrupted ? 'interrupted' : 'complete',
          ok: p.ok,
          invalid: p.invalid,
          failed: p.failed,
          resumed: p.resumed,
          ms: Math.round(performance.now() - started),
        },
        'batch finished',
      );
    } catch (err) {
      const failure =
        err instanceof FinplanError
          ? { code: err.code, message: err.message }
          : { code: 'FINPLAN_E_INTERNAL', message: new FinplanError('FINPLAN_E_INTERNAL').message };
      // The code and the class only: a message may quote a path, never a row, but stay sparing.
      log.error(
        { batchId, key: meta.owner, code: failure.code, errorClass: (err as Error)?.name },
        'batch failed',
      );
      try {
        writeFileAtomic(dir, META_FILE, `${JSON.stringify({ ...meta, failure }, null, 2)}\n`);
      } catch {
        // The folder itself is gone or unwritable: the status falls back to "interrupted".
      }
    } finally {
      this.running.delete(key);
    }
  }

  /** One household on the pool, within the batches' share; a full queue is waited out, not failed. */
  private async render(task: Parameters<RenderPool['run']>[0]) {
    await this.slots.acquire();
    try {
      for (;;) {
        try {
          return await this.options.pool.run(task);
        } catch (err) {
          if (!(err instanceof RenderQueueFull)) throw err;
          await sleep(250);
        }
      }
    } finally {
      this.slots.release();
    }
  }

  /** The batch as its owner sees it, or null when this owner has no such batch. */
  status(owner: string, batchId: string): BatchView | null {
    const dir = this.folder(owner, batchId);
    const running = this.running.get(`${owner}\n${batchId}`);
    const links = batchLinks(batchId);
    if (running) return { batchId, status: 'running', counts: { ...running.counts }, links };
    const meta = this.meta(dir);
    if (!meta || meta.owner !== owner) return null;
    const manifest = this.manifest(dir);
    const counts = manifest ? countRows(manifest.rows) : { ...ZERO };
    if (meta.failure) return { batchId, status: 'failed', counts, links, error: meta.failure };
    const complete =
      manifest?.complete === true &&
      [SUMMARY_FILE, ERRORS_FILE, ORGANISER_FILE].every((f) => existsSync(join(dir, f)));
    return { batchId, status: complete ? 'complete' : 'interrupted', counts, links };
  }

  /** A report file of a batch, or a Chinese reason it is not there yet. */
  file(owner: string, batchId: string, name: string): Buffer {
    const view = this.status(owner, batchId);
    if (!view) throw new FinplanError('FINPLAN_E_NOT_FOUND', '没有这个批次');
    const path = join(this.folder(owner, batchId), name);
    if (view.status !== 'complete' || !existsSync(path))
      throw new FinplanError(
        'FINPLAN_E_NOT_FOUND',
        view.status === 'running'
          ? `批次尚未完成，${name} 还未生成；请稍后再取`
          : `批次${view.status === 'failed' ? '失败' : '已中断'}，${name} 未生成；重新提交同一文件即可继续`,
      );
    return readFileSync(path);
  }

  /** One household's PDF, once it is written (also while the batch is still running). */
  plan(owner: string, batchId: string, householdId: string): Buffer {
    const view = this.status(owner, batchId);
    if (!view) throw new FinplanError('FINPLAN_E_NOT_FOUND', '没有这个批次');
    const dir = this.folder(owner, batchId);
    const manifest = this.manifest(dir);
    const rows: Array<ManifestRow | JournalEntry> = manifest ? manifest.rows : [...readJournal(dir).values()];
    const row = rows.find((r) => r.id === householdId);
    if (!row || row.status !== 'ok' || !row.file) {
      throw new FinplanError(
        'FINPLAN_E_NOT_FOUND',
        row
          ? `家庭 ${householdId} 没有规划书（见 errors.csv）`
          : `批次中没有家庭 ${householdId}，或它还未生成`,
      );
    }
    return readFileSync(join(dir, row.file));
  }

  /** Stop every running batch after its rows in flight; their manifests say "incomplete". */
  async close(): Promise<void> {
    this.closing = true;
    const runs = [...this.running.values()];
    for (const r of runs) r.controller.abort();
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private meta(dir: string): BatchMeta | null {
    try {
      return JSON.parse(readFileSync(join(dir, META_FILE), 'utf8')) as BatchMeta;
    } catch {
      return null;
    }
  }

  private manifest(dir: string): Manifest | null {
    try {
      return JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    } catch {
      return null;
    }
  }
}

function countRows(rows: ManifestRow[]): BatchCounts {
  const c = { ...ZERO, total: rows.length, done: rows.length };
  for (const r of rows) c[r.status === 'ok' ? 'ok' : r.status === 'invalid' ? 'invalid' : 'failed']++;
  return c;
}

/** Nothing else writes here; make sure the folder exists at start-up (a wrong path fails early). */
export function ensureBatchesDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, '.finplan-batches'), 'finplan batches folder\n');
  } catch (err) {
    throw new FinplanError('FINPLAN_E_INVALID_CONFIG', `无法创建或写入批量任务目录 ${dir}`, { cause: err });
  }
}
