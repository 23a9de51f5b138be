/**
 * `finplan serve` configuration: defaults, then a JSON config file (`--config serve.json`), then
 * FINPLAN_* environment variables, then command-line flags — each later source wins. One zod schema
 * checks the merged result, so a bad value fails at start-up with a Chinese message naming the
 * field, never halfway through a request.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { fromZodIssue, PARSE_OPTIONS } from '../../domain/issues.js';
import { LIMITS } from '../../domain/limits.js';
import { SHEET_LIMITS } from '../batch/sheet/limits.js';
import { FinplanError } from '../../errors.js';
import { parseJsonText } from '../input.js';

export const serveConfigSchema = z.strictObject({
  host: z.string().min(1).max(255).default('127.0.0.1').describe('监听地址；缺省只监听本机'),
  port: z.coerce.number().int().min(0).max(65535).default(8080).describe('监听端口；0 表示由系统分配'),
  keysFile: z.string().min(1).max(4096).default('finplan-keys.json').describe('API 密钥文件路径'),
  workers: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(() => availableParallelism())
    .describe('渲染工作线程数；缺省为 CPU 核数'),
  maxQueue: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(8)
    .describe('等待渲染的请求上限；满时返回 503'),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    // The profile itself may not exceed this (LIMITS.maxProfileBytes), so neither may its envelope.
    .max(LIMITS.maxProfileBytes)
    .default(LIMITS.maxProfileBytes)
    .describe('请求体字节数上限；超出返回 413'),
  requestTimeoutMs: z.coerce
    .number()
    .int()
    .min(1000)
    .max(600_000)
    .default(60_000)
    .describe('接收完整个请求（含请求体）的时限，防止慢速连接占用服务'),
  renderTimeoutMs: z.coerce
    .number()
    .int()
    .min(1000)
    .max(600_000)
    .default(30_000)
    .describe('单份规划书排队加渲染的时限；超时返回 503'),
  rateLimitPerMinute: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(120)
    .describe('每个密钥每分钟的请求数上限（密钥可单独设定）；超出返回 429'),
  signatureWindowSeconds: z.coerce
    .number()
    .int()
    .min(10)
    .max(3600)
    .default(300)
    .describe('请求签名的时间窗口（秒）：时间戳偏差超过它的请求被拒绝'),
  nonceCacheSize: z.coerce
    .number()
    .int()
    .min(100)
    .max(10_000_000)
    .default(100_000)
    .describe('记住的签名随机数（nonce）上限；满时拒绝新的签名请求而不是忘记旧的'),
  shutdownTimeoutMs: z.coerce
    .number()
    .int()
    .min(1000)
    .max(600_000)
    .default(60_000)
    .describe('收到 SIGTERM 后等待进行中的请求完成的时限'),
  renderNice: z.coerce
    .number()
    .int()
    .min(0)
    .max(19)
    .default(10)
    .describe(
      '渲染线程的 nice 值：越大越让出 CPU 给处理请求的主线程（健康检查与计算器保持快速）；与其他进程共用 CPU 时渲染也会更慢',
    ),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  trustProxy: z
    .union([z.boolean(), z.string().min(1).max(1000)])
    .default(false)
    .describe('网关地址（如 "10.0.0.0/8"）或 true：从 X-Forwarded-For 取客户端地址'),
  batchesDir: z
    .string()
    .min(1)
    .max(4096)
    .default(() => join(tmpdir(), 'finplan-batches'))
    .describe(
      '批量任务的目录（上传的表格、规划书 PDF、清单与报告）；缺省为系统临时目录下的 finplan-batches，生产环境应指定一个持久目录',
    ),
  batchUploadLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(SHEET_LIMITS.maxFileBytes)
    .default(16 * 1024 * 1024)
    .describe('批量上传表格的字节数上限；超出返回 413'),
  batchConcurrency: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .optional()
    .describe('所有批量任务合计同时占用的渲染线程数；缺省为 workers − 1（至少 1），给单份规划书留出一个线程'),
  extraBrandDirs: z.array(z.string().min(1).max(4096)).max(50).default([]).describe('额外的品牌目录'),
});

export type ServeConfig = z.output<typeof serveConfigSchema>;
export type ServeConfigInput = z.input<typeof serveConfigSchema>;

/** FINPLAN_* environment variables and the config field each sets. */
export const CONFIG_ENV: Record<string, keyof ServeConfigInput> = {
  FINPLAN_HOST: 'host',
  FINPLAN_PORT: 'port',
  FINPLAN_KEYS_FILE: 'keysFile',
  FINPLAN_WORKERS: 'workers',
  FINPLAN_MAX_QUEUE: 'maxQueue',
  FINPLAN_BODY_LIMIT_BYTES: 'bodyLimitBytes',
  FINPLAN_REQUEST_TIMEOUT_MS: 'requestTimeoutMs',
  FINPLAN_RENDER_TIMEOUT_MS: 'renderTimeoutMs',
  FINPLAN_RATE_LIMIT_PER_MINUTE: 'rateLimitPerMinute',
  FINPLAN_SIGNATURE_WINDOW_SECONDS: 'signatureWindowSeconds',
  FINPLAN_NONCE_CACHE_SIZE: 'nonceCacheSize',
  FINPLAN_SHUTDOWN_TIMEOUT_MS: 'shutdownTimeoutMs',
  FINPLAN_RENDER_NICE: 'renderNice',
  FINPLAN_LOG_LEVEL: 'logLevel',
  FINPLAN_TRUST_PROXY: 'trustProxy',
  FINPLAN_BATCHES_DIR: 'batchesDir',
  FINPLAN_BATCH_UPLOAD_LIMIT_BYTES: 'batchUploadLimitBytes',
  FINPLAN_BATCH_CONCURRENCY: 'batchConcurrency',
};

/** Config files are small; anything bigger is not one. */
const CONFIG_FILE_MAX_BYTES = 64 * 1024;

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > CONFIG_FILE_MAX_BYTES)
      throw new FinplanError('FINPLAN_E_INVALID_CONFIG', `配置文件 ${path} 超过 64 KB`);
    text = bytes.toString('utf8');
  } catch (err) {
    if (err instanceof FinplanError) throw err;
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `找不到或无法读取配置文件 ${path}`, { cause: err });
  }
  const value = parseJsonText(text, `配置文件 ${path} `);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FinplanError('FINPLAN_E_INVALID_CONFIG', `配置文件 ${path} 应为一个 JSON 对象`);
  const config = { ...(value as Record<string, unknown>) };
  // Paths in a config file are relative to the file, not to wherever the server was started.
  const base = dirname(resolve(path));
  if (typeof config.keysFile === 'string') config.keysFile = resolve(base, config.keysFile);
  if (typeof config.batchesDir === 'string') config.batchesDir = resolve(base, config.batchesDir);
  if (Array.isArray(config.extraBrandDirs))
    config.extraBrandDirs = config.extraBrandDirs.map((d) => (typeof d === 'string' ? resolve(base, d) : d));
  return config;
}

function fromEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(CONFIG_ENV)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (field === 'trustProxy') out[field] = value === 'true' ? true : value === 'false' ? false : value;
    else out[field] = value;
  }
  return out;
}

export interface LoadConfigSources {
  /** `--config <file>`. */
  file?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Command-line flags (`--host`, `--port`). */
  flags?: Partial<ServeConfigInput>;
}

/** Merge the sources and check them; throws FINPLAN_E_INVALID_CONFIG naming every bad field. */
export function loadServeConfig(sources: LoadConfigSources = {}): ServeConfig {
  const merged = {
    ...(sources.file ? readConfigFile(sources.file) : {}),
    ...fromEnvironment(sources.env ?? {}),
    ...Object.fromEntries(Object.entries(sources.flags ?? {}).filter(([, v]) => v !== undefined)),
  };
  const parsed = serveConfigSchema.safeParse(merged, PARSE_OPTIONS);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(fromZodIssue);
    throw new FinplanError('FINPLAN_E_INVALID_CONFIG', `共 ${issues.length} 处问题`, { issues });
  }
  return parsed.data;
}
