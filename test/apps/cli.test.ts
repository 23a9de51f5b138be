import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { passwordRefusal, pdfPermissions, pdfToText, rawObject, rawTrailer } from '../helpers/pdf.js';
import { samplePath, SAMPLES_DIR } from '../helpers/samples.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'finplan-cli-'));

describe('finplan plan', () => {
  it('writes the PDF and the Plan JSON, data on the files and messages on stderr', () => {
    const dir = tmp();
    const pdf = join(dir, 'out.pdf');
    const json = join(dir, 'plan.json');
    const r = runCli(['plan', samplePath('single-parent-chengdu'), '-o', pdf, '--json', json]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('已生成理财规划书');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const plan = JSON.parse(readFileSync(json, 'utf8'));
    expect(plan.planFormatVersion).toBe(1);
    expect(plan.ruleSetId).toMatch(/^cn-/);
  });

  it('writes next to the input by default, and the Plan JSON to stdout with --json -', () => {
    const dir = tmp();
    const input = join(dir, '家庭.json');
    writeFileSync(input, readFileSync(samplePath('retired-couple-shanghai')));
    const r = runCli(['plan', input, '--json', '-']);
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, '家庭.pdf'))).toBe(true);
    expect(JSON.parse(r.stdout).household.familyName).toBe('张');
  });

  it('exits 2 with one Chinese line per problem for a bad profile, and writes nothing', () => {
    const dir = tmp();
    const out = join(dir, 'x.pdf');
    const r = runCli(['plan', join(SAMPLES_DIR, 'bad', 'wrong-types.json'), '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('FINPLAN_E_INVALID_PROFILE');
    expect(r.stderr).toContain('members[0].birthMonth：家庭成员第 1 位的出生年月应为文本');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(4);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 3 for a missing file and 2 for a file that is not JSON, without echoing the content', () => {
    expect(runCli(['plan', '/no/such/profile.json']).status).toBe(3);
    const dir = tmp();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"version": 1, "household": {"familyName": "秘密姓名"');
    const r = runCli(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('FINPLAN_E_INVALID_JSON');
    expect(r.stderr).not.toContain('秘密姓名');
  });

  it('reads a GBK profile (a Chinese Windows or CRM export) with a notice, and refuses bytes in no known encoding', () => {
    const dir = tmp();
    const utf8 = readFileSync(samplePath('single-parent-chengdu'), 'utf8');
    // The sample saved as GBK by Python's codec (independent of the decoder under test).
    const gbk = new URL('../fixtures/single-parent-chengdu.gbk.json', import.meta.url).pathname;
    const json = join(dir, 'plan.json');
    const r = runCli(['plan', gbk, '--no-pdf', '--json', json]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('按 GBK/GB18030 编码读取');
    // The names arrive intact, not as replacement characters.
    const plan = JSON.parse(readFileSync(json, 'utf8'));
    expect(plan.household.familyName).toBe(JSON.parse(utf8).household.familyName);

    const binary = join(dir, 'binary.json');
    writeFileSync(binary, Buffer.from([0x7b, 0x22, 0xff, 0xff, 0xff, 0x80, 0x22, 0x7d]));
    const bad = runCli(['validate', binary]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('FINPLAN_E_INPUT_ENCODING');
    expect(bad.stderr).toContain('另存为 UTF-8');
  });

  it('exits 4 when the output cannot be written', () => {
    const r = runCli(['plan', samplePath('single-parent-chengdu'), '-o', '/no/such/dir/out.pdf']);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('FINPLAN_E_OUTPUT_WRITE');
  });
});

describe('finplan plan with protection', () => {
  it('encrypts with AES-256 when FINPLAN_PDF_PASSWORD is set, and refuses a password on the command line', async () => {
    const dir = tmp();
    const out = join(dir, 'locked.pdf');
    const r = runCli(['plan', samplePath('single-parent-chengdu'), '-o', out], undefined, {
      FINPLAN_PDF_PASSWORD: 'zhao-2026-secret',
    });
    expect(r.status, r.stderr).toBe(0);
    const pdf = readFileSync(out);
    const encrypt = rawObject(pdf, /\/Encrypt (\d+ \d+) R/.exec(rawTrailer(pdf))?.[1] ?? 'none').dict;
    expect(encrypt).toMatch(/\/R 6\b/);
    expect(encrypt).toMatch(/\/CFM \/AESV3\b/);
    expect(await passwordRefusal(pdf)).toBe('need-password');
    const password = 'zhao-2026-secret';
    const allowed = await pdfPermissions(pdf, { password });
    expect(allowed!.has('modify_contents')).toBe(false);
    expect(allowed!.has('print_high_quality')).toBe(true);
    expect((await pdfToText(pdf, { password })).replace(/\s+/g, '')).toContain('理财规划书');
    const refused = runCli(['plan', samplePath('single-parent-chengdu'), '-o', out, '--password', 'x']);
    expect(refused.status).toBe(64);
    expect(refused.stderr).toContain('FINPLAN_PDF_PASSWORD');
  });
});

describe('finplan validate', () => {
  it('exits 0 for a good profile', () => {
    const r = runCli(['validate', samplePath('young-beijing-salesman-startup-and-home')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('档案校验通过');
  });

  it('lists every problem as JSON with --format json', () => {
    const r = runCli(['validate', join(SAMPLES_DIR, 'bad', 'misspelt-key.json'), '--format', 'json']);
    expect(r.status).toBe(2);
    const body = JSON.parse(r.stdout);
    expect(body.valid).toBe(false);
    expect(body.issues.map((i: { path: string }) => i.path)).toContain('members[0].birthMoth');
    for (const i of body.issues) expect(Object.keys(i).sort()).toEqual(['code', 'message', 'path']);
  });
});

describe('finplan --help and usage errors', () => {
  it('prints help in Chinese and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('finplan');
    expect(r.stdout).toContain('生成理财规划书');
  });

  it('exits 64 for an unknown command', () => {
    expect(runCli(['frobnicate']).status).toBe(64);
  });
});

describe('finplan calc', () => {
  it('lists the calculators', () => {
    const r = runCli(['calc', '--list']);
    expect(r.status).toBe(0);
    const names = JSON.parse(r.stdout).map((c: { name: string }) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'tvm',
        'mortgage',
        'iit',
        'annual-bonus',
        'social-insurance',
        'pension',
        'retirement-age',
        'education',
        'retirement',
        'insurance',
        'emergency-fund',
        'ratios',
      ]),
    );
  });

  it('reads stdin and answers the bank example 100万 4.9% 30年 = 5,307.27', () => {
    const r = runCli(
      ['calc', 'mortgage'],
      JSON.stringify({
        tranches: [{ source: 'commercial', principal: 1_000_000, annualRate: 0.049 }],
        months: 360,
        method: 'equal_payment',
        includeSchedule: false,
      }),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('5307.27');
  });

  it('prints a JSON Schema with --schema and exits 2 on bad input', () => {
    const s = runCli(['calc', 'tvm', '--schema']);
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout).type).toBe('object');
    const bad = runCli(['calc', 'mortgage'], JSON.stringify({ principal: 'abc' }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('FINPLAN_E_INVALID_CALCULATOR_INPUT');
    expect(runCli(['calc', 'nope'], '{}').status).toBe(2);
  });
});
