/**
 * A folder of profile JSON files as a batch: each file one household, its id the file name when
 * that is safe as an id, else a hash of it. For planners who keep households as JSON, and for
 * tests and benchmarks that need a batch without a spreadsheet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FinplanError } from '../../errors.js';
import { parseJsonText, decodeInput } from '../input.js';
import { sha256 } from './files.js';
import { isSafeId, type BatchHousehold } from './household.js';
import type { RejectedHousehold } from './run.js';
import type { RenderOptionsInput } from '../../report/options.js';

/** Profiles beyond this size are refused (the profile schema's own limits keep real ones far below). */
const MAX_PROFILE_BYTES = 1024 * 1024;

export function readProfilesFolder(
  dir: string,
  options: RenderOptionsInput = {},
): { households: BatchHousehold[]; rejected: RejectedHousehold[]; fingerprint: string } {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.toLowerCase().endsWith('.json'))
      .sort();
  } catch (err) {
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `无法读取目录 ${dir}`, { cause: err });
  }
  const households: BatchHousehold[] = [];
  const rejected: RejectedHousehold[] = [];
  const hashes: string[] = [];
  names.forEach((name, index) => {
    const row = index + 1;
    const stem = name.slice(0, -'.json'.length);
    const id = isSafeId(stem) ? stem : sha256(stem).slice(0, 16);
    const bytes = readFileSync(join(dir, name));
    hashes.push(`${name}:${sha256(bytes)}`);
    try {
      if (bytes.length > MAX_PROFILE_BYTES)
        throw new FinplanError('FINPLAN_E_INPUT_TOO_LARGE', `超过 ${MAX_PROFILE_BYTES / 1024} KB`);
      const profile = parseJsonText(decodeInput(bytes, '家庭档案').text, '家庭档案');
      households.push({ id, rows: [row], profile, options });
    } catch (err) {
      const e = err instanceof FinplanError ? err : new FinplanError('FINPLAN_E_INVALID_JSON');
      rejected.push({ id, rows: [row], issues: [{ row, column: name, code: e.code, message: e.message }] });
    }
  });
  return { households, rejected, fingerprint: sha256(hashes.join('\n')) };
}
