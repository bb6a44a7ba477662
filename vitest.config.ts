import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'test/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'],
    testTimeout: 60_000,
    // Browser tests (test/e2e/*.e2e.test.ts, matched by 'test/**/*.test.ts' above): one editor
    // server for the run, which builds renderer/ only when an e2e test first asks for it.
    // test/e2e/harness.ts gives the e2e files their longer timeouts.
    globalSetup: ['test/e2e/globalSetup.ts'],
  },
});
