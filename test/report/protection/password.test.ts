/**
 * The app-side password resolver (src/apps/password.ts): environment variable, password file, or a
 * password already in memory (profile report options, HTTP body) — one source at most, and no
 * message that repeats a password.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_ENV,
  passwordSourceSchema,
  resolvePdfPassword,
  resolveProtection,
  sourcesFromConfig,
  type PasswordSources,
} from '../../../src/apps/password.js';
import { FinplanError } from '../../../src/errors.js';

const GOOD = 'Hongyun-2026!plan';
const cliEnv = { name: DEFAULT_PASSWORD_ENV, required: false };

function file(content: string | Buffer, mode = 0o600): string {
  const path = join(mkdtempSync(join(tmpdir(), 'finplan-pw-')), 'password.txt');
  writeFileSync(path, content, { mode });
  return path;
}

function failure(sources: PasswordSources, env: Record<string, string | undefined> = {}): FinplanError {
  try {
    resolvePdfPassword(sources, { env });
  } catch (err) {
    if (err instanceof FinplanError) return err;
    throw err;
  }
  throw new Error('expected a FinplanError');
}

describe('resolvePdfPassword', () => {
  it('gives no password when no source is present (the CLI default variable unset)', () => {
    expect(resolvePdfPassword({ env: cliEnv }, { env: {} })).toBeNull();
  });

  it('reads the environment variable', () => {
    const r = resolvePdfPassword({ env: cliEnv }, { env: { [DEFAULT_PASSWORD_ENV]: GOOD } });
    expect(r).toEqual({ password: GOOD, source: `环境变量 ${DEFAULT_PASSWORD_ENV}`, warnings: [] });
  });

  it('treats an exported but empty variable as an error, not as "no encryption"', () => {
    const e = failure({ env: cliEnv }, { [DEFAULT_PASSWORD_ENV]: '' });
    expect(e.code).toBe('FINPLAN_E_INVALID_OPTIONS');
    expect(e.message).toContain('为空');
  });

  it('requires a variable that a config names', () => {
    const e = failure(sourcesFromConfig({ passwordEnv: 'BANK_PDF_PASSWORD' }));
    expect(e.code).toBe('FINPLAN_E_INVALID_OPTIONS');
    expect(e.message).toContain('未设置环境变量 BANK_PDF_PASSWORD');
  });

  it('reads one line from a password file, without the BOM and the line ending', () => {
    for (const content of [GOOD, `${GOOD}\n`, `${GOOD}\r\n`, `\ufeff${GOOD}\n`]) {
      const r = resolvePdfPassword({ file: file(content) }, { env: {} });
      expect(r?.password).toBe(GOOD);
      expect(r?.source).toBe('密码文件');
      expect(r?.warnings).toEqual([]);
    }
  });

  it('keeps spaces inside and around the password (only the line ending goes)', () => {
    expect(resolvePdfPassword({ file: file(` ${GOOD} \n`) }, { env: {} })?.password).toBe(` ${GOOD} `);
  });

  it('warns when other users can read the password file', () => {
    const r = resolvePdfPassword({ file: file(GOOD, 0o644) }, { env: {} });
    expect(r?.warnings.join()).toContain('chmod 600');
    expect(r?.warnings.join()).toContain('644');
  });

  it.each([
    [
      'a missing file',
      () => join(tmpdir(), 'finplan-no-such-dir', 'pw'),
      'FINPLAN_E_INPUT_NOT_FOUND',
      '找不到密码文件',
    ],
    [
      'a directory',
      () => {
        const d = join(mkdtempSync(join(tmpdir(), 'finplan-pw-')), 'dir');
        mkdirSync(d);
        return d;
      },
      'FINPLAN_E_INVALID_OPTIONS',
      '是一个目录',
    ],
    ['an empty file', () => file(''), 'FINPLAN_E_INVALID_OPTIONS', '为空'],
    ['two lines', () => file(`${GOOD}\nsecond\n`), 'FINPLAN_E_INVALID_OPTIONS', '只有一行'],
    [
      'GBK bytes',
      () => file(Buffer.from([0xc3, 0xdc, 0xc2, 0xeb, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36])),
      'FINPLAN_E_INVALID_OPTIONS',
      'UTF-8',
    ],
    ['5 KB', () => file('x'.repeat(5000)), 'FINPLAN_E_INVALID_OPTIONS', '4096'],
  ])('refuses %s', (_what, make, code, why) => {
    const e = failure({ file: make() });
    expect(e.code).toBe(code);
    expect(e.message).toContain(why);
  });

  it('refuses a short password and names its source, without repeating it', () => {
    const e = failure({ file: file('abc123\n') });
    expect(e.code).toBe('FINPLAN_E_INVALID_OPTIONS');
    expect(e.message).toContain('至少 8 个字符');
    expect(e.message).toContain('来自密码文件');
    expect(JSON.stringify(e)).not.toContain('abc123');
  });

  it('refuses two sources rather than choosing one', () => {
    const e = failure({ file: file(GOOD), env: cliEnv }, { [DEFAULT_PASSWORD_ENV]: GOOD });
    expect(e.code).toBe('FINPLAN_E_INVALID_OPTIONS');
    expect(e.message).toContain('多个来源');
    const f = failure(
      { env: cliEnv, inline: { password: GOOD, from: '档案的报告选项' } },
      { [DEFAULT_PASSWORD_ENV]: GOOD },
    );
    expect(f.message).toContain('档案的报告选项');
    // A config naming both a file and a variable is a conflict even when the variable is unset.
    expect(failure(sourcesFromConfig({ passwordEnv: 'X_PW', passwordFile: file(GOOD) })).message).toContain(
      '多个来源',
    );
  });

  it('takes a password already in memory (profile report options, HTTP body)', () => {
    const r = resolvePdfPassword({ inline: { password: GOOD, from: '档案的报告选项' } }, { env: {} });
    expect(r?.source).toBe('档案的报告选项');
  });

  it('lets tests and other shells inject the file reader', () => {
    const r = resolvePdfPassword(
      { file: '/virtual/pw' },
      { env: {}, readFile: () => ({ bytes: Buffer.from(`${GOOD}\n`), mode: null }) },
    );
    expect(r?.password).toBe(GOOD);
  });
});

describe('resolveProtection', () => {
  it('turns a resolved password into RenderOptions.protection', () => {
    const r = resolveProtection(
      { env: cliEnv },
      { env: { [DEFAULT_PASSWORD_ENV]: GOOD } },
      { allowCopying: false },
    );
    expect(r.protection).toEqual({ password: GOOD, allowCopying: false });
    expect(r.source).toBe(`环境变量 ${DEFAULT_PASSWORD_ENV}`);
  });

  it('gives undefined protection (an unencrypted PDF) when nothing asks for one', () => {
    expect(resolveProtection({ env: cliEnv }, { env: {} }).protection).toBeUndefined();
  });
});

describe('passwordSourceSchema', () => {
  it('accepts a variable name and a path, and refuses a password itself', () => {
    expect(passwordSourceSchema.safeParse({ passwordEnv: 'BANK_PDF_PASSWORD' }).success).toBe(true);
    expect(passwordSourceSchema.safeParse({ passwordFile: '/run/secrets/pdf' }).success).toBe(true);
    expect(passwordSourceSchema.safeParse({ password: GOOD }).success).toBe(false);
    expect(passwordSourceSchema.safeParse({ passwordEnv: 'not a name' }).success).toBe(false);
  });
});
