import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'finplan-sheet-'));
let n = 0;

/** Write bytes or text to a fresh temporary file and return its path. */
export function tempFile(content: Buffer | string, ext = '.csv'): string {
  const path = join(dir, `f${++n}${ext}`);
  writeFileSync(path, content);
  return path;
}

export const sample = (name: string) => new URL(`../../../samples/batch/${name}`, import.meta.url).pathname;
