import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * vitest globalSetup: serve dist/ with `vite preview` on 127.0.0.1 (a secure context for WebGPU), with
 * vite.config.ts's COOP/COEP headers (cross-origin isolated: WASM threads; e2e/wasm-backend.e2e.ts checks).
 */
export const PORT = 4173;
let server: ChildProcess | null = null;

export async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

export async function setup(): Promise<void> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` before the e2e tests (npm run test:e2e does).');
  server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  await waitForServer(`http://127.0.0.1:${PORT}/`, 30_000);
}

export async function teardown(): Promise<void> {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
}
