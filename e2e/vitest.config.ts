import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (vite preview) in Debian's headless Chromium.
export default defineConfig({
  test: {
    root: '.',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/preview-server.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
