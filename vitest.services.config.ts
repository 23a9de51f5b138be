import { defineConfig } from 'vitest/config';

/**
 * `npm run test:services`: tests against real services started on this machine — today a
 * `redis-server` (Debian package; .ci/run installs it) for the batch queue. `npm test` needs npm
 * alone and leaves test/services/ out.
 */
export default defineConfig({
  test: {
    include: ['test/services/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Worker processes and a local run share two cores: one test file at a time.
    fileParallelism: false,
    // Fail at once when redis-server is missing; the CLI tests run dist/: compile it once.
    globalSetup: ['test/services/services-present.ts', 'test/global-setup.ts'],
  },
});
