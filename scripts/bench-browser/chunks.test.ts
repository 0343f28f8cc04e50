import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backendStartCosts, builtChunks, chunkTable } from './chunks';

// A made-up build in the shape Vite writes it: index.html, a page chunk importing a shared one and
// lazily a view, a worker importing tfjs-core statically and a backend (with its .wasm) on demand.
const dist = mkdtempSync(join(tmpdir(), 'chunks-'));
const files: Record<string, string> = {
  'index-a.js': 'import{x}from"./shared-b.js";const m=()=>["assets/View-c.js"];',
  'shared-b.js': 'export const x=1;',
  'View-c.js': 'import{x}from"./shared-b.js";export const V=x;',
  'index-d.css': 'body{}',
  'compute.worker-e.js': 'import{t}from"./tfjs-core-f.js";const b=()=>import("./wasm-backend-Gq3x_9aZ.js");',
  'tfjs-core-f.js': 'export const t=2;',
  'wasm-backend-Gq3x_9aZ.js': 'import{t}from"./tfjs-core-f.js";const u=new URL("/assets/tfjs-backend-wasm-h.wasm",import.meta.url);',
  'tfjs-backend-wasm-h.wasm': '\0asm',
};
mkdirSync(join(dist, 'assets'));
for (const [name, body] of Object.entries(files)) writeFileSync(join(dist, 'assets', name), body);
writeFileSync(
  join(dist, 'index.html'),
  '<script type="module" src="/assets/index-a.js"></script><link rel="modulepreload" href="/assets/shared-b.js"><link rel="stylesheet" href="/assets/index-d.css">',
);
afterAll(() => rmSync(dist, { recursive: true }));

describe('builtChunks', () => {
  it('says when the page loads each file: first view, lazily, with the worker, or when the worker asks', () => {
    const when = Object.fromEntries(builtChunks(dist).map((c) => [c.file, c.loaded]));
    expect(when).toEqual({
      'index-a.js': 'first view',
      'shared-b.js': 'first view',
      'index-d.css': 'first view',
      'View-c.js': 'page, lazy',
      'compute.worker-e.js': 'worker',
      'tfjs-core-f.js': 'worker',
      'wasm-backend-Gq3x_9aZ.js': 'worker, on demand',
      'tfjs-backend-wasm-h.wasm': 'worker, on demand',
    });
  });

  it('measures each file raw and gzipped, and the table totals each group', () => {
    const chunks = builtChunks(dist);
    const core = chunks.find((c) => c.file === 'tfjs-core-f.js');
    expect(core?.bytes).toBe(files['tfjs-core-f.js'].length);
    expect(core?.gzipBytes).toBeGreaterThan(0);
    const table = chunkTable(chunks);
    const firstView = ['index-a.js', 'shared-b.js', 'index-d.css'].reduce((n, f) => n + files[f].length, 0);
    expect(table).toContain(`| **all loaded: first view** (3 files) | | ${(firstView / 1e3).toFixed(1)} kB |`);
  });

  it('counts what starting a backend adds: its chunk, not what the worker already has', () => {
    const costs = backendStartCosts(builtChunks(dist));
    expect(costs.map((c) => [c.backend, c.files.map((f) => f.file)])).toEqual([['wasm-backend', ['wasm-backend-Gq3x_9aZ.js']]]);
  });
});
