/**
 * finplan worker --queue redis://… --out <dir>: render households of queued batches on this
 * machine, into <dir> (the shared output folder as this machine mounts it), until SIGTERM or
 * Ctrl-C, which finish the jobs in hand and then stop. Any number of workers, on any number of
 * machines, may serve one queue.
 *
 * A batch that wants encrypted PDFs does not send a password through Redis: this worker reads its
 * own (FINPLAN_PDF_PASSWORD or --password-file), once, at start.
 */
import { hostname, availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { FinplanError } from '../../../errors.js';
import { DEFAULT_PASSWORD_ENV, resolvePdfPassword, type PasswordSources } from '../../password.js';
import { RenderPool } from '../../pool/render-pool.js';
import { checkQueueUrl, connectRedis, displayQueueUrl } from '../../batch/queue/connection.js';
import { DEFAULT_LOCK_MS, DEFAULT_STALLED_MS, startQueueWorker } from '../../batch/queue/worker.js';
import { positiveInt } from './batch.js';

export interface WorkerCommandOptions {
  queue: string;
  out: string;
  concurrency?: string;
  lockDuration?: string;
  stalledInterval?: string;
  passwordFile?: string;
}

export async function runWorkerCommand(opts: WorkerCommandOptions): Promise<number> {
  const url = checkQueueUrl(opts.queue);
  const concurrency = positiveInt(opts.concurrency, '--concurrency') ?? availableParallelism();
  const lockDurationMs = positiveInt(opts.lockDuration, '--lock-duration', 3_600_000) ?? DEFAULT_LOCK_MS;
  const stalledIntervalMs =
    positiveInt(opts.stalledInterval, '--stalled-interval', 3_600_000) ?? DEFAULT_STALLED_MS;
  if (lockDurationMs < 1000)
    throw new FinplanError('FINPLAN_E_USAGE', '--lock-duration 至少 1000 毫秒（锁每半个周期续期一次）');
  const outDir = resolve(opts.out);

  const sources: PasswordSources = { env: { name: DEFAULT_PASSWORD_ENV, required: false } };
  if (opts.passwordFile !== undefined) sources.file = opts.passwordFile;
  const password = resolvePdfPassword(sources, { env: process.env });
  for (const w of password?.warnings ?? []) process.stderr.write(`注意：${w}\n`);

  const connection = await connectRedis(url, { role: 'worker' });
  const pool = new RenderPool({ workers: concurrency });
  const name = `${hostname()}-${process.pid}`;
  const worker = startQueueWorker({
    connection,
    outDir,
    render: (task) => pool.run(task),
    concurrency: pool.size,
    lockDurationMs,
    stalledIntervalMs,
    password: password?.password ?? null,
    name,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stderr.write(
    `工作进程 ${name} 已启动：队列 ${displayQueueUrl(url)}，并发 ${pool.size}，输出到 ${outDir}${password ? `，加密批次的 PDF 密码来自${password.source}` : ''}。SIGTERM 或 Ctrl-C 完成手头任务后退出。\n`,
  );

  try {
    await new Promise<void>((done) => {
      let signals = 0;
      const onSignal = () => {
        signals++;
        if (signals > 1) process.exit(130);
        process.stderr.write('收到停止信号：完成手头任务后退出（再按一次 Ctrl-C 立即退出）…\n');
        // close() stops taking jobs and resolves when the jobs in hand are finished.
        worker.close().then(done, done);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    process.stderr.write(`工作进程 ${name} 已退出。\n`);
    return 0;
  } finally {
    await pool.destroy();
    connection.disconnect();
  }
}
