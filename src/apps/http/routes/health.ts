/**
 * Health for the gateway and the orchestrator, metrics for Prometheus. None needs a key (they carry
 * no client data) and none is rate limited; the gateway should not route them to the internet.
 *
 * /healthz is liveness: it touches nothing but this thread, so it answers in milliseconds while
 * every worker renders. /readyz is readiness: the workers have warmed up, the queue has room and
 * the server is not shutting down; a 503 tells the balancer to send work elsewhere.
 */
import { z } from 'zod';
import type { RouteModule } from '../context.js';
import { RETRY_AFTER_SECONDS } from '../errors.js';

const PUBLIC = { rateLimit: false } as const;

export const healthRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/healthz',
    {
      config: PUBLIC,
      schema: {
        summary: '存活检查',
        tags: ['operations'],
        response: { 200: z.strictObject({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: PUBLIC,
      schema: {
        summary: '就绪检查：工作线程已就绪、渲染队列未满、未在停机',
        tags: ['operations'],
        response: {
          200: z.strictObject({
            status: z.literal('ready'),
            workers: z.number(),
            queued: z.number(),
            maxQueue: z.number(),
          }),
          503: z.strictObject({
            status: z.literal('not_ready'),
            reason: z.enum(['starting', 'closing', 'queue_full']),
          }),
        },
      },
    },
    async (_req, reply) => {
      const { state, pool, config } = ctx;
      const reason = state.closing
        ? 'closing'
        : !state.warm
          ? 'starting'
          : pool.queued >= config.maxQueue
            ? 'queue_full'
            : null;
      if (reason)
        return reply
          .code(503)
          .header('retry-after', String(RETRY_AFTER_SECONDS))
          .send({ status: 'not_ready' as const, reason });
      return { status: 'ready' as const, workers: pool.size, queued: pool.queued, maxQueue: config.maxQueue };
    },
  );

  app.get(
    '/metrics',
    {
      config: PUBLIC,
      schema: { summary: 'Prometheus 指标', tags: ['operations'], response: { 200: z.string() } },
    },
    async (_req, reply) =>
      reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics()),
  );
};
