/**
 * Tests that run the real CLI as a child process need the compiled JavaScript in dist/. Build it
 * once, here, before any test file runs: building from inside test files raced when several
 * workers compiled into dist/ at the same time.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  const root = new URL('../', import.meta.url).pathname;
  execFileSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
