import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url).pathname;
let built = false;

/** Compile src/ to dist/ once per test run, so the CLI under test is the current code. */
export function ensureBuilt(): void {
  if (built) return;
  execFileSync(
    process.execPath,
    [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${ROOT}tsconfig.build.json`],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (!existsSync(`${ROOT}dist/apps/cli/main.js`) || statSync(`${ROOT}dist/apps/cli/main.js`).size === 0)
    throw new Error('build did not produce dist/apps/cli/main.js');
  built = true;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], input?: string): CliResult {
  ensureBuilt();
  const r = spawnSync(process.execPath, [`${ROOT}dist/apps/cli/main.js`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, FINPLAN_DEBUG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
