/**
 * PDF protection: AES-256 encryption with an open password and fixed permissions.
 *
 * This module is pure: it receives the password as a string and never reads the environment, a
 * file or argv. src/apps/password.ts resolves where a password comes from (an environment
 * variable, a password file, the profile's report options or an HTTP body — never a command-line
 * argument, which other users can read in `ps`).
 *
 * Why more than pdfkit's options: pdfkit 0.20 encrypts with AES-256 only for `pdfVersion:
 * '1.7ext3'`, and then writes security handler revision 5 (Adobe extension level 3). R5 checks a
 * password with a single SHA-256, so a stolen file can be brute-forced very fast, and ISO 32000-2
 * deprecates it. Revision 6 (ISO 32000-2, Adobe extension level 8; Acrobat X and later, poppler,
 * pdf.js, qpdf, MuPDF) keeps the same AESV3 crypt filter and file key and changes only how the
 * password entries are made (algorithm 2.B: at least 64 rounds of AES-128 + SHA-256/384/512). So we
 * let pdfkit set up the crypt filter, file key and permissions, and then write the R6 entries
 * (U, UE, O, OE) ourselves.
 *
 * pdfkit is given throwaway random passwords, for two reasons: a caller that forgets `apply()` gets
 * a file that nobody can open (it fails closed, never open), and pdfkit's own SASLprep uses the
 * Unicode 3.2 tables, which refuse later characters (emoji, newer CJK) that R6 accepts.
 *
 * Encrypted output is never byte-identical: pdfkit draws the file key and every IV at random.
 */
import { createCipheriv, createHash, randomBytes as cryptoRandomBytes } from 'node:crypto';
import { z } from 'zod';
import { FinplanError } from '../../errors.js';

/** The shortest open password accepted, in characters (Unicode code points, after NFKC). */
export const PASSWORD_MIN_CHARS = 8;
/** R6 uses at most the first 127 UTF-8 bytes of a password; we refuse longer rather than cut. */
export const PASSWORD_MAX_BYTES = 127;

/**
 * What compose() needs to encrypt: the resolved password. It is embedded in RenderOptions as
 * `protection` and filled in by the app layer (CLI, batch worker, HTTP handler). Never log it.
 */
export const protectionOptionsSchema = z.strictObject({
  password: z
    .string()
    .min(PASSWORD_MIN_CHARS)
    .max(4 * PASSWORD_MAX_BYTES)
    .describe(
      '打开 PDF 的密码（至少 8 个字符，UTF-8 不超过 127 字节）；由应用层从环境变量、密码文件或请求体取得',
    ),
  ownerPassword: z
    .string()
    .min(PASSWORD_MIN_CHARS)
    .max(4 * PASSWORD_MAX_BYTES)
    .optional()
    .describe('权限密码（可解除限制）；缺省随机生成且不保存，任何人都无法用它解除限制'),
  allowCopying: z
    .boolean()
    .optional()
    .describe('是否允许复制文字，缺省允许；读屏软件（无障碍）提取文字始终允许'),
});

export type ProtectionOptions = z.output<typeof protectionOptionsSchema>;
export type ProtectionOptionsInput = z.input<typeof protectionOptionsSchema>;

/**
 * The permissions every encrypted plan carries. The client may print at full quality and read the
 * plan with a screen reader; nobody but the owner-password holder may change, annotate, fill in or
 * re-assemble it. Copying text is allowed by default: the password, not the copy bit, is what keeps
 * the plan confidential (permissions are advisory — anyone who can open the file can strip them),
 * and a client who can open the plan may well want to paste a figure into a spreadsheet.
 */
export function pdfPermissions(allowCopying = true): PDFKit.DocumentPermissions {
  return {
    printing: 'highResolution',
    modifying: false,
    copying: allowCopying,
    annotating: false,
    fillingForms: false,
    contentAccessibility: true,
    documentAssembly: false,
  };
}

/** Where randomness comes from (a test may inject a fixed source). */
export interface ProtectionDeps {
  randomBytes?: (size: number) => Uint8Array;
}

/** Options to spread into `new PDFDocument({...})`. */
export type ProtectionDocumentOptions = Required<
  Pick<PDFKit.PDFDocumentOptions, 'pdfVersion' | 'userPassword' | 'ownerPassword' | 'permissions'>
>;

export interface PdfProtection {
  /** Spread into the PDFDocument constructor options. */
  readonly documentOptions: ProtectionDocumentOptions;
  /**
   * Call once, right after `new PDFDocument(...)` and before `doc.end()`: writes the revision 6
   * password entries. Without it the document opens with no password anyone knows.
   */
  apply(doc: PDFKit.PDFDocument): void;
}

/**
 * Check and prepare a password the way R6 wants it: NFKC (the normalisation step of SASLprep,
 * RFC 4013), other space characters mapped to U+0020, then UTF-8. Refuses rather than repairs:
 * control, format, private-use and unassigned characters (a reader could not type them, or would
 * drop them), fewer than 8 characters, more than 127 bytes, or only spaces. The message never
 * repeats the password.
 */
export function preparePdfPassword(password: string, which = '打开密码'): Buffer {
  const prepared = password.normalize('NFKC').replace(/\p{Zs}/gu, ' ');
  if (/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/u.test(prepared))
    throw new FinplanError('FINPLAN_E_INVALID_OPTIONS', `PDF ${which}含有控制字符或无法输入的字符`);
  if ([...prepared].length < PASSWORD_MIN_CHARS)
    throw new FinplanError('FINPLAN_E_INVALID_OPTIONS', `PDF ${which}至少 ${PASSWORD_MIN_CHARS} 个字符`);
  if (prepared.trim() === '') throw new FinplanError('FINPLAN_E_INVALID_OPTIONS', `PDF ${which}不能只有空格`);
  const bytes = Buffer.from(prepared, 'utf8');
  if (bytes.length > PASSWORD_MAX_BYTES)
    throw new FinplanError(
      'FINPLAN_E_INVALID_OPTIONS',
      `PDF ${which}过长：UTF-8 编码后最多 ${PASSWORD_MAX_BYTES} 字节（约 42 个汉字）`,
    );
  return bytes;
}

/**
 * Build the protection for one document. Checks the passwords (FINPLAN_E_INVALID_OPTIONS) and, when
 * no owner password is given, draws a random one that is never stored: then nobody can lift the
 * restrictions with it, which is what a plan handed to a client needs.
 */
export function pdfProtection(options: ProtectionOptions, deps: ProtectionDeps = {}): PdfProtection {
  const random = deps.randomBytes ?? ((n: number) => new Uint8Array(cryptoRandomBytes(n)));
  const user = preparePdfPassword(options.password, '打开密码');
  const owner =
    options.ownerPassword === undefined
      ? Buffer.from(Buffer.from(random(32)).toString('base64url'), 'utf8')
      : preparePdfPassword(options.ownerPassword, '权限密码');
  if (owner.equals(user))
    // With equal passwords the open password is also the owner password and lifts every restriction.
    throw new FinplanError('FINPLAN_E_INVALID_OPTIONS', 'PDF 权限密码不能与打开密码相同');

  const throwaway = () => Buffer.from(random(24)).toString('base64url');
  const documentOptions: ProtectionDocumentOptions = {
    pdfVersion: '1.7ext3',
    userPassword: throwaway(),
    ownerPassword: throwaway(),
    permissions: pdfPermissions(options.allowCopying ?? true),
  };
  let applied = false;
  return {
    documentOptions,
    apply(doc) {
      if (applied) throw new Error('pdfProtection.apply() may be called only once');
      applied = true;
      upgradeToRevision6(doc, user, owner, random);
    },
  };
}

/** The parts of pdfkit's PDFSecurity (0.20) that the R6 upgrade reads and writes. */
interface PdfKitSecurity {
  version: number;
  encryptionKey: Uint8Array;
  dictionary: { data: Record<string, unknown> };
}

interface PdfKitInternals {
  _security?: PdfKitSecurity | null;
  _root: { data: Record<string, unknown> };
}

/** Replace pdfkit's R5 password entries with R6 ones for the same file key and permissions. */
function upgradeToRevision6(
  doc: PDFKit.PDFDocument,
  user: Buffer,
  owner: Buffer,
  random: (size: number) => Uint8Array,
): void {
  const internals = doc as unknown as PdfKitInternals;
  const security = internals._security;
  const dict = security?.dictionary?.data;
  if (
    !security ||
    security.version !== 5 ||
    !(security.encryptionKey instanceof Uint8Array) ||
    security.encryptionKey.length !== 32 ||
    !dict ||
    dict.R !== 5 ||
    dict.V !== 5
  )
    // pdfkit's internals moved (a new major?) or the options were not spread into the constructor.
    throw new Error('PDF encryption: pdfkit did not set up an AES-256 (V5/R5) security handler');

  const fileKey = Buffer.from(security.encryptionKey);
  const noUData = Buffer.alloc(0);

  const userValidationSalt = Buffer.from(random(8));
  const userKeySalt = Buffer.from(random(8));
  const u = Buffer.concat([hashR6(user, userValidationSalt, noUData), userValidationSalt, userKeySalt]);
  const ue = aes256CbcNoIv(hashR6(user, userKeySalt, noUData), fileKey);

  const ownerValidationSalt = Buffer.from(random(8));
  const ownerKeySalt = Buffer.from(random(8));
  const o = Buffer.concat([hashR6(owner, ownerValidationSalt, u), ownerValidationSalt, ownerKeySalt]);
  const oe = aes256CbcNoIv(hashR6(owner, ownerKeySalt, u), fileKey);

  // Uint8Array values are written as hex strings and, being in the Encrypt dictionary, unencrypted.
  dict.R = 6;
  dict.U = u;
  dict.UE = ue;
  dict.O = o;
  dict.OE = oe;
  // P and Perms stay as pdfkit wrote them: both depend on the permissions and file key only.
  internals._root.data.Extensions = { ADBE: { BaseVersion: '1.7', ExtensionLevel: 8 } };
}

const HASHES = ['sha256', 'sha384', 'sha512'] as const;

/**
 * ISO 32000-2 §7.6.4.3.4, algorithm 2.B: the revision 6 password hash. `uData` is the 48-byte U
 * entry when hashing the owner password, empty for the user password.
 */
export function hashR6(password: Buffer, salt: Buffer, uData: Buffer): Buffer {
  let k = createHash('sha256').update(password).update(salt).update(uData).digest();
  let e = Buffer.alloc(0);
  for (let round = 0; round < 64 || (e.at(-1) ?? 0) > round - 32; round++) {
    const k1 = Buffer.concat([password, k, uData]);
    const block = Buffer.alloc(k1.length * 64);
    for (let i = 0; i < 64; i++) k1.copy(block, i * k1.length);
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    cipher.setAutoPadding(false);
    e = Buffer.concat([cipher.update(block), cipher.final()]);
    // The first 16 bytes of E as a big-endian number, modulo 3, equals their byte sum modulo 3.
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i] ?? 0;
    k = createHash(HASHES[sum % 3] ?? 'sha256')
      .update(e)
      .digest();
  }
  return k.subarray(0, 32);
}

/** AES-256-CBC with a zero IV and no padding, as UE and OE need (32 bytes in, 32 out). */
function aes256CbcNoIv(key: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}
