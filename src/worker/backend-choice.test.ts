import { describe, expect, it } from 'vitest';
import type { BackendProbe } from '../protocol/messages';
import {
  FORCED_ORDER,
  fallbackOrder,
  PROBE_BACKEND_MAX_MS,
  PROBE_BACKEND_MIN_MS,
  PROBE_ORDER,
  PROBE_TOTAL_MS,
  planBackend,
  probeBudget,
  probeCandidates,
  rankBackends,
  usableCache,
  wasmThreadsChoice,
  wasmThreadsFor,
  type CachedChoice,
} from './backend-choice';

const wasm = (msPerStep: number, evalMs = 10): BackendProbe => ({ name: 'wasm', detail: '', threads: 2, msPerStep, evalMs });
const softwareGpu = (msPerStep: number, evalMs = 10): BackendProbe => ({ name: 'webgpu', detail: 'software adapter', software: true, msPerStep, evalMs });
const lost = (name: BackendProbe['name'], why: string): BackendProbe => ({ name, detail: '', lost: why });

const ENV = { appVersion: '0.1.0', adapter: 'google swiftshader (software fallback adapter)', crossOriginIsolated: true };
const cached = (over: Partial<CachedChoice> = {}): CachedChoice => ({ format: 1, ...ENV, backend: 'wasm', probes: [wasm(9)], savedAt: 1, ...over });

describe('rankBackends: the fastest measured backend wins', () => {
  it('orders finished probes by their measured work, then the unmeasured ones with CPU last', () => {
    const probes = [wasm(9), { name: 'webgl', detail: '', msPerStep: 5, evalMs: 5 } satisfies BackendProbe, lost('webgpu', 'over its 1.5 s budget')];
    expect(rankBackends(probes)).toEqual(['webgl', 'wasm', 'webgpu', 'cpu']);
  });

  it('never puts a software WebGPU adapter before a faster WASM', () => {
    expect(rankBackends([wasm(9), softwareGpu(410)])[0]).toBe('wasm');
    // nor when WebGPU's step is close but its evaluation is slower
    expect(rankBackends([wasm(9, 20), softwareGpu(8, 400)])[0]).toBe('wasm');
  });

  it('lets any backend win on time, software adapters included, when it really is faster', () => {
    expect(rankBackends([wasm(40), softwareGpu(4)])[0]).toBe('webgpu');
  });

  it('a backend that ran over its budget loses even if it has a partial time', () => {
    expect(rankBackends([{ ...softwareGpu(1), lost: 'over its 1.8 s budget' }, wasm(30)])[0]).toBe('wasm');
  });

  it('with nothing measured: WASM, WebGL, WebGPU, then CPU as the last resort', () => {
    expect(rankBackends([])).toEqual(['wasm', 'webgl', 'webgpu', 'cpu']);
    expect(rankBackends(PROBE_ORDER.map((n) => lost(n, 'failed to initialise'))).at(-1)).toBe('cpu');
  });
});

describe('probe budgets', () => {
  it('keeps every backend under its cap and the whole probe under PROBE_TOTAL_MS', () => {
    expect(probeBudget(PROBE_TOTAL_MS, 2)).toBe(PROBE_BACKEND_MAX_MS);
    // each backend spends its whole budget (all time out): the sum stays within the total
    let left = PROBE_TOTAL_MS;
    for (let i = 0; i < PROBE_ORDER.length; i++) left -= probeBudget(left, PROBE_ORDER.length - 1 - i);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(PROBE_TOTAL_MS).toBeLessThan(3000);
  });

  it('keeps time for the backends still to come, and skips a backend left with too little', () => {
    expect(probeBudget(1000, 1)).toBe(1000 - PROBE_BACKEND_MIN_MS);
    expect(probeBudget(PROBE_BACKEND_MIN_MS / 4, 0)).toBe(0);
  });
});

describe('planBackend', () => {
  it('a forced backend skips the probe and the cache, and falls back along FORCED_ORDER', () => {
    expect(planBackend('wasm', cached({ backend: 'webgl' }))).toEqual({ choice: 'forced', order: ['wasm', 'cpu'] });
    expect(planBackend('webgl', null)).toEqual({ choice: 'forced', order: ['webgl', 'wasm', 'cpu'] });
    expect(planBackend('webgpu', null)).toEqual({ choice: 'forced', order: [...FORCED_ORDER] });
  });

  it('auto uses a remembered choice first, else probes', () => {
    expect(planBackend('auto', cached({ backend: 'webgl', probes: [wasm(9)] }))).toMatchObject({ choice: 'cached', order: ['webgl', 'wasm', 'webgpu', 'cpu'] });
    expect(planBackend('auto', null)).toEqual({ choice: 'probe' });
  });
});

describe('usableCache: a remembered choice holds only in the environment it was measured in', () => {
  it('is kept when nothing changed', () => {
    expect(usableCache(cached(), ENV)).toEqual(cached());
  });

  it('is dropped when the WebGPU adapter, the app version or cross-origin isolation changes', () => {
    expect(usableCache(cached(), { ...ENV, adapter: 'nvidia ampere' })).toBeNull();
    expect(usableCache(cached(), { ...ENV, adapter: '' })).toBeNull();
    expect(usableCache(cached(), { ...ENV, appVersion: '0.2.0' })).toBeNull();
    expect(usableCache(cached(), { ...ENV, crossOriginIsolated: false })).toBeNull();
  });

  it('is dropped when malformed', () => {
    for (const bad of [null, 'wasm', 42, {}, cached({ backend: 'tpu' as never }), cached({ probes: 'fast' as never }), cached({ format: 2 as never })]) {
      expect(usableCache(bad, ENV)).toBeNull();
    }
    expect(usableCache({ ...cached(), probes: [{ name: 'webgpu' }] }, ENV)).toBeNull();
  });
});

describe('wasmThreadsFor', () => {
  it('uses every logical core, 1 to 4', () => {
    expect([0, 1, 2, 3, 8, 64, NaN].map(wasmThreadsFor)).toEqual([1, 1, 2, 3, 4, 4, 1]);
  });
});

describe('the WASM thread count is measured too', () => {
  it('probes WASM on every core and on one thread when isolated with several cores, else once', () => {
    expect(probeCandidates(2, true)).toEqual([{ name: 'wasm', threads: 2 }, { name: 'wasm', threads: 1 }, { name: 'webgpu' }, { name: 'webgl' }]);
    expect(probeCandidates(2, false)).toEqual([{ name: 'wasm', threads: 1 }, { name: 'webgpu' }, { name: 'webgl' }]);
    expect(probeCandidates(1, true)).toEqual([{ name: 'wasm', threads: 1 }, { name: 'webgpu' }, { name: 'webgl' }]);
  });
  it('starts WASM on the thread count of its faster finished probe; WASM is ranked once', () => {
    const two = { ...wasm(40), threads: 2 };
    const one = { ...wasm(20), threads: 1 };
    expect(wasmThreadsChoice([two, one, softwareGpu(400)])).toBe(1);
    expect(wasmThreadsChoice([{ ...wasm(10), threads: 2 }, one])).toBe(2);
    expect(wasmThreadsChoice([{ ...one, lost: 'over its 1.8 s budget' }, two])).toBe(2);
    expect(wasmThreadsChoice([lost('wasm', 'did not start'), softwareGpu(400)])).toBeUndefined();
    expect(wasmThreadsChoice(undefined)).toBeUndefined();
    expect(rankBackends([two, softwareGpu(30), one])).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
  });
});

describe('fallbackOrder: where a worker goes when its backend is lost', () => {
  it('follows the forced order on from the lost backend, then the ones before it, never the lost one', () => {
    expect(fallbackOrder('webgpu')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(fallbackOrder('webgl')).toEqual(['wasm', 'cpu', 'webgpu']);
  });

  it("follows the probe's ranking when there was one", () => {
    expect(fallbackOrder('webgpu', [wasm(30), softwareGpu(10), lost('webgl', 'over budget')])).toEqual(['wasm', 'webgl', 'cpu']);
  });
});
