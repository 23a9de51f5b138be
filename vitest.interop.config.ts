import { defineConfig } from 'vitest/config';

/**
 * `npm run test:interop`: poppler-utils and qpdf read our PDFs as a second, independent reader
 * beside pdfjs (Debian packages; .ci/run installs them). `npm test` needs npm alone.
 */
export default defineConfig({
  test: {
    include: ['test/interop/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Fail at once when a tool is missing; the CLI test runs dist/: compile it once.
    globalSetup: ['test/interop/tools-present.ts', 'test/global-setup.ts'],
  },
});
