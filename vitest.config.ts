import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    // *.webgpu.test.ts need Dawn's environment: npm run test:webgpu (vitest.webgpu.config.ts).
    exclude: ['**/node_modules/**', 'src/**/*.webgpu.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
