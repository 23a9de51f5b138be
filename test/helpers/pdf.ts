import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Poppler's tools are required: a missing tool fails the test (ENOENT), it never skips. */
export function pdfToText(
  pdf: Buffer,
  options: { layout?: boolean; first?: number; last?: number } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'finplan-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  const args = [
    ...(options.layout ? ['-layout'] : []),
    ...(options.first ? ['-f', String(options.first)] : []),
    ...(options.last ? ['-l', String(options.last)] : []),
    file,
    '-',
  ];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}

export function pdfFonts(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'finplan-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

export function pdfPageCount(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'finplan-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

export function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
