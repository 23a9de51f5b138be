/**
 * API keys: `finplan keys add|list|revoke` write the keys file, the server reads it.
 *
 * A key is 32 random bytes (base64url, prefixed `fpk_` so a leaked one is easy to spot in a log or
 * a repository scan). The file keeps only its SHA-256. A slow password hash (scrypt, argon2) exists
 * to make guessing a *low-entropy* secret expensive; a 256-bit random key cannot be guessed at any
 * speed, so a fast hash loses nothing and keeps authentication to microseconds per request. The
 * presented key's hash is compared with every stored hash with timingSafeEqual, all of them, so the
 * time taken says neither which key nor how much of one matched.
 *
 * A key may also carry a signing secret for HMAC request signing (signing.ts). HMAC needs the
 * secret itself on both sides, so the file holds it as is; it is useless without the bearer key,
 * whose hash is all the file holds. The file is written atomically (temporary file, fsync, rename)
 * with mode 600, so a crash never leaves half a file and other users cannot read it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { fromZodIssue, PARSE_OPTIONS } from '../../domain/issues.js';
import { FinplanError } from '../../errors.js';

/** What a key may be used for; each route names the scope it needs. */
export const SCOPES = ['plans', 'calculators', 'batches'] as const;
export type Scope = (typeof SCOPES)[number];

const KEYS_FILE_VERSION = 1;
const KEY_PREFIX = 'fpk_';
const SECRET_PREFIX = 'fps_';
/** A keys file is small: a few hundred bytes a key. */
const KEYS_FILE_MAX_BYTES = 4 * 1024 * 1024;

const keyNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, { error: 'invalid_id' })
  .describe('密钥名称（如门户名）：英文字母、数字、点、下划线或连字符，最多 63 个字符');

const storedKeySchema = z.strictObject({
  name: keyNameSchema,
  /** sha256 of the key, hex. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length),
  createdAt: z.string().max(40),
  revokedAt: z.string().max(40).optional(),
  /** Requests must carry a valid HMAC signature made with this secret. */
  signingSecret: z.string().max(100).optional(),
  /** Requests per minute; absent: the server's default. */
  rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
});
export type StoredKey = z.output<typeof storedKeySchema>;

const keysFileSchema = z.strictObject({
  version: z.literal(KEYS_FILE_VERSION),
  keys: z.array(storedKeySchema).max(10_000),
});
export type KeysFile = z.output<typeof keysFileSchema>;

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Read the keys file; a missing file is an empty one (no key opens anything). */
export function readKeysFile(path: string): KeysFile {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > KEYS_FILE_MAX_BYTES)
      throw new FinplanError('FINPLAN_E_INVALID_CONFIG', `密钥文件 ${path} 超过 4 MB，不像是密钥文件`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof FinplanError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: KEYS_FILE_VERSION, keys: [] };
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `无法读取密钥文件 ${path}`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message would quote the file: it holds secrets.
    throw new FinplanError('FINPLAN_E_INVALID_CONFIG', `密钥文件 ${path} 不是合法的 JSON`);
  }
  const parsed = keysFileSchema.safeParse(value, PARSE_OPTIONS);
  if (!parsed.success)
    throw new FinplanError('FINPLAN_E_INVALID_CONFIG', `密钥文件 ${path} 格式不正确`, {
      issues: parsed.error.issues.flatMap(fromZodIssue),
    });
  return parsed.data;
}

/** Write the whole file atomically with mode 600: a reader sees the old file or the new one. */
export function writeKeysFile(path: string, file: KeysFile): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing to clean up.
    }
    throw new FinplanError('FINPLAN_E_OUTPUT_WRITE', `无法写入密钥文件 ${path}`, { cause: err });
  }
}

export interface AddKeyOptions {
  scopes: Scope[];
  signing?: boolean;
  rateLimitPerMinute?: number;
  now?: Date;
}

/** Add a key; returns the key (and signing secret), shown once and never stored. */
export function addKey(
  path: string,
  name: string,
  options: AddKeyOptions,
): { key: string; signingSecret?: string; stored: StoredKey } {
  const checkedName = keyNameSchema.safeParse(name);
  if (!checkedName.success)
    throw new FinplanError(
      'FINPLAN_E_USAGE',
      '密钥名称只能由英文字母、数字、点、下划线或连字符组成（最多 63 个字符）',
    );
  const file = readKeysFile(path);
  const existing = file.keys.find((k) => k.name === name);
  if (existing && !existing.revokedAt)
    throw new FinplanError(
      'FINPLAN_E_USAGE',
      `已有名为 ${name} 的有效密钥；如需更换，请先吊销（finplan keys revoke ${name}）`,
    );
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const signingSecret = options.signing
    ? `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`
    : undefined;
  const stored: StoredKey = {
    name,
    hash: hashKey(key).toString('hex'),
    scopes: [...new Set(options.scopes)],
    createdAt: (options.now ?? new Date()).toISOString(),
    ...(signingSecret ? { signingSecret } : {}),
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
  };
  // A revoked key of the same name is replaced: its hash no longer opens anything either way.
  writeKeysFile(path, {
    version: KEYS_FILE_VERSION,
    keys: [...file.keys.filter((k) => k.name !== name), stored],
  });
  return { key, ...(signingSecret ? { signingSecret } : {}), stored };
}

export function revokeKey(path: string, name: string, now: Date = new Date()): void {
  const file = readKeysFile(path);
  const key = file.keys.find((k) => k.name === name);
  if (!key) throw new FinplanError('FINPLAN_E_USAGE', `没有名为 ${name} 的密钥（finplan keys list 查看）`);
  if (key.revokedAt) return;
  key.revokedAt = now.toISOString();
  writeKeysFile(path, file);
}

/** Parse `--scopes plans,calculators`; every name must be known. */
export function parseScopes(text: string): Scope[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SCOPES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length)
    throw new FinplanError('FINPLAN_E_USAGE', `--scopes 应为以下取值的逗号分隔列表：${SCOPES.join('、')}`);
  return names as Scope[];
}

export interface AuthenticatedKey {
  name: string;
  scopes: ReadonlySet<Scope>;
  signingSecret?: string;
  rateLimitPerMinute?: number;
}

/**
 * The server's view of the keys file. It re-reads the file when its modification time or size
 * changes (checked at most once a second), so `finplan keys revoke` takes effect on a running
 * server within a second, without a restart.
 */
export class KeyStore {
  private keys: { hash: Buffer; key: AuthenticatedKey }[] = [];
  private stamp = '';
  private checkedAt = 0;

  constructor(
    private readonly path: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.reload();
  }

  private reload(): void {
    let stamp: string;
    try {
      const s = statSync(this.path);
      stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.stamp) return;
    const file = readKeysFile(this.path);
    this.keys = file.keys
      .filter((k) => !k.revokedAt)
      .map((k) => ({
        hash: Buffer.from(k.hash, 'hex'),
        key: {
          name: k.name,
          scopes: new Set(k.scopes),
          ...(k.signingSecret ? { signingSecret: k.signingSecret } : {}),
          ...(k.rateLimitPerMinute ? { rateLimitPerMinute: k.rateLimitPerMinute } : {}),
        },
      }));
    this.stamp = stamp;
  }

  /** How many keys can open anything (for the start-up log line). */
  get activeCount(): number {
    return this.keys.length;
  }

  /** The key a bearer token belongs to, or null. Every stored hash is compared, in constant time. */
  authenticate(presented: string): AuthenticatedKey | null {
    const now = this.clock();
    if (now - this.checkedAt >= 1000) {
      this.checkedAt = now;
      try {
        this.reload();
      } catch {
        // A file being edited by hand may be briefly invalid: keep the keys last read.
      }
    }
    const digest = hashKey(presented);
    let found: AuthenticatedKey | null = null;
    for (const { hash, key } of this.keys) if (timingSafeEqual(hash, digest) && !found) found = key;
    return found;
  }
}
