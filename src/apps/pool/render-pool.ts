/**
 * A fixed pool of render worker threads (piscina), shared by the batch runner and the HTTP server.
 * Each worker builds its RenderContext once; the pool is sized to the cores by default and never
 * shrinks (ARCHITECTURE.md: workers that come and go cost a context each time). A bounded queue
 * lets a caller refuse work (HTTP 503) instead of growing memory.
 */
import { availableParallelism } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RenderOutcome, RenderTask, RenderWorkerData } from './types.js';

export interface RenderPoolOptions {
  /** Worker threads (default: the machine's available parallelism). */
  workers?: number;
  /** Tasks that may wait for a worker; beyond it run() rejects with RenderQueueFull. Default unbounded. */
  maxQueue?: number;
  /** Brand folders beyond the package's own. */
  extraBrandDirs?: string[];
  /**
   * Run the worker threads at this nice value (0–19; default 0). A server sets it so the thread
   * that answers health checks and calculators wins the CPU over renders when cores are scarce.
   */
  workerNice?: number;
}

/** run() was refused because the queue is full: try again later. */
export class RenderQueueFull extends Error {
  constructor() {
    super('render queue is full');
    this.name = 'RenderQueueFull';
  }
}

/**
 * The worker's compiled file. The pool normally runs from dist/, where the worker sits beside it;
 * under vitest this module is loaded from src/*.ts, and a worker thread cannot load TypeScript, so
 * it runs the compiled copy in dist/ (test/global-setup.ts builds it before any test).
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const compiled = here.endsWith('.ts')
    ? here.replace(`${sep}src${sep}`, `${sep}dist${sep}`).replace(/\.ts$/, '.js')
    : here;
  return join(dirname(compiled), 'render-worker.js');
}

export class RenderPool {
  readonly size: number;
  private readonly piscina: Piscina<RenderTask, RenderOutcome>;

  constructor(options: RenderPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    const workerData: RenderWorkerData = {
      extraBrandDirs: options.extraBrandDirs ?? [],
      ...(options.workerNice ? { workerNice: options.workerNice } : {}),
    };
    this.piscina = new Piscina<RenderTask, RenderOutcome>({
      filename: workerFile(),
      minThreads: this.size,
      maxThreads: this.size,
      idleTimeout: Number.POSITIVE_INFINITY,
      maxQueue: options.maxQueue ?? Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: 1,
      workerData,
    });
  }

  /** Render one task on a worker. Rejects with RenderQueueFull when the queue is at its limit. */
  async run(task: RenderTask, signal?: AbortSignal): Promise<RenderOutcome> {
    try {
      return await this.piscina.run(task, signal ? { signal } : {});
    } catch (err) {
      if (err instanceof Error && /queue is at limit/i.test(err.message)) throw new RenderQueueFull();
      throw err;
    }
  }

  /** Worker threads running now (the HTTP server's readiness check). */
  get threads(): number {
    return this.piscina.threads.length;
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.piscina.queueSize;
  }

  /** Finish the tasks in hand and stop the threads. */
  async close(): Promise<void> {
    await this.piscina.close();
  }

  /** Stop the threads now; tasks in hand are rejected. */
  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }
}
