import { describe, expect, it } from 'vitest';
import type { BackendStatus } from '../protocol/messages';
import { backendDetail, choiceLabel, formatMs, probeLabel } from './backend-label';

const probed: BackendStatus = {
  name: 'wasm',
  fallbackReasons: [],
  detail: '2 threads',
  choice: 'probe',
  crossOriginIsolated: true,
  wasmThreads: 2,
  probes: [
    { name: 'wasm', detail: '', threads: 2, msPerStep: 9.04, evalMs: 12 },
    { name: 'webgpu', detail: 'software adapter', software: true, msPerStep: 410.4, evalMs: 900 },
    { name: 'webgl', detail: '', lost: 'over its 0.6 s budget' },
  ],
};

describe('backend chip words', () => {
  it('names the winner and every probe time', () => {
    expect(choiceLabel(probed)).toBe(
      'fastest in a probe: wasm ×2 threads: 9.0 ms/step · webgpu (software adapter): 410 ms/step · webgl: over its 0.6 s budget',
    );
    expect(choiceLabel({ ...probed, choice: 'cached' })).toMatch(/^fastest when this browser last measured: wasm ×2 threads/);
  });

  it('says when a link forced the backend, and nothing without a probe', () => {
    expect(choiceLabel({ ...probed, choice: 'forced', requested: 'wasm', probes: undefined })).toBe('set by the link (backend=wasm)');
    // a link's backend that could not start: the chip names what the link asked for, and the fallback says why
    expect(choiceLabel({ name: 'webgl', fallbackReasons: ['webgpu: no WebGPU adapter available'], detail: '', choice: 'forced', requested: 'webgpu' })).toBe(
      'set by the link (backend=webgpu)',
    );
    expect(choiceLabel({ name: 'webgl', fallbackReasons: [], detail: '' })).toBe('');
  });

  it('shows WASM threads and whether the page is cross-origin isolated', () => {
    expect(backendDetail(probed)).toBe('2 threads, cross-origin isolated; TSC evaluation on a second worker');
    expect(backendDetail({ ...probed, evalFallback: 'the worker did not start' })).toBe(
      '2 threads, cross-origin isolated; TSC evaluation in the compute worker (the second worker failed: the worker did not start)',
    );
    expect(backendDetail({ ...probed, wasmThreads: 1, crossOriginIsolated: false })).toMatch(/^1 thread \(not cross-origin isolated/);
    expect(backendDetail({ name: 'webgpu', fallbackReasons: [], detail: 'google swiftshader' })).toBe('google swiftshader');
  });

  it('formats times', () => {
    expect([0.42, 9.04, 10, 409.6].map(formatMs)).toEqual(['0.4 ms', '9.0 ms', '10 ms', '410 ms']);
    expect(probeLabel({ name: 'webgpu', detail: '', lost: 'no WebGPU adapter available' })).toBe('webgpu: no WebGPU adapter available');
  });
});
