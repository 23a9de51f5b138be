/**
 * POST /v1/plans: a profile and render options in, the Plan JSON or the PDF out, as the Accept
 * header asks. The work is the one request path (producePlan) on the render pool's worker threads,
 * so this thread only negotiates, queues and answers, and /healthz stays quick while every worker
 * renders.
 *
 * The options' protection.password arrives in the body (TLS ends at the bank's gateway, which must
 * forward over a trusted network); it goes to the worker and nowhere else: bodies are never logged.
 */
import { z } from 'zod';
import { profileSchema } from '../../../domain/profile.js';
import { FinplanError } from '../../../errors.js';
import { parseRenderOptions, renderOptionsSchema } from '../../../report/options.js';
import { RenderQueueFull } from '../../pool/render-pool.js';
import type { RouteModule } from '../context.js';
import { JSON_TYPE, sendBytes } from '../send.js';
import { errorResponses, validateWith } from '../validation.js';
import { WorkerFailure } from '../errors.js';

/** The request body as documented: the whole profile schema and the render options. */
const planRequestSchema = z
  .strictObject({
    profile: profileSchema,
    options: renderOptionsSchema.optional(),
  })
  .describe('家庭档案与渲染选项');

/**
 * What this thread checks: the envelope only. The profile is validated once, in the worker, by
 * the same function every door uses, which reports field and cross-field problems together (a zod
 * pass here would stop at the field problems and hide the rest).
 */
const planEnvelopeSchema = z.strictObject({
  profile: z.record(z.string(), z.unknown()),
  options: z.unknown().optional(),
});
validateWith(planRequestSchema, planEnvelopeSchema);

export type PlanFormat = 'pdf' | 'json';
const MEDIA: Record<string, PlanFormat> = { 'application/pdf': 'pdf', 'application/json': 'json' };

/**
 * The format an Accept header asks for: the listed type with the highest q (first on a tie).
 * Wildcards do not choose: a PDF and a Plan are different products and a client must say which.
 */
export function negotiatePlanFormat(accept: string | undefined): PlanFormat | null {
  let best: { format: PlanFormat; q: number } | null = null;
  for (const part of (accept ?? '').split(',').slice(0, 20)) {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const format = type ? MEDIA[type] : undefined;
    if (!format) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    if (!best || q > best.q) best = { format, q };
  }
  return best?.format ?? null;
}

/** `attachment; filename="plan.pdf"; filename*=UTF-8''程先生家庭理财规划书.pdf` (RFC 6266 / 8187). */
export function contentDisposition(clientTitle: string): string {
  const safe = clientTitle.replace(/[\p{Cc}\\/:*?"<>|]/gu, '').slice(0, 40);
  const name = `${safe}家庭理财规划书.pdf`;
  const encoded = encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="plan.pdf"; filename*=UTF-8''${encoded}`;
}

export const planRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/v1/plans',
    {
      config: { scope: 'plans' },
      schema: {
        summary: '生成理财规划书（PDF 或 Plan JSON）',
        description:
          'Accept: application/pdf 返回 PDF（Content-Disposition 带中文文件名），Accept: application/json 返回 Plan JSON（见 docs/plan-format.md），其他取值返回 406。' +
          '档案校验不通过时返回 422，issues 列出每一处问题（路径相对于 profile）。渲染队列已满时返回 503 与 Retry-After。' +
          'options.protection.password 随请求体传入，只用于加密 PDF，不写入日志；传输安全由网关的 TLS 负责。',
        tags: ['plans'],
        security: [{ bearerAuth: [] }],
        body: planRequestSchema,
        response: {
          200: {
            description: '规划书 PDF 或 Plan JSON',
            content: {
              'application/pdf': { schema: z.string().describe('PDF 文件（二进制）') },
              'application/json': {
                schema: z.looseObject({}).describe('Plan JSON，格式见 docs/plan.schema.json'),
              },
            },
          },
          ...errorResponses(400, 401, 403, 406, 413, 415, 422, 429, 500, 503),
        },
      },
    },
    async (req, reply) => {
      const format = negotiatePlanFormat(req.headers.accept);
      if (!format)
        throw new FinplanError(
          'FINPLAN_E_NOT_ACCEPTABLE',
          '请在 Accept 头中指定 application/pdf（规划书 PDF）或 application/json（Plan JSON）',
        );
      const body = req.body as z.output<typeof planEnvelopeSchema>;
      // Options are checked here, before a worker is asked: FINPLAN_E_INVALID_OPTIONS names each field.
      const options = body.options === undefined ? undefined : parseRenderOptions(body.options);

      const abort = new AbortController();
      // A client that hangs up frees its place in the queue (or its worker) for the next one.
      const onClose = () => {
        if (!reply.raw.writableFinished) abort.abort();
      };
      reply.raw.once('close', onClose);
      let outcome;
      try {
        outcome = await ctx.render(
          { profile: body.profile, ...(options ? { options } : {}), pdf: format === 'pdf' },
          abort.signal,
        );
      } catch (err) {
        if (err instanceof RenderQueueFull)
          throw new FinplanError('FINPLAN_E_BUSY', '渲染队列已满，请按 Retry-After 稍后重试');
        throw err;
      } finally {
        reply.raw.off('close', onClose);
      }
      if (!outcome.ok) throw new WorkerFailure(outcome.error);

      if (outcome.failedChecks.length) {
        // A failed self-check is a bug in finplan: the ids go to the log and the client, never the figures.
        req.log.warn({ failedChecks: outcome.failedChecks }, 'plan self-check failed');
        reply.header('x-finplan-failed-checks', outcome.failedChecks.join(','));
      }
      if (format === 'json') return sendBytes(reply, JSON_TYPE, JSON.stringify(outcome.plan));
      reply.header('x-finplan-missing-characters', String(outcome.missingCharacters.length));
      reply.header('content-disposition', contentDisposition(outcome.plan.household.clientTitle));
      const pdf = outcome.pdf!;
      return sendBytes(reply, 'application/pdf', Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length));
    },
  );
};
