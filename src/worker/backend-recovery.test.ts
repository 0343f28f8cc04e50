import { describe, expect, it } from 'vitest';
import type { BackendName, BackendStatus } from '../protocol/messages';
import { fallBackFrom } from './backend-recovery';

const probed: BackendStatus = {
  name: 'webgpu',
  fallbackReasons: [],
  detail: 'a real GPU',
  choice: 'probe',
  probes: [
    { name: 'webgpu', detail: '', msPerStep: 2, evalMs: 5 },
    { name: 'wasm', detail: '', threads: 4, msPerStep: 30, evalMs: 40 },
    { name: 'wasm', detail: '', threads: 1, msPerStep: 20, evalMs: 30 },
  ],
};

describe('fallBackFrom: the backend after a lost device', () => {
  it("starts the probe's next pick, WASM on the thread count its probe chose, and says why", async () => {
    const asked: [BackendName, number | undefined][] = [];
    const next = await fallBackFrom(probed, 'the GPU device was lost', async (name, threads) => {
      asked.push([name, threads]);
      return { ok: true, detail: `${threads} thread`, software: false, threads };
    });
    expect(asked).toEqual([['wasm', 1]]);
    expect(next).toMatchObject({ name: 'wasm', wasmThreads: 1, choice: 'probe', fallbackReasons: ['webgpu: the GPU device was lost'] });
  });

  it('without a probe, WASM starts on its default thread count', async () => {
    const asked: [BackendName, number | undefined][] = [];
    await fallBackFrom({ name: 'webgpu', fallbackReasons: [], detail: '', choice: 'forced' }, 'lost', async (name, threads) => {
      asked.push([name, threads]);
      return name === 'webgl' ? { ok: false, reason: 'no WebGL' } : { ok: true, detail: '', software: false };
    });
    expect(asked).toEqual([
      ['webgl', undefined],
      ['wasm', undefined],
    ]);
  });
});
