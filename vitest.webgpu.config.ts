import { defineConfig } from 'vitest/config';

// The engine's core checks on tfjs-backend-webgpu in Node (Dawn + SwiftShader): `npm run test:webgpu`.
export default defineConfig({
  test: {
    include: ['src/**/*.webgpu.test.ts'],
    setupFiles: ['src/test/webgpu-setup.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
