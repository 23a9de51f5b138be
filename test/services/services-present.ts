/**
 * The services suite needs a real redis-server. A missing one fails the suite with the way to get
 * it; it never skips (a skipped queue test reads as a passing one).
 */
import { spawnSync } from 'node:child_process';

export default function servicesPresent(): void {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new Error(
      'redis-server not found: the services suite (npm run test:services) starts a real Redis. ' +
        'Install it with `apt-get install -y redis-server` (Debian; .ci/run does this).',
    );
}
