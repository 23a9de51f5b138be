/**
 * The queue side of `finplan batch`: `finplan batch <input> --queue redis://… [--wait]` enqueues
 * the households for `finplan worker` processes on any number of machines, and
 * `finplan batch-status <batchId> --queue … [--out <dir>]` (also spelt `finplan batch status …`)
 * shows how far a batch is and, once every job is settled, writes its manifest.
 *
 * Exit codes as for a local batch: 0 every row planned (or, without --wait, the batch enqueued);
 * 2 the manifest was written and some rows are in errors.csv; 130 --wait was interrupted (the jobs
 * go on; `batch-status` collects them); 69 Redis cannot be reached.
 */
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { FinplanError } from '../../../errors.js';
import type { BatchHousehold } from '../../batch/household.js';
import type { RejectedHousehold } from '../../batch/run.js';
import { checkQueueUrl, connectRedis, displayQueueUrl, QUEUE_NAME } from '../../batch/queue/connection.js';
import { DEFAULT_RETRY, enqueueBatch } from '../../batch/queue/enqueue.js';
import {
  collectBatch,
  openBatch,
  pollBatch,
  progressOf,
  type BatchCounts,
  type BatchWatch,
} from '../../batch/queue/status.js';
import { positiveInt, progressReporter, type BatchCommandOptions } from './batch.js';

async function openQueue(url: string): Promise<{ redis: Redis; queue: Queue; close(): Promise<void> }> {
  const redis = await connectRedis(checkQueueUrl(url), { role: 'client' });
  const queue = new Queue(QUEUE_NAME, { connection: redis });
  queue.on('error', () => {}); // connection trouble surfaces as the failed command itself
  return {
    redis,
    queue,
    async close() {
      await queue.close();
      redis.disconnect();
    },
  };
}

function retryDelay(text: string | undefined): number {
  if (text === undefined) return DEFAULT_RETRY.backoffMs;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 3_600_000)
    throw new FinplanError('FINPLAN_E_USAGE', '--retry-delay 应为 0–3600000 的整数（毫秒）');
  return n;
}

function finalLine(batchId: string, counts: ReturnType<typeof progressOf>, outDir: string): string {
  return `批次 ${batchId} 已完成：共 ${counts.total} 户，成功 ${counts.ok}，不合格 ${counts.invalid}，失败 ${counts.failed}。输出在 ${outDir}\n`;
}

/** Poll until every job is settled; the interval grows with the batch so Redis is not flooded. */
async function follow(
  queue: Queue,
  watch: BatchWatch,
  signal: AbortSignal,
  onPoll: (counts: BatchCounts) => void,
): Promise<BatchCounts | null> {
  for (;;) {
    const counts = await pollBatch(queue, watch);
    onPoll(counts);
    if (counts.complete) return counts;
    const pending = counts.waiting + counts.active;
    const interval = Math.min(5000, Math.max(200, pending * 2));
    await sleep(interval, undefined, { signal }).catch(() => {});
    if (signal.aborted) return null;
  }
}

export async function runQueuedBatch(
  batch: { batchId: string; households: BatchHousehold[]; rejected: RejectedHousehold[] },
  outDir: string,
  opts: BatchCommandOptions,
  logEvery: number,
): Promise<number> {
  const url = opts.queue!;
  const retry = {
    attempts: positiveInt(opts.attempts, '--attempts', 20) ?? DEFAULT_RETRY.attempts,
    backoffMs: retryDelay(opts.retryDelay),
  };
  const { batchId } = batch;
  const q = await openQueue(url);
  try {
    const { added, alreadyCollected } = await enqueueBatch(q.redis, q.queue, { ...batch, retry });
    process.stdout.write(`${batchId}\n`);
    if (alreadyCollected) {
      process.stderr.write(
        `批次 ${batchId} 已处理完毕、清单已写出（任务已从队列清除），未重复提交。要重新生成，请先删除旧的输出或修改输入。\n`,
      );
      return 0;
    }
    process.stderr.write(
      `已提交批次 ${batchId}：${batch.households.length} 户待生成（本次新入队 ${added} 户），不合格 ${batch.rejected.length} 户已记入批次清单。\n`,
    );
    const statusCommand = `finplan batch-status ${batchId} --queue ${displayQueueUrl(url)} --out ${outDir}`;
    if (!opts.wait) {
      process.stderr.write(`由 finplan worker 生成；查看进度并在完成后写出清单：\n  ${statusCommand}\n`);
      return 0;
    }

    const controller = new AbortController();
    const onSignal = () => {
      process.stderr.write(`\n已停止等待；任务仍由工作进程处理。之后可运行：\n  ${statusCommand}\n`);
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const progress = progressReporter(logEvery);
    let lastDone = -1;
    try {
      const watch = await openBatch(q.redis, batchId);
      const counts = await follow(q.queue, watch, controller.signal, () => {
        const p = progressOf(watch);
        if (p.done !== lastDone) progress.update(p);
        lastDone = p.done;
      });
      progress.stop();
      if (!counts) return 130;
      const { progress: p } = await collectBatch(q.redis, q.queue, watch, outDir);
      process.stderr.write(finalLine(batchId, p, outDir));
      return p.invalid + p.failed > 0 ? 2 : 0;
    } finally {
      progress.stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } finally {
    await q.close();
  }
}

export interface BatchStatusOptions {
  queue: string;
  out?: string;
}

export async function runBatchStatus(batchId: string, opts: BatchStatusOptions): Promise<number> {
  const q = await openQueue(opts.queue);
  try {
    const watch = await openBatch(q.redis, batchId);
    const counts = await pollBatch(q.queue, watch);
    let manifest: string | null = null;
    let exitCode = 0;
    const c = counts;
    process.stderr.write(
      `批次 ${batchId}：共 ${c.total} 户（不合格 ${c.rejected} 户未入队），等待 ${c.waiting}，进行中 ${c.active}，已完成 ${c.completed}，失败 ${c.failed}${c.missing ? `，任务缺失 ${c.missing}` : ''}${c.state === 'collected' ? '；清单已写出，任务已清除' : c.complete ? '；已全部结束' : ''}\n`,
    );
    if (opts.out !== undefined && c.state === 'open') {
      if (c.complete) {
        const outDir = resolve(opts.out);
        const { progress: p } = await collectBatch(q.redis, q.queue, watch, outDir);
        manifest = resolve(outDir, 'manifest.json');
        process.stderr.write(finalLine(batchId, p, outDir));
        exitCode = p.invalid + p.failed > 0 ? 2 : 0;
      } else process.stderr.write('尚未全部结束，暂不写清单；稍后再运行本命令。\n');
    }
    process.stdout.write(`${JSON.stringify({ ...counts, manifest })}\n`);
    return exitCode;
  } finally {
    await q.close();
  }
}
