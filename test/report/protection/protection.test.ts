/**
 * AES-256 encryption (security handler revision 6) and permissions, checked by reading the file
 * back with pdfjs (which opens it only with the password) and its /Encrypt dictionary from the
 * bytes: not with our own code. test/interop/protection.test.ts asks qpdf and poppler the same.
 *
 * The last block renders a whole plan encrypted through compose(plan, { protection }, ctx).
 */
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../../src/api.js';
import { loadRenderContext } from '../../../src/apps/assets.js';
import { FinplanError } from '../../../src/errors.js';
import type { RenderContext } from '../../../src/report/context.js';
import { compose } from '../../../src/report/pdf/compose.js';
import {
  hashR6,
  PASSWORD_MAX_BYTES,
  pdfProtection,
  preparePdfPassword,
  protectionOptionsSchema,
  type ProtectionOptions,
} from '../../../src/report/pdf/protection.js';
import {
  meanDifference,
  passwordRefusal,
  pdfFonts,
  pdfPageGray,
  pdfPermissions,
  pdfToText,
  rawObject,
  rawTrailer,
} from '../../helpers/pdf.js';
import { readSample } from '../../helpers/samples.js';
import { endDocument } from '../../../src/report/pdf/writer.js';

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

/** The /Encrypt dictionary and the catalog, as written (their names and numbers are not encrypted). */
function encryptionDictionaries(pdf: Buffer): { encrypt: string; catalog: string } {
  const trailer = rawTrailer(pdf);
  const encRef = /\/Encrypt (\d+ \d+) R/.exec(trailer)?.[1];
  const rootRef = /\/Root (\d+ \d+) R/.exec(trailer)?.[1];
  expect(encRef, 'trailer /Encrypt').toBeDefined();
  expect(rootRef, 'trailer /Root').toBeDefined();
  return { encrypt: rawObject(pdf, encRef!).dict, catalog: rawObject(pdf, rootRef!).dict };
}

/** AES-256 with security handler revision 6: V 5, R 6, a 256-bit AESV3 crypt filter for all. */
function expectAes256(pdf: Buffer): void {
  const { encrypt } = encryptionDictionaries(pdf);
  expect(encrypt).toMatch(/\/Filter \/Standard\b/);
  expect(encrypt).toMatch(/\/V 5\b/);
  expect(encrypt).toMatch(/\/R 6\b/);
  expect(encrypt).toMatch(/\/Length 256\b/);
  expect(encrypt).toMatch(/\/CFM \/AESV3\b/);
  expect(encrypt).toMatch(/\/StmF \/StdCF\b/);
  expect(encrypt).toMatch(/\/StrF \/StdCF\b/);
}

/** A client copy: printing (high resolution too) and copying allowed, no modification. */
const CLIENT_COPY_ALLOWS = ['print', 'print_high_quality', 'copy', 'copy_for_accessibility'];
const NEVER_ALLOWED = ['modify_contents', 'modify_annotations', 'fill_interactive_forms', 'assemble'];

describe('password rules', () => {
  it('accepts 8 characters and more, in any script, and normalises with NFKC', () => {
    expect(preparePdfPassword('abcdefgh').toString()).toBe('abcdefgh');
    expect(preparePdfPassword('鸿运银行家庭规划').toString()).toBe('鸿运银行家庭规划');
    // Full-width digits and an ideographic space become what a reader's SASLprep makes of them.
    expect(preparePdfPassword('ＡＢ１２\u3000３４５６').toString()).toBe('AB12 3456');
  });

  it.each([
    ['seven c', '至少 8 个字符'],
    ['short\u0007\u0007\u0007', '控制字符'],
    ['zero\u200bwidth-space', '控制字符'],
    ['        ', '不能只有空格'],
    ['密'.repeat(43), `${PASSWORD_MAX_BYTES} 字节`],
  ])('refuses %j without repeating it', (password, why) => {
    let error: unknown;
    try {
      preparePdfPassword(password);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FinplanError);
    expect((error as FinplanError).code).toBe('FINPLAN_E_INVALID_OPTIONS');
    expect((error as FinplanError).message).toContain(why);
    if (password.trim()) expect(JSON.stringify(error)).not.toContain(password);
  });

  it('accepts 127 UTF-8 bytes exactly (42 Chinese characters and one letter)', () => {
    expect(preparePdfPassword(`${'密'.repeat(42)}a`).length).toBe(127);
  });

  it('refuses an owner password equal to the open password', () => {
    expect(() => pdfProtection({ password: PASSWORD, ownerPassword: PASSWORD })).toThrow(
      /不能与打开密码相同/,
    );
  });

  it('has a schema that RenderOptions can embed', () => {
    expect(protectionOptionsSchema.safeParse({ password: PASSWORD }).success).toBe(true);
    expect(protectionOptionsSchema.safeParse({ password: 'short' }).success).toBe(false);
    expect(protectionOptionsSchema.safeParse({ password: PASSWORD, passwd: 'x' }).success).toBe(false);
  });
});

describe('an encrypted document', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await smallPdf({ password: PASSWORD, ownerPassword: OWNER });
  });

  it('is AES-256 with security handler revision 6, and the permissions of a client copy', async () => {
    expectAes256(pdf);
    const allowed = await pdfPermissions(pdf, { password: PASSWORD });
    expect(allowed).not.toBeNull();
    for (const p of CLIENT_COPY_ALLOWS) expect(allowed!.has(p), p).toBe(true);
    for (const p of NEVER_ALLOWED) expect(allowed!.has(p), p).toBe(false);
  });

  it('declares Adobe extension level 8', () => {
    const { catalog } = encryptionDictionaries(pdf);
    expect(catalog).toMatch(
      /\/Extensions\s*<<\s*\/ADBE\s*<<\s*\/BaseVersion \/1\.7\s*\/ExtensionLevel 8\s*>>\s*>>/,
    );
  });

  it('opens with the owner password too', async () => {
    expect(await passwordRefusal(pdf, { password: OWNER })).toBeNull();
    expect(await pdfToText(pdf, { password: OWNER })).toContain('家庭财富规划书');
  });

  it('does not open without the password, or with a wrong one', async () => {
    expect(await passwordRefusal(pdf)).toBe('need-password');
    expect(await passwordRefusal(pdf, { password: `${PASSWORD}x` })).toBe('incorrect-password');
    expect(await passwordRefusal(pdf, { password: PASSWORD.toLowerCase() })).toBe('incorrect-password');
    // The text is not in the file in the clear.
    expect(pdf.toString('latin1')).not.toContain('finplan');
  });

  it('gives its text and its page, drawn, once opened with the password', async () => {
    expect(await passwordRefusal(pdf, { password: PASSWORD })).toBeNull();
    expect(await pdfToText(pdf, { password: PASSWORD })).toContain('家庭财富规划书');
    const page = await pdfPageGray(pdf, 1, 30, { password: PASSWORD });
    const blank = { pixels: Buffer.alloc(page.pixels.length, 255) };
    expect(meanDifference(page, blank)).toBeGreaterThan(0.1); // the text is drawn, not a blank page
  });
});

describe('encryption choices', () => {
  it('a random owner password: the open password still opens it, as a client copy', async () => {
    const pdf = await smallPdf({ password: PASSWORD });
    expectAes256(pdf);
    expect(await passwordRefusal(pdf, { password: PASSWORD })).toBeNull();
    const allowed = await pdfPermissions(pdf, { password: PASSWORD });
    for (const p of NEVER_ALLOWED) expect(allowed!.has(p), p).toBe(false);
  });

  it('copying can be switched off; screen readers keep their access', async () => {
    const pdf = await smallPdf({ password: PASSWORD, allowCopying: false });
    const allowed = await pdfPermissions(pdf, { password: PASSWORD });
    expect(allowed!.has('copy')).toBe(false);
    expect(allowed!.has('copy_for_accessibility')).toBe(true);
    expect(allowed!.has('print_high_quality')).toBe(true);
  });

  it('a Chinese password with an emoji (beyond pdfkit’s own SASLprep) opens it', async () => {
    const password = '鸿运银行😀家庭规划';
    const pdf = await smallPdf({ password });
    expect(await passwordRefusal(pdf, { password: '鸿运银行家庭规划' })).toBe('incorrect-password');
    expect(await pdfToText(pdf, { password })).toContain('家庭财富规划书');
  });

  it('is never byte-identical (pdfkit draws the file key and IVs at random)', async () => {
    const a = await smallPdf({ password: PASSWORD, ownerPassword: OWNER });
    const b = await smallPdf({ password: PASSWORD, ownerPassword: OWNER });
    expect(a.equals(b)).toBe(false);
  });

  it('fails closed: options spread without apply() give a file the password does not open', async () => {
    const protection = pdfProtection({ password: PASSWORD });
    const doc = new PDFDocument({ ...protection.documentOptions });
    doc.text('x');
    const pdf = await endDocument(doc);
    expect(await passwordRefusal(pdf, { password: PASSWORD })).toBe('incorrect-password');
  });

  it('refuses a second apply() and a document without the V5 handler', () => {
    const protection = pdfProtection({ password: PASSWORD });
    const plain = new PDFDocument({ pdfVersion: '1.7' });
    expect(() => protection.apply(plain)).toThrow(/AES-256/);
    expect(() => protection.apply(plain)).toThrow(/only once/);
  });

  it('hashes with algorithm 2.B: 32 bytes, deterministic, salt- and U-dependent', () => {
    const pw = Buffer.from('password');
    const salt = Buffer.alloc(8, 1);
    const h = hashR6(pw, salt, Buffer.alloc(0));
    expect(h.length).toBe(32);
    expect(hashR6(pw, salt, Buffer.alloc(0)).equals(h)).toBe(true);
    expect(hashR6(pw, Buffer.alloc(8, 2), Buffer.alloc(0)).equals(h)).toBe(false);
    expect(hashR6(pw, salt, Buffer.alloc(48, 3)).equals(h)).toBe(false);
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
      expect(await passwordRefusal(pdf)).toBe('need-password');
      expectAes256(pdf);
      const allowed = await pdfPermissions(pdf, { password: PASSWORD });
      for (const p of NEVER_ALLOWED) expect(allowed!.has(p), p).toBe(false);
      const text = await pdfToText(pdf, { password: PASSWORD });
      expect(text.replace(/\s+/g, '')).toContain(plan.household.familyName);
      // The fonts stay embedded subsets under encryption.
      const fonts = await pdfFonts(pdf, { password: PASSWORD });
      expect(fonts.length).toBeGreaterThanOrEqual(2);
      for (const font of fonts)
        expect(font, font.name).toMatchObject({ embedded: true, subset: true, toUnicode: true });
    },
  );
});
