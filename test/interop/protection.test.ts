/**
 * AES-256 encryption (security handler revision 6) and permissions, checked from outside with
 * qpdf and poppler: a second reader beside pdfjs (test/report/protection/protection.test.ts).
 * The tools decide whether the file opens, not our own code.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import type { RenderContext } from '../../src/report/context.js';
import { compose } from '../../src/report/pdf/compose.js';
import { pdfProtection, type ProtectionOptions } from '../../src/report/pdf/protection.js';
import { endDocument } from '../../src/report/pdf/writer.js';
import { runCli } from '../helpers/cli.js';
import { tempFile } from '../helpers/pdf.js';
import { readSample, samplePath } from '../helpers/samples.js';
import { parsePdfFonts, run } from './tools.js';

const PASSWORD = 'Hongyun-2026!plan';
const OWNER = 'owner-only-secret-9';

/** A small document with Chinese text, encrypted with the given protection. */
async function smallPdf(options: ProtectionOptions, text = '家庭财富规划书 finplan'): Promise<Buffer> {
  const protection = pdfProtection(options);
  const ctx = loadRenderContextOnce();
  const doc = new PDFDocument({ ...protection.documentOptions, autoFirstPage: false });
  protection.apply(doc);
  doc.registerFont('body', ctx.fonts.regular as never);
  doc.addPage().font('body').fontSize(14).text(text);
  return endDocument(doc);
}

let ctxCache: RenderContext | null = null;
function loadRenderContextOnce(): RenderContext {
  ctxCache ??= loadRenderContext();
  return ctxCache;
}

/** qpdf --check with the password from a file: exit 0 opens and checks clean, 2 does not open. */
function qpdfCheck(pdf: Buffer, password?: string) {
  const args = ['--check'];
  if (password !== undefined) args.push(`--password-file=${tempFile('pw', `${password}\n`)}`);
  return run('qpdf', [...args, tempFile('doc.pdf', pdf)]);
}

/**
 * qpdf --show-encryption, the password given through a file (never argv, even in tests). It shows
 * the parameters even for a wrong password ("Incorrect password supplied", exit 0): opening is
 * tested with qpdfCheck.
 */
function showEncryption(pdf: Buffer, password?: string) {
  const file = tempFile('doc.pdf', pdf);
  const args = ['--show-encryption'];
  if (password !== undefined) args.push(`--password-file=${tempFile('pw', `${password}\n`)}`);
  return run('qpdf', [...args, file]);
}

describe('an encrypted document', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await smallPdf({ password: PASSWORD, ownerPassword: OWNER });
  });

  it('is AES-256 with security handler revision 6, and the permissions of a client copy', () => {
    const r = showEncryption(pdf, PASSWORD);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^R = 6$/m);
    expect(r.stdout).not.toContain('Incorrect password');
    expect(r.stdout).toContain('Supplied password is user password');
    expect(r.stdout).toContain('stream encryption method: AESv3');
    expect(r.stdout).toContain('string encryption method: AESv3');
    expect(r.stdout).toContain('file encryption method: AESv3');
    expect(r.stdout).toContain('print low resolution: allowed');
    expect(r.stdout).toContain('print high resolution: allowed');
    expect(r.stdout).toContain('extract for accessibility: allowed');
    expect(r.stdout).toContain('extract for any purpose: allowed');
    expect(r.stdout).toContain('modify anything: not allowed');
    expect(r.stdout).toContain('modify other: not allowed');
    expect(r.stdout).toContain('modify annotations: not allowed');
    expect(r.stdout).toContain('modify forms: not allowed');
    expect(r.stdout).toContain('modify document assembly: not allowed');
  });

  it('declares Adobe extension level 8 and a V5 / AESV3 / 256-bit crypt filter', () => {
    const file = tempFile('doc.pdf', pdf);
    const pw = `--password-file=${tempFile('pw', PASSWORD)}`;
    const trailer = run('qpdf', [pw, '--show-object=trailer', file]).stdout;
    const encRef = /\/Encrypt (\d+ \d+ R)/.exec(trailer)?.[1];
    expect(encRef).toBeDefined();
    const enc = run('qpdf', [pw, `--show-object=${encRef}`, file]).stdout;
    expect(enc).toMatch(/\/V 5\b/);
    expect(enc).toMatch(/\/R 6\b/);
    expect(enc).toMatch(/\/Length 256\b/);
    expect(enc).toMatch(/\/CFM \/AESV3/);
    const root = /\/Root (\d+ \d+ R)/.exec(trailer)?.[1];
    expect(root).toBeDefined();
    const catalog = run('qpdf', [pw, `--show-object=${root}`, file]).stdout;
    expect(catalog).toMatch(/\/Extensions << \/ADBE << \/BaseVersion \/1\.7 \/ExtensionLevel 8 >> >>/);
  });

  it('opens with the owner password as owner', () => {
    const r = showEncryption(pdf, OWNER);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Supplied password is owner password');
  });

  it('does not open without the password, or with a wrong one', () => {
    const file = tempFile('doc.pdf', pdf);
    const noPassword = run('qpdf', ['--check', file]);
    expect(noPassword.status).toBe(2);
    expect(noPassword.stderr).toContain('invalid password');
    const wrong = qpdfCheck(pdf, `${PASSWORD}x`);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('invalid password');
    const text = run('pdftotext', [file, '-']);
    expect(text.status).not.toBe(0);
    expect(text.stderr).toMatch(/Incorrect password/i);
    // The text is not in the file in the clear.
    expect(pdf.toString('latin1')).not.toContain('finplan');
  });

  it('gives its text to pdftotext -upw and its encryption to pdfinfo -upw', () => {
    const file = tempFile('doc.pdf', pdf);
    const text = run('pdftotext', ['-upw', PASSWORD, file, '-']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('家庭财富规划书');
    const info = run('pdfinfo', ['-upw', PASSWORD, file]);
    expect(info.stdout).toMatch(
      /Encrypted:\s+yes \(print:yes copy:yes change:no addNotes:no algorithm:AES-256\)/,
    );
  });

  it('passes qpdf --check once opened', () => {
    const r = qpdfCheck(pdf, PASSWORD);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
  });
});

describe('encryption choices', () => {
  it('a random owner password: the open password opens as user only, never as owner', async () => {
    const pdf = await smallPdf({ password: PASSWORD });
    const r = showEncryption(pdf, PASSWORD);
    expect(r.stdout).toContain('Supplied password is user password');
    expect(r.stdout).toMatch(/^R = 6$/m);
  });

  it('copying can be switched off; screen readers keep their access', async () => {
    const pdf = await smallPdf({ password: PASSWORD, allowCopying: false });
    const r = showEncryption(pdf, PASSWORD);
    expect(r.stdout).toContain('extract for any purpose: not allowed');
    expect(r.stdout).toContain('extract for accessibility: allowed');
    expect(r.stdout).toContain('print high resolution: allowed');
  });

  it('a Chinese password with an emoji (beyond pdfkit’s own SASLprep) opens in qpdf and poppler', async () => {
    const password = '鸿运银行😀家庭规划';
    const pdf = await smallPdf({ password });
    expect(showEncryption(pdf, password).stdout).toContain('Supplied password is user password');
    const text = run('pdftotext', ['-upw', password, tempFile('doc.pdf', pdf), '-']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('家庭财富规划书');
  });

  it('fails closed: options spread without apply() give a file the password does not open', async () => {
    const protection = pdfProtection({ password: PASSWORD });
    const doc = new PDFDocument({ ...protection.documentOptions });
    doc.text('x');
    const pdf = await endDocument(doc);
    expect(qpdfCheck(pdf, PASSWORD).status).toBe(2);
    expect(showEncryption(pdf, PASSWORD).stdout).toContain('Incorrect password supplied');
  });
});

describe('a whole plan, encrypted', () => {
  let ctx: RenderContext;
  beforeAll(() => {
    ctx = loadRenderContextOnce();
  });

  it.each(['default', 'hongyun-bank'])(
    'renders with the %s brand, opens with the password only',
    async (brand) => {
      const plan = planFromInput(readSample('family-with-children-education-and-retirement'));
      const pdf = await compose(plan, { brand, protection: { password: PASSWORD } }, ctx);
      const file = tempFile('plan.pdf', pdf);
      expect(run('qpdf', ['--check', file]).status).toBe(2);
      const enc = showEncryption(pdf, PASSWORD);
      expect(enc.stdout).toMatch(/^R = 6$/m);
      expect(enc.stdout).toContain('modify anything: not allowed');
      const text = run('pdftotext', ['-upw', PASSWORD, file, '-']);
      expect(text.status, text.stderr).toBe(0);
      expect(text.stdout.replace(/\s+/g, '')).toContain(plan.household.familyName);
      const check = qpdfCheck(pdf, PASSWORD);
      expect(check.status, check.stdout + check.stderr).toBe(0);
      // The fonts stay embedded subsets under encryption.
      const fonts = parsePdfFonts(run('pdffonts', ['-upw', PASSWORD, file]).stdout);
      expect(fonts.length).toBeGreaterThanOrEqual(2);
      for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    },
  );
});

describe('finplan plan with FINPLAN_PDF_PASSWORD', () => {
  it('writes a file qpdf reads as AES-256, revision 6, a client copy', () => {
    const out = tempFile('locked.pdf', '');
    const r = runCli(['plan', samplePath('single-parent-chengdu'), '-o', out], undefined, {
      FINPLAN_PDF_PASSWORD: 'zhao-2026-secret',
    });
    expect(r.status, r.stderr).toBe(0);
    const info = showEncryption(readFileSync(out), 'zhao-2026-secret');
    expect(info.stdout).toMatch(/^R = 6$/m);
    expect(info.stdout).toContain('Supplied password is user password');
    expect(info.stdout).toMatch(/AESv3/);
    expect(info.stdout).toMatch(/modify anything: not allowed/);
    expect(info.stdout).toMatch(/print high resolution: allowed/);
    expect(run('qpdf', ['--check', out]).status).toBe(2);
  });
});
