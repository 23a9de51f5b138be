import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** `data` written to a new private temporary directory as `name`; returns the path. */
export function tempFile(name: string, data: Buffer | string, mode = 0o600): string {
  const path = join(mkdtempSync(join(tmpdir(), 'finplan-test-')), name);
  writeFileSync(path, data, { mode });
  return path;
}

/** A PDF in a temporary file, for the command-line tools that read files. */
export function pdfFile(pdf: Buffer): string {
  return tempFile('doc.pdf', pdf);
}

/** Poppler's tools are required: a missing tool fails the test (ENOENT), it never skips. */
export function pdfToText(
  pdf: Buffer,
  options: { layout?: boolean; first?: number; last?: number } = {},
): string {
  const file = pdfFile(pdf);
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
  const file = pdfFile(pdf);
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

export function pdfPageCount(pdf: Buffer): number {
  const file = pdfFile(pdf);
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
  const file = pdfFile(pdf);
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
    join(dirname(file), 'page'),
  ]);
  return parsePgm(readFileSync(join(dirname(file), 'page.pgm')));
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

/**
 * Mean grey difference per 24 × 24 pixel tile (30 dpi: about 2 cm square), and the worst tile:
 * a whole-page mean would hide a moved table or a lost chart line; one tile will not.
 */
export function worstTileDifference(
  a: { width: number; height: number; pixels: Buffer },
  b: { width: number; height: number; pixels: Buffer },
): number {
  if (a.width !== b.width || a.height !== b.height) return 255;
  const tile = 24;
  let worst = 0;
  for (let ty = 0; ty < a.height; ty += tile)
    for (let tx = 0; tx < a.width; tx += tile) {
      let total = 0;
      let n = 0;
      for (let y = ty; y < Math.min(ty + tile, a.height); y++)
        for (let x = tx; x < Math.min(tx + tile, a.width); x++) {
          const i = y * a.width + x;
          total += Math.abs(a.pixels[i]! - b.pixels[i]!);
          n++;
        }
      worst = Math.max(worst, total / n);
    }
  return worst;
}
