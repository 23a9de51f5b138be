/**
 * Tests that run the real CLI as a child process need the compiled JavaScript in dist/.
 * Build it once before any test runs, so `npm test` works on a fresh clone after `npm ci`.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
