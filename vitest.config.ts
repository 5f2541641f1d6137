import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Finds (or installs, on Debian as root) Chromium for the browser tests: scripts/chromium.mjs.
    globalSetup: ['tests/support/chromium-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser tests start their own preview server and Chromium; keep them from racing the others for 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
