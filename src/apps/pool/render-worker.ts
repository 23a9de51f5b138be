/**
 * A render worker thread: it builds the RenderContext once (parsed fonts, compiled templates,
 * brands) and then turns tasks into artifacts with the one request path. Everything crossing the
 * thread boundary is plain data: the profile and options in, the Plan (plain JSON values), the PDF
 * bytes and a structured error out. Errors are returned, not thrown, so their registered code and
 * issues survive the crossing; an internal error crosses as its code alone, never with a stack or
 * any of the profile's contents.
 */
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { asFinplanError } from '../../errors.js';
import type { RenderContext } from '../../report/context.js';
import { loadRenderContext } from '../assets.js';
import { producePlan } from '../request.js';
import type { RenderTask, RenderOutcome, RenderWorkerData } from './types.js';

const data = (workerData ?? {}) as RenderWorkerData;
if (data.workerNice) {
  try {
    // On Linux, setpriority(PRIO_PROCESS, 0) changes the calling thread only: this worker.
    setPriority(data.workerNice);
  } catch {
    // Not permitted or not supported (it only lowers our own priority): renders run as they are.
  }
}
let context: RenderContext | undefined;

function renderContext(): RenderContext {
  context ??= loadRenderContext({ extraBrandDirs: data.extraBrandDirs ?? [] });
  return context;
}

export default async function render(task: RenderTask): Promise<RenderOutcome> {
  const started = performance.now();
  try {
    const artifacts = await producePlan(
      { profile: task.profile, ...(task.options ? { options: task.options } : {}), pdf: task.pdf ?? true },
      renderContext,
    );
    return {
      ok: true,
      plan: artifacts.plan,
      ...(artifacts.pdf
        ? { pdf: new Uint8Array(artifacts.pdf.buffer, artifacts.pdf.byteOffset, artifacts.pdf.length) }
        : {}),
      missingCharacters: artifacts.missingCharacters,
      failedChecks: artifacts.failedChecks,
      ms: performance.now() - started,
    };
  } catch (err) {
    return { ok: false, error: asFinplanError(err).toJSON(), ms: performance.now() - started };
  }
}
