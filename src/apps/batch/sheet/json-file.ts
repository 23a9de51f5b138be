/**
 * Reading the small JSON files a batch run is configured by (the batch config, a header map):
 * size-limited, any encoding the CLI accepts, parse errors with a position but never the content.
 */
import { readFileSync, statSync } from 'node:fs';
import { FinplanError } from '../../../errors.js';
import { decodeInput, parseJsonText } from '../../input.js';
import { SHEET_LIMITS } from './limits.js';

export function readSmallJsonFile(path: string, what: string): unknown {
  let bytes: Buffer;
  try {
    if (statSync(path).size > SHEET_LIMITS.maxJsonBytes)
      throw new FinplanError(
        'FINPLAN_E_INPUT_TOO_LARGE',
        `${what}超过 ${SHEET_LIMITS.maxJsonBytes / 1024} KB`,
      );
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof FinplanError) throw err;
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `找不到或无法读取${what}文件`, { cause: err });
  }
  return parseJsonText(decodeInput(bytes, what).text, what);
}
