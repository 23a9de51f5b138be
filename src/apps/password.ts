/**
 * Where a PDF password comes from. Only apps read the environment and files; the report layer gets
 * the resolved string (src/report/pdf/protection.ts).
 *
 * Accepted sources, and why there is no `--password <text>`: a command-line argument is visible to
 * every user of the machine (`ps`, /proc/<pid>/cmdline) and lands in shell history.
 * - an environment variable (the CLI reads FINPLAN_PDF_PASSWORD; a batch or server config may name
 *   another with `passwordEnv`);
 * - a password file (`--password-file <path>`, or `passwordFile` in a config): one line, UTF-8, at
 *   most 4 KB; `<(pass show finplan)` works, as the path may be a pipe;
 * - a password already in memory: the profile's report options (one password per client, e.g. in
 *   a batch sheet) or an HTTP request body.
 * More than one source for one document is refused rather than guessed between. A source that is
 * named but empty (an exported variable that is ""), is an error, never "no encryption".
 *
 * No message ever contains the password or the file's content.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { FinplanError } from '../errors.js';
import { preparePdfPassword, type ProtectionOptions } from '../report/pdf/protection.js';

/** The environment variable the CLI reads when no other source is given. */
export const DEFAULT_PASSWORD_ENV = 'FINPLAN_PDF_PASSWORD';

/** A password file larger than this is surely not a password file. */
export const PASSWORD_FILE_MAX_BYTES = 4096;

/**
 * A password source in a batch or server configuration (never in a client's profile: a profile is
 * untrusted input, and must not choose which server file or variable becomes a password).
 */
export const passwordSourceSchema = z.strictObject({
  passwordEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'invalid_id' })
    .max(100)
    .optional()
    .describe('存放 PDF 打开密码的环境变量名'),
  passwordFile: z.string().min(1).max(4096).optional().describe('存放 PDF 打开密码的文件路径（单行，UTF-8）'),
  allowCopying: z.boolean().optional().describe('是否允许复制文字，缺省允许'),
});
export type PasswordSource = z.output<typeof passwordSourceSchema>;

export interface PasswordSources {
  /** A password file path (`--password-file`, or a config's `passwordFile`). */
  file?: string;
  /** An environment variable to read. */
  env?: {
    name: string;
    /**
     * true: the variable was named on purpose (a config's `passwordEnv`), so unset is an error.
     * false: it is the CLI's default variable, and unset means "no password from here".
     */
    required: boolean;
  };
  /** A password already in memory: the profile's report options or an HTTP body. */
  inline?: { password: string; from: string };
}

export interface PasswordIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Reads a password file; tests may replace it. Defaults to a bounded read of the path. */
  readFile?: (path: string) => { bytes: Buffer; mode: number | null };
}

export interface ResolvedPassword {
  password: string;
  /** Which source it came from, for a log line ("环境变量 FINPLAN_PDF_PASSWORD"). */
  source: string;
  /** Things worth telling the operator (a password file others can read), in Chinese. */
  warnings: string[];
}

/**
 * Resolve at most one password source into a password, checked against the R6 rules
 * (src/report/pdf/protection.ts). Returns null when no source is present: no encryption.
 */
export function resolvePdfPassword(sources: PasswordSources, io: PasswordIo): ResolvedPassword | null {
  const found: (() => ResolvedPassword)[] = [];
  const names: string[] = [];
  if (sources.file !== undefined) {
    const path = sources.file;
    names.push('密码文件');
    found.push(() => readPasswordFile(path, io));
  }
  if (sources.env) {
    const { name, required } = sources.env;
    const value = io.env[name];
    if (value !== undefined || required) {
      names.push(`环境变量 ${name}`);
      found.push(() => {
        if (value === undefined)
          throw new FinplanError(
            'FINPLAN_E_INVALID_OPTIONS',
            `未设置环境变量 ${name}（应存放 PDF 打开密码）`,
          );
        if (value === '')
          throw new FinplanError(
            'FINPLAN_E_INVALID_OPTIONS',
            `环境变量 ${name} 已设置但为空，无法用作 PDF 密码`,
          );
        return { password: value, source: `环境变量 ${name}`, warnings: [] };
      });
    }
  }
  if (sources.inline) {
    const { password, from } = sources.inline;
    names.push(from);
    found.push(() => ({ password, source: from, warnings: [] }));
  }
  if (found.length > 1)
    throw new FinplanError(
      'FINPLAN_E_INVALID_OPTIONS',
      `PDF 密码有多个来源（${names.join('、')}），请只保留一个`,
    );
  const resolve = found[0];
  if (!resolve) return null;
  const resolved = resolve();
  // Check now, so a bad password fails before any planning or rendering work, naming its source.
  try {
    preparePdfPassword(resolved.password);
  } catch (err) {
    if (err instanceof FinplanError)
      throw new FinplanError(err.code, `${err.detail}（来自${resolved.source}）`, { cause: err });
    throw err;
  }
  return resolved;
}

/** Resolve the sources into RenderOptions' `protection`, or undefined for an unencrypted PDF. */
export function resolveProtection(
  sources: PasswordSources,
  io: PasswordIo,
  extra: { allowCopying?: boolean } = {},
): { protection: ProtectionOptions | undefined; warnings: string[]; source: string | null } {
  const resolved = resolvePdfPassword(sources, io);
  if (!resolved) return { protection: undefined, warnings: [], source: null };
  const protection: ProtectionOptions = { password: resolved.password };
  if (extra.allowCopying !== undefined) protection.allowCopying = extra.allowCopying;
  return { protection, warnings: resolved.warnings, source: resolved.source };
}

/** The sources a batch or server config names (both are explicit, so both must exist). */
export function sourcesFromConfig(config: PasswordSource): PasswordSources {
  const sources: PasswordSources = {};
  if (config.passwordFile !== undefined) sources.file = config.passwordFile;
  if (config.passwordEnv !== undefined) sources.env = { name: config.passwordEnv, required: true };
  return sources;
}

function readPasswordFile(path: string, io: PasswordIo): ResolvedPassword {
  const { bytes, mode } = (io.readFile ?? readBounded)(path);
  if (bytes.length > PASSWORD_FILE_MAX_BYTES)
    throw new FinplanError(
      'FINPLAN_E_INVALID_OPTIONS',
      `密码文件超过 ${PASSWORD_FILE_MAX_BYTES} 字节，不像是密码文件`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FinplanError('FINPLAN_E_INVALID_OPTIONS', '密码文件不是 UTF-8 编码（请另存为 UTF-8）');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // One line; the line ending an editor adds (LF or CRLF) is not part of the password.
  text = text.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(text))
    throw new FinplanError('FINPLAN_E_INVALID_OPTIONS', '密码文件应只有一行（只含密码本身）');
  if (text === '') throw new FinplanError('FINPLAN_E_INVALID_OPTIONS', '密码文件为空');
  const warnings: string[] = [];
  if (mode !== null && (mode & 0o077) !== 0)
    warnings.push(
      `密码文件可被其他用户读取（权限 ${(mode & 0o777).toString(8).padStart(3, '0')}），建议 chmod 600`,
    );
  return { password: text, source: '密码文件', warnings };
}

/**
 * Read at most PASSWORD_FILE_MAX_BYTES + 1 bytes (so an oversized file is detected without reading
 * it all); works for regular files and pipes (`--password-file <(...)`). The mode is reported for
 * regular files only: a pipe's mode says nothing about who can read the secret.
 */
function readBounded(path: string): { bytes: Buffer; mode: number | null } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `找不到密码文件 ${path}`, { cause: err });
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `无法读取密码文件 ${path}`, { cause: err });
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory())
      throw new FinplanError('FINPLAN_E_INVALID_OPTIONS', `密码文件 ${path} 是一个目录`);
    const buf = Buffer.alloc(PASSWORD_FILE_MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buf.length) break;
    }
    return { bytes: buf.subarray(0, length), mode: stat.isFile() ? stat.mode : null };
  } catch (err) {
    if (err instanceof FinplanError) throw err;
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `无法读取密码文件 ${path}`, { cause: err });
  } finally {
    closeSync(fd);
  }
}
