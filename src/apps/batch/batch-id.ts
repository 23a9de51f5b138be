/**
 * A batch's id: a hash of the engine version, the input (the sheet's bytes, or a folder's
 * fingerprint), the batch config and the header map. The same export with the same settings is the
 * same batch — so a rerun resumes, the queue's job ids repeat, and re-posting a file over HTTP
 * answers with the batch already made. The CLI and the HTTP API both derive it here.
 */
import { ENGINE_VERSION } from '../../engine/version.js';
import { sha256 } from './files.js';
import type { BatchConfig } from './sheet/config.js';

export const BATCH_ID_PATTERN = /^[0-9a-f]{16}$/;

export function deriveBatchId(
  fingerprint: string,
  config: BatchConfig | undefined,
  mapText: string | null,
): string {
  const settings = sha256(JSON.stringify({ config: config ?? null, map: mapText }));
  return sha256(`${ENGINE_VERSION}\n${fingerprint}\n${settings}`).slice(0, 16);
}
