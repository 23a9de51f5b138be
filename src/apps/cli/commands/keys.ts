/**
 * finplan keys add|list|revoke: API keys for `finplan serve` (src/apps/http/keys.ts). The keys file
 * is `--keys-file`, else FINPLAN_KEYS_FILE, else the serve config's `keysFile` (same defaults as
 * the server, so both find the same file).
 */
import { loadServeConfig } from '../../http/config.js';
import { addKey, parseScopes, readKeysFile, revokeKey } from '../../http/keys.js';
import { FinplanError } from '../../../errors.js';

export interface KeysCommandOptions {
  keysFile?: string;
  config?: string;
}

function keysFilePath(opts: KeysCommandOptions): string {
  if (opts.keysFile) return opts.keysFile;
  return loadServeConfig({ ...(opts.config ? { file: opts.config } : {}), env: process.env }).keysFile;
}

export function runKeysAdd(
  name: string,
  opts: KeysCommandOptions & { scopes: string; signing?: boolean; rateLimit?: string },
): void {
  const rate = opts.rateLimit === undefined ? undefined : Number(opts.rateLimit);
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1 && rate <= 100_000))
    throw new FinplanError('FINPLAN_E_USAGE', '--rate-limit 应为 1 到 100000 之间的整数（每分钟请求数）');
  const path = keysFilePath(opts);
  const { key, signingSecret, stored } = addKey(path, name, {
    scopes: parseScopes(opts.scopes),
    ...(opts.signing ? { signing: true } : {}),
    ...(rate !== undefined ? { rateLimitPerMinute: rate } : {}),
  });
  // The key on stdout alone (scripts capture it); the explanation on stderr.
  process.stdout.write(`${key}\n`);
  if (signingSecret) process.stdout.write(`${signingSecret}\n`);
  process.stderr.write(
    `已创建密钥 ${stored.name}（权限：${stored.scopes.join(', ')}），写入 ${path}。` +
      `密钥只显示这一次，文件中只保存其 SHA-256 摘要，请立即妥善保存。\n`,
  );
  if (signingSecret)
    process.stderr.write('第二行是请求签名密钥：此密钥的每个请求都必须签名（见 /docs 的说明）。\n');
}

export function runKeysList(opts: KeysCommandOptions): void {
  const rows = readKeysFile(keysFilePath(opts)).keys.map((k) => ({
    name: k.name,
    scopes: k.scopes,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt ?? null,
    signing: Boolean(k.signingSecret),
    rateLimitPerMinute: k.rateLimitPerMinute ?? null,
  }));
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}

export function runKeysRevoke(name: string, opts: KeysCommandOptions): void {
  const path = keysFilePath(opts);
  revokeKey(path, name);
  process.stderr.write(`已吊销密钥 ${name}（运行中的服务一秒内生效）。\n`);
}
