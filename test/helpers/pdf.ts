import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

/** A page rendered in grey at a low resolution: width, height and one byte per pixel (PGM). */
export function pdfPageGray(
  pdf: Buffer,
  page: number,
  dpi = 30,
): { width: number; height: number; pixels: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'finplan-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    join(dir, 'page'),
  ]);
  return parsePgm(readFileSync(join(dir, 'page.pgm')));
}

export function parsePgm(data: Buffer): { width: number; height: number; pixels: Buffer } {
  // P5\n<width> <height>\n<max>\n<bytes>
  const header = data.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a binary PGM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, pixels: data.subarray(m[0].length, m[0].length + width * height) };
}

/** Mean absolute difference per pixel (0–255) between two same-sized grey images. */
export function meanDifference(a: { pixels: Buffer }, b: { pixels: Buffer }): number {
  if (a.pixels.length !== b.pixels.length) return 255;
  let total = 0;
  for (let i = 0; i < a.pixels.length; i++) total += Math.abs(a.pixels[i]! - b.pixels[i]!);
  return total / a.pixels.length;
}
