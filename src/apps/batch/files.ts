/**
 * How a batch writes: every final file appears whole or not at all. A file is written to a
 * temporary name in the same folder, flushed to disk, then renamed over its final name (a rename
 * within one file system is atomic), so a crash or kill -9 never leaves a partial PDF under a
 * final name. Temporary names start with ".tmp-" and are swept at the next run.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { FinplanError } from '../../errors.js';

export const TEMP_PREFIX = '.tmp-';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Write `data` to dir/name atomically (temp file, fsync, rename). */
export function writeFileAtomic(dir: string, name: string, data: Uint8Array | string): void {
  const temp = join(dir, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${name}`);
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, join(dir, name));
  } catch (err) {
    rmSync(temp, { force: true });
    throw new FinplanError('FINPLAN_E_OUTPUT_WRITE', `无法写入 ${join(dir, name)}`, { cause: err });
  }
}

/** Remove temporary files a killed run left behind. */
export function sweepTemporaryFiles(dir: string): number {
  let removed = 0;
  for (const name of readdirSync(dir))
    if (name.startsWith(TEMP_PREFIX)) {
      rmSync(join(dir, name), { force: true });
      removed++;
    }
  return removed;
}

/** The sha256 of a file, or null when it cannot be read. */
export function fileSha256(path: string): string | null {
  try {
    return sha256(readFileSync(path));
  } catch {
    return null;
  }
}
