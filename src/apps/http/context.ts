/**
 * What the route modules share: the config, the render pool, the key store and the server's state.
 * A route module is a function of the app and this context; server.ts registers them from a list,
 * which is where /v1/batches joins.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RenderPool } from '../pool/render-pool.js';
import type { RenderOutcome, RenderTask } from '../pool/types.js';
import type { ServeConfig } from './config.js';
import type { AuthenticatedKey, KeyStore, Scope } from './keys.js';
import type { ServerMetrics } from './metrics.js';
import type { NonceCache } from './signing.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface ServerState {
  /** The render workers have each made a plan and a PDF once (their fonts and templates are loaded). */
  warm: boolean;
  /** SIGTERM arrived: readiness fails so the gateway sends no new work. */
  closing: boolean;
}

export interface ServerContext {
  config: ServeConfig;
  pool: RenderPool;
  keys: KeyStore;
  nonces: NonceCache;
  metrics: ServerMetrics;
  state: ServerState;
  /** Run a render on the pool, counted in the in-flight gauge, stopped on timeout or abort. */
  render: (task: RenderTask, signal: AbortSignal) => Promise<RenderOutcome>;
  /** Milliseconds since the epoch; tests move it to check signature windows. */
  clock: () => number;
}

export type RouteModule = (app: App, ctx: ServerContext) => void | Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key that authenticated this request (routes with a scope only). */
    apiKey?: AuthenticatedKey;
    /** The body's bytes as received, for signature checks. */
    rawBody?: Buffer;
  }
  interface FastifyContextConfig {
    /** The scope a key needs for this route; routes without one are public (health, docs). */
    scope?: Scope;
    /** The media types a route reads, named in its 415 message (default: JSON). */
    accepts?: string;
  }
}
