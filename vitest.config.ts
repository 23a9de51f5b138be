import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // poppler and qpdf, the second reader: `npm run test:interop` (vitest.interop.config.ts);
    // a real redis-server for the batch queue: `npm run test:services` (vitest.services.config.ts).
    exclude: [...configDefaults.exclude, 'test/interop/**', 'test/services/**'],
    // PDF rendering and child-process tests take seconds each on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The CLI tests run dist/: compile it once before the workers start.
    globalSetup: ['test/global-setup.ts'],
  },
});
