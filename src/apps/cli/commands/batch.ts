/**
 * finplan batch <input> --out <dir>: a personal plan for every household of a CRM export (CSV or
 * XLSX in the layout of docs/batch.md, or a folder of profile JSON files), on worker threads,
 * resumable; with --queue, on any number of `finplan worker` machines (docs/batch-queue.md).
 *
 * Exit codes: 0 every row planned; 2 the run finished but some rows are in errors.csv; 130 the run
 * was interrupted (Ctrl-C) — rerun the same command to finish it.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { FinplanError } from '../../../errors.js';
import { RenderPool } from '../../pool/render-pool.js';
import { readProfilesFolder } from '../../batch/profiles-folder.js';
import { writeBatchReports } from '../../batch/reports.js';
import { runBatch, type BatchProgress, type RejectedHousehold } from '../../batch/run.js';
import type { BatchHousehold } from '../../batch/household.js';
import { loadBatchConfig, readBatchSheet, type BatchConfig } from '../../batch/sheet/index.js';
import { resolveProtection, sourcesFromConfig } from '../../password.js';
import type { RenderOptionsInput } from '../../../report/options.js';
import { sha256 } from '../../batch/files.js';
import { deriveBatchId } from '../../batch/batch-id.js';

export interface BatchCommandOptions {
  out: string;
  /** redis://… : enqueue the households for `finplan worker` processes instead of rendering here. */
  queue?: string;
  /** With --queue: follow the batch and write the manifest when every job is settled. */
  wait?: boolean;
  attempts?: string;
  retryDelay?: string;
  config?: string;
  map?: string;
  workers?: string;
  /** Without a TTY: one progress line every this many rows. */
  logEvery?: string;
}

export function positiveInt(text: string | undefined, flag: string, max = 256): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new FinplanError('FINPLAN_E_USAGE', `${flag} 应为 1–${max} 的整数`);
  return n;
}

/** Progress for a person: a bar with rate and ETA on a terminal, a line every N rows in a log. */
export function progressReporter(logEvery: number): { update(p: BatchProgress): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format:
        '  {bar} {percentage}% | {value}/{total} 户 | 失败 {bad} | {rate} 户/秒 | 剩余约 {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    });
    const started = performance.now();
    let startedBar = false;
    return {
      update(p) {
        if (!startedBar) {
          bar.start(p.total, 0, { bad: 0, rate: '0.0' });
          startedBar = true;
        }
        const rate = (p.done - p.resumed) / Math.max(0.001, (performance.now() - started) / 1000);
        bar.update(p.done, { bad: p.invalid + p.failed, rate: rate.toFixed(1) });
      },
      stop: () => bar.stop(),
    };
  }
  const started = performance.now();
  return {
    update(p) {
      if (p.done % logEvery !== 0 && p.done !== p.total) return;
      const seconds = (performance.now() - started) / 1000;
      const rate = (p.done - p.resumed) / Math.max(0.001, seconds);
      process.stderr.write(
        `进度 ${p.done}/${p.total}：成功 ${p.ok}，不合格 ${p.invalid}，失败 ${p.failed}（续跑跳过 ${p.resumed}），${rate.toFixed(1)} 户/秒\n`,
      );
    },
    stop() {},
  };
}

/**
 * The households of a batch, from a CRM sheet (CSV/XLSX, docs/batch.md) or a folder of profile
 * JSON files, with the batch config applied, the password (if the config asks for one) resolved
 * into each household's options, and the batch id: a hash of the input, the config and the
 * header map, so the same export with the same settings is the same batch (resume, the queue's
 * job ids).
 */
async function readBatchInput(
  input: string,
  opts: BatchCommandOptions,
): Promise<{
  households: BatchHousehold[];
  rejected: RejectedHousehold[];
  batchId: string;
  config: BatchConfig | undefined;
}> {
  let isFolder: boolean;
  try {
    isFolder = statSync(input).isDirectory();
  } catch (err) {
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `找不到输入 ${input}`, { cause: err });
  }
  const config = opts.config ? loadBatchConfig(opts.config) : undefined;
  const mapText = opts.map ? readFileSync(opts.map, 'utf8') : null;
  let households: BatchHousehold[];
  let rejected: RejectedHousehold[];
  let fingerprint: string;
  if (isFolder) {
    if (opts.map)
      throw new FinplanError('FINPLAN_E_USAGE', '--map 只用于 CRM 表格（CSV/XLSX），不用于档案目录');
    ({ households, rejected, fingerprint } = readProfilesFolder(input, renderOptionsOf(config)));
  } else {
    const sheet = await readBatchSheet(input, {
      ...(opts.map ? { map: opts.map } : {}),
      ...(config ? { config } : {}),
    });
    for (const n of sheet.notices) process.stderr.write(`注意：${n}\n`);
    if (sheet.source.encoding && sheet.source.encoding !== 'UTF-8')
      process.stderr.write(`注意：表格编码为 ${sheet.source.encoding}。\n`);
    households = sheet.households;
    rejected = sheet.invalid;
    fingerprint = sha256(readFileSync(input));
  }
  if (config?.password) {
    // The password is resolved once, here, and never written anywhere (nor into Redis: the queue
    // path sends `encrypt: true` and each worker uses its own).
    const { protection, warnings } = resolveProtection(sourcesFromConfig(config.password), {
      env: process.env,
    });
    for (const w of warnings) process.stderr.write(`警告：${w}\n`);
    if (protection) households = households.map((h) => ({ ...h, options: { ...h.options, protection } }));
  }
  const batchId = deriveBatchId(fingerprint, config, mapText);
  return { households, rejected, batchId, config };
}

/** What a config sets for a folder of profiles (a sheet reader applies it row by row itself). */
function renderOptionsOf(config: BatchConfig | undefined): RenderOptionsInput {
  return {
    ...(config?.brand ? { brand: config.brand } : {}),
    ...(config?.depthByTier ? { depthByTier: config.depthByTier } : {}),
    ...(config?.watermark !== undefined ? { watermark: config.watermark } : {}),
  };
}

export async function runBatchCommand(input: string, opts: BatchCommandOptions): Promise<number> {
  const workers = positiveInt(opts.workers, '--workers');
  const logEvery = positiveInt(opts.logEvery, '--log-every') ?? 50;
  const outDir = resolve(opts.out);
  const { households, rejected, batchId, config } = await readBatchInput(input, opts);
  const organiserOptions = {
    ...(config?.brand ? { brand: config.brand } : {}),
    ...(config?.event ? { event: config.event } : {}),
  };
  if (opts.queue !== undefined) {
    const { runQueuedBatch } = await import('./batch-queue.js');
    return runQueuedBatch({ batchId, households, rejected }, outDir, opts, logEvery);
  }

  const pool = new RenderPool(workers ? { workers } : {});
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\n收到中断：正在完成进行中的几户并写出清单（再按一次 Ctrl-C 立即退出）…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const progress = progressReporter(logEvery);
  try {
    const result = await runBatch({
      batchId,
      outDir,
      households,
      rejected,
      render: (task) => pool.run(task),
      concurrency: pool.size + 1,
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    await writeBatchReports(outDir, batchId, result.entries, result.progress, organiserOptions);
    const p = result.progress;
    process.stderr.write(
      `${result.interrupted ? '已中断' : '已完成'}：共 ${p.total} 户，成功 ${p.ok}（其中续跑跳过 ${p.resumed}），不合格 ${p.invalid}，失败 ${p.failed}。输出在 ${outDir}\n`,
    );
    if (result.interrupted) {
      process.stderr.write('再次运行同一命令即可从中断处继续。\n');
      return 130;
    }
    return p.invalid + p.failed > 0 ? 2 : 0;
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await pool.destroy();
  }
}
