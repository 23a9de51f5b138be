/**
 * poppler-utils and qpdf, the second, independent reader of our PDFs (Debian packages; .ci/run
 * installs them). A missing tool fails the test (spawnSync's ENOENT is thrown), it never skips.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parsePgm, pdfFile, type GrayImage } from '../helpers/pdf.js';

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[]): ToolResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error; // a missing tool fails the test, it never skips
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like run, but a non-zero exit fails too. */
export function runOk(cmd: string, args: string[]): string {
  const r = run(cmd, args);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** pdffonts' table as rows: name, type, encoding, emb, sub, uni (its columns after the header). */
export function parsePdfFonts(
  output: string,
): Array<{ name: string; type: string; embedded: boolean; subset: boolean; unicode: boolean }> {
  return output
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const m = /^(\S+)\s+(.+?)\s+(Identity-H|\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(
        line,
      );
      if (!m) throw new Error(`pdffonts line not understood: ${line}`);
      return {
        name: m[1]!,
        type: m[2]!,
        embedded: m[4] === 'yes',
        subset: m[5] === 'yes',
        unicode: m[6] === 'yes',
      };
    });
}

/** A page rendered in grey by poppler's pdftoppm: width, height and one byte per pixel. */
export function popplerPageGray(pdf: Buffer, page: number, dpi = 30): GrayImage {
  const file = pdfFile(pdf);
  runOk('pdftoppm', [
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

/** pdftotext's text of each page (its form feeds split the pages). */
export function popplerPagesText(pdf: Buffer, options: { layout?: boolean } = {}): string[] {
  const pages = runOk('pdftotext', [...(options.layout ? ['-layout'] : []), pdfFile(pdf), '-']).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}
