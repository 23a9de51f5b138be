import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url).pathname;
let built = false;

/** dist/ is compiled once by test/global-setup.ts; check it is there. */
export function ensureBuilt(): void {
  if (built) return;
  if (!existsSync(`${ROOT}dist/apps/cli/main.js`) || statSync(`${ROOT}dist/apps/cli/main.js`).size === 0)
    throw new Error('dist/apps/cli/main.js is missing: test/global-setup.ts should have built it');
  built = true;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], input?: string, env: Record<string, string> = {}): CliResult {
  ensureBuilt();
  const base: NodeJS.ProcessEnv = { ...process.env, FINPLAN_DEBUG: '' };
  delete base.FINPLAN_PDF_PASSWORD;
  const r = spawnSync(process.execPath, [`${ROOT}dist/apps/cli/main.js`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...base, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
