/** Notices for the person at the terminal: on stderr, so stdout stays data. */
import type { ReadOptions } from '../input.js';

export function notice(message: string): void {
  process.stderr.write(`注意：${message}\n`);
}

/** Input readers tell the terminal when a file was not UTF-8. */
export const readWithNotices: ReadOptions = { onNotice: notice };
