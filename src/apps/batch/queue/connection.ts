/**
 * The Redis connection of the queue path. The URL goes to ioredis as given, so
 * `redis://user:password@host:6379/2` (AUTH, database 2) and `rediss://…` (TLS) work as ioredis
 * documents them. Redis holds the households' profiles while their jobs wait: it must sit on the
 * bank's internal network with AUTH and, across machines, TLS (docs/batch-queue.md).
 *
 * One queue serves every batch: a worker needs no batch id to join, and a batch's jobs are told
 * apart by their ids (`<batchId>-<household id>-<input hash>`).
 */
import { Redis, type RedisOptions } from 'ioredis';
import { FinplanError } from '../../../errors.js';

/** The BullMQ queue every batch's jobs go to. */
export const QUEUE_NAME = 'finplan-batch';

/** Our own keys beside BullMQ's: one record per batch (households, rejected rows, state). */
export const RECORD_PREFIX = 'finplan:batch:';

/**
 * Profiles leave Redis once the manifest is written; a batch nobody collects is purged after this
 * long (BullMQ removes its finished jobs by age, Redis expires its record a day later).
 */
export const RETENTION_SECONDS = 7 * 24 * 3600;

export function checkQueueUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FinplanError('FINPLAN_E_USAGE', '--queue 应为 redis://主机:端口 或 rediss://主机:端口');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new FinplanError('FINPLAN_E_USAGE', '--queue 应为 redis://主机:端口 或 rediss://主机:端口');
  return url;
}

/** The URL as it may be printed: the password masked (a log is read by more people than Redis is). */
export function displayQueueUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://?';
  }
}

export interface ConnectOptions {
  /**
   * A worker waits for Redis for ever (BullMQ requires maxRetriesPerRequest: null for its blocking
   * commands); a command-line client gives up after a few tries with a clear message.
   */
  role: 'worker' | 'client';
}

/** Connect and check with PING, so a wrong host or password fails now with a Chinese message. */
export async function connectRedis(url: string, { role }: ConnectOptions): Promise<Redis> {
  checkQueueUrl(url);
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    lazyConnect: true,
    connectTimeout: 5000,
    ...(role === 'client' ? { retryStrategy: (times: number) => (times > 3 ? null : 200 * times) } : {}),
  };
  const redis = new Redis(url, options);
  // ioredis reports connection trouble as 'error' events; without a listener they are printed with
  // the URL (and its password). The failure itself reaches us through connect()/ping() below.
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new FinplanError(
      'FINPLAN_E_QUEUE_UNAVAILABLE',
      `${displayQueueUrl(url)}（${err instanceof Error ? err.message.replace(url, displayQueueUrl(url)) : '未知原因'}）`,
      { cause: err },
    );
  }
  return redis;
}

export function recordKey(batchId: string): string {
  return `${RECORD_PREFIX}${batchId}`;
}
