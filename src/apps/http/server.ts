/**
 * The HTTP server: Fastify 5 with zod schemas, one render pool, API keys, per-key rate limits,
 * Prometheus metrics and the OpenAPI document. buildServer() makes it without listening, so tests
 * can start it on port 0 in-process; `finplan serve` (src/apps/cli/commands/serve.ts) listens and
 * handles SIGTERM.
 *
 * Routes come from ROUTE_MODULES: a new door onto the API (e.g. /v1/batches) is a RouteModule added
 * to that list; it gets auth, scopes, rate limits, metrics, logging and errors from here.
 */
import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FinplanError } from '../../errors.js';
import { PACKAGE_ROOT } from '../assets.js';
import { RenderPool, RenderQueueFull } from '../pool/render-pool.js';
import type { RenderTask } from '../pool/types.js';
import { installAuth } from './auth.js';
import type { ServeConfig } from './config.js';
import type { App, RouteModule, ServerContext } from './context.js';
import { makeErrorHandler, notFoundHandler } from './errors.js';
import { KeyStore } from './keys.js';
import { ServerMetrics } from './metrics.js';
import { installOpenApi } from './openapi.js';
import { batchRoutes } from './routes/batches.js';
import { calculatorRoutes } from './routes/calculators.js';
import { healthRoutes } from './routes/health.js';
import { planRoutes } from './routes/plans.js';
import { NonceCache } from './signing.js';
import { validatorCompiler } from './validation.js';

/** Every route module the server registers, in order. */
export const ROUTE_MODULES: RouteModule[] = [healthRoutes, planRoutes, calculatorRoutes, batchRoutes];

export interface ServerOptions {
  config: ServeConfig;
  /** Where the log lines go (default stdout); tests capture them. */
  logStream?: NodeJS.WritableStream;
  /** A pool to use instead of making one (tests share one between servers). */
  pool?: RenderPool;
  clock?: () => number;
  /** Make each worker render a sample plan before readiness (default true). */
  warmUp?: boolean;
}

export interface FinplanServer {
  app: App;
  ctx: ServerContext;
  /** Settles when the workers are warm (readiness turns green). */
  warmedUp: Promise<void>;
  /** Listen on the config's host and port; resolves to the address ("http://127.0.0.1:8080"). */
  listen: () => Promise<string>;
  /** Stop accepting, answer the requests in hand, finish their renders, stop the workers. */
  close: () => Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function buildServer(options: ServerOptions): Promise<FinplanServer> {
  const { config } = options;
  const clock = options.clock ?? Date.now;
  const pool =
    options.pool ??
    new RenderPool({
      workers: config.workers,
      maxQueue: config.maxQueue,
      extraBrandDirs: config.extraBrandDirs,
    });
  const ownsPool = !options.pool;

  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Belt and braces: the request log line carries none of these, but an error log might.
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-finplan-signature"]', 'body', 'profile'],
        remove: true,
      },
    },
    // One line per request, written in onResponse below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    // The gateway's X-Request-Id carries through, if it looks like an id; otherwise a fresh one.
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && REQUEST_ID.test(h) ? h : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 100 },
  }).withTypeProvider<ZodTypeProvider>();

  let pending = 0;
  const state = { warm: false, closing: false };
  const metrics = new ServerMetrics({
    queued: () => pool.queued,
    inFlight: () => Math.max(0, pending - pool.queued),
  });
  const ctx: ServerContext = {
    config,
    pool,
    keys: new KeyStore(config.keysFile, clock),
    nonces: new NonceCache(config.nonceCacheSize, config.signatureWindowSeconds * 1000),
    metrics,
    state,
    clock,
    render: async (task: RenderTask, signal: AbortSignal) => {
      // The bound is kept here too, not only by piscina's maxQueue: measured, piscina went on
      // queueing while it replaced workers stopped by an abort, and those requests waited for the
      // render timeout instead of getting an immediate 503.
      if (pending >= pool.size + config.maxQueue) throw new RenderQueueFull();
      const timeout = AbortSignal.timeout(config.renderTimeoutMs);
      pending++;
      try {
        return await pool.run(task, AbortSignal.any([signal, timeout]));
      } catch (err) {
        if (timeout.aborted)
          throw new FinplanError(
            'FINPLAN_E_TIMEOUT',
            `规划书未能在 ${config.renderTimeoutMs / 1000} 秒内生成`,
          );
        if (signal.aborted) throw new FinplanError('FINPLAN_E_INVALID_REQUEST', '客户端已断开连接');
        throw err;
      } finally {
        pending--;
      }
    },
  };

  app.setValidatorCompiler(validatorCompiler);
  // Handlers send strings they serialised themselves; response schemas only document.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(makeErrorHandler(config.bodyLimitBytes));
  app.setNotFoundHandler(notFoundHandler);

  // JSON only, read as bytes: the signature covers the exact bytes, and our parser's messages give a
  // position but never quote the body (JSON.parse's own message does).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (req: FastifyRequest, body: Buffer, done) => {
      req.rawBody = body;
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        done(new FinplanError('FINPLAN_E_INPUT_ENCODING', '请求体应为 UTF-8 编码的 JSON'), undefined);
        return;
      }
      try {
        done(null, parseBody(text));
      } catch (err) {
        done(err as Error, undefined);
      }
    },
  );

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', String(req.id));
    // While shutting down, a response ends its connection: a kept-alive socket would otherwise hold
    // server.close() open (Fastify closes the connections idle when close() starts, not those that
    // become idle after it).
    if (state.closing) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const ms = reply.elapsedTime;
    metrics.observe(route, req.method, reply.statusCode, ms / 1000);
    // The one log line of a request: who, what, how it ended. Never a body, header or profile value.
    req.log.info(
      {
        key: req.apiKey?.name ?? null,
        method: req.method,
        route,
        status: reply.statusCode,
        ms: Math.round(ms * 10) / 10,
      },
      'request',
    );
  });

  installAuth(app, ctx);
  // After auth's onRequest hook (route-level hooks run after app-level ones), so the limit is per key.
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    max: (req) => req.apiKey?.rateLimitPerMinute ?? config.rateLimitPerMinute,
    keyGenerator: (req) => (req.apiKey ? `key:${req.apiKey.name}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, c) =>
      new FinplanError(
        'FINPLAN_E_RATE_LIMITED',
        `每分钟最多 ${c.max} 次，请 ${Math.ceil(c.ttl / 1000)} 秒后重试`,
      ),
  });
  await installOpenApi(app);
  for (const register of ROUTE_MODULES) await register(app, ctx);
  await app.ready();
  // Build the OpenAPI document now (a second of zod → JSON Schema work), not on the first GET.
  app.swagger();

  const warmedUp = ((options.warmUp ?? true) ? warmUpWorkers(pool, app) : Promise.resolve()).then(() => {
    state.warm = true;
  });

  return {
    app,
    ctx,
    warmedUp,
    listen: async () => app.listen({ host: config.host, port: config.port }),
    close: async () => {
      state.closing = true;
      await app.close();
      if (ownsPool) await pool.close();
    },
  };
}

function parseBody(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    const m = /position (\d+)/.exec(String((err as Error).message));
    const where = m ? `（第 ${Number(m[1]) + 1} 个字符附近）` : '（内容不完整，可能缺少括号或引号）';
    throw new FinplanError('FINPLAN_E_INVALID_JSON', `请求体不是合法的 JSON${where}`);
  }
}

/**
 * Each worker builds its fonts, templates and brands on its first task: do that before the first
 * client's request does, by rendering the bundled sample once per worker.
 */
async function warmUpWorkers(pool: RenderPool, app: App): Promise<void> {
  const started = performance.now();
  let profile: unknown;
  try {
    profile = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'samples', 'single-parent-chengdu.json'), 'utf8'));
  } catch {
    app.log.warn('warm-up sample not found; the first requests will load fonts and templates');
    return;
  }
  const runs = Array.from({ length: pool.size }, () => pool.run({ profile, options: { depth: 'summary' } }));
  const outcomes = await Promise.allSettled(runs);
  const failed = outcomes.filter((o) => o.status === 'rejected' || !o.value.ok).length;
  app.log.info(
    { workers: pool.threads, failed, ms: Math.round(performance.now() - started) },
    'render workers warm',
  );
}
