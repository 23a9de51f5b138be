/**
 * Global setup of `npm run test:interop`: every tool the suite runs must be on PATH, or the run
 * fails at once with what to install (it never skips a reader that is missing).
 */
import { spawnSync } from 'node:child_process';

const TOOLS: Array<[string, string[]]> = [
  ['pdftotext', ['-v']],
  ['pdfinfo', ['-v']],
  ['pdffonts', ['-v']],
  ['pdftoppm', ['-v']],
  ['qpdf', ['--version']],
];

export default function setup(): void {
  const missing = TOOLS.filter(([tool, args]) => spawnSync(tool, args).error !== undefined).map(([t]) => t);
  if (missing.length > 0)
    throw new Error(
      `test:interop needs ${missing.join(', ')} on PATH: apt-get install poppler-utils qpdf (Debian); .ci/run installs them`,
    );
}
