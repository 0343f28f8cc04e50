import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../store/store';
import { loadPrecomputed, MISSING_MESSAGE, traceUrl, watchPrecomputed } from './precomputed-loader';

// A real pack written by `npm run traces` (no loss planes), for mnist-cnn-badnet.
const FIXTURE = readFileSync(join(import.meta.dirname, '../engine/trace-pack/fixtures/mnist-cnn-badnet.tsc.json'), 'utf8');
const MODEL = 'mnist-cnn-badnet';
const state = () => useAppStore.getState();

const answer = (body: string, status = 200, type = 'application/json') => new Response(body, { status, headers: { 'content-type': type } });
const fetchOf = (body: string, status?: number, type?: string) => vi.fn(() => Promise.resolve(answer(body, status, type))) as unknown as typeof fetch;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  state().selectModel(MODEL);
});

describe('precomputed trace loader', () => {
  it('fetches traces/<model>.tsc.json under the base URL and shows the pack', async () => {
    const fetchFn = fetchOf(FIXTURE);
    await loadPrecomputed(MODEL, { fetchFn, base: '/app/' });
    expect(fetchFn).toHaveBeenCalledWith('/app/traces/mnist-cnn-badnet.tsc.json');
    expect(traceUrl('m', '/')).toBe('/traces/m.tsc.json');
    const s = state();
    expect([s.precomputed?.modelId, s.status, s.runModelId, s.precomputedStatus]).toEqual([MODEL, 'done', MODEL, null]);
    expect(s.stages.map((r) => `${r.round}/${r.stage}`)).toEqual(['1/1', '1/2']);
    expect(s.precomputed?.predictions[0].clean).toHaveLength(s.precomputed?.predictionTs.length ?? -1);
  });

  it('a 404, or the server answering with its HTML page, means none was shipped', async () => {
    await loadPrecomputed(MODEL, { fetchFn: fetchOf('not found', 404, 'text/plain') });
    expect(state().precomputedStatus).toEqual({ modelId: MODEL, state: 'missing', message: MISSING_MESSAGE });
    await loadPrecomputed(MODEL, { fetchFn: fetchOf('<!doctype html>', 200, 'text/html') });
    expect(state().precomputedStatus?.state).toBe('missing');
    expect(state().precomputed).toBeNull();
  });

  it('a broken pack, a server error or a network error fails with a message', async () => {
    await loadPrecomputed(MODEL, { fetchFn: fetchOf('{"format": "tsc-trace-pack", "version": 99}') });
    expect(state().precomputedStatus?.message).toBe(
      '/traces/mnist-cnn-badnet.tsc.json is trace pack version 99; this app reads version 1: regenerate it with `npm run traces`.',
    );
    await loadPrecomputed(MODEL, { fetchFn: fetchOf('', 500) });
    expect(state().precomputedStatus).toMatchObject({ state: 'failed', message: '/traces/mnist-cnn-badnet.tsc.json: HTTP 500' });
    await loadPrecomputed(MODEL, { fetchFn: vi.fn(() => Promise.reject(new Error('offline'))) as unknown as typeof fetch });
    expect(state().precomputedStatus?.message).toBe('/traces/mnist-cnn-badnet.tsc.json could not be loaded: offline');
  });

  it('drops the answer for a model the user has left', async () => {
    let release: (r: Response) => void = () => {};
    const slow = vi.fn(() => new Promise<Response>((resolve) => (release = resolve))) as unknown as typeof fetch;
    const first = loadPrecomputed(MODEL, { fetchFn: slow });
    state().selectModel('mnist-mlp-badnet');
    await loadPrecomputed('mnist-mlp-badnet', { fetchFn: fetchOf('', 404) });
    release(answer(FIXTURE));
    await first;
    expect(state().precomputed).toBeNull();
    expect(state().precomputedStatus).toEqual({ modelId: 'mnist-mlp-badnet', state: 'missing', message: MISSING_MESSAGE });
  });

  it("on start-up the user's restored run wins, whatever its model; a later model change shows the pack", async () => {
    const archived = { savedAt: 9, modelId: 'mnist-mlp-badnet', trace: { ...JSON.parse(FIXTURE).trace, model: 'mnist-mlp-badnet' } };
    state().restoreRun(archived);
    await loadPrecomputed(MODEL, { fetchFn: fetchOf(FIXTURE), startup: true });
    expect([state().precomputed, state().restored, state().runModelId, state().precomputedStatus]).toEqual([null, { savedAt: 9 }, 'mnist-mlp-badnet', null]);
    await loadPrecomputed(MODEL, { fetchFn: fetchOf(FIXTURE) });
    expect([state().precomputed?.modelId, state().restored, state().runModelId]).toEqual([MODEL, null, MODEL]);
  });

  it('asks nothing while a live run goes', async () => {
    state().startRun(1, MODEL);
    const fetchFn = fetchOf(FIXTURE);
    await loadPrecomputed(MODEL, { fetchFn });
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('watches the selected model: loads now and on every change, until unsubscribed', () => {
    const fetchFn = fetchOf('', 404);
    const stop = watchPrecomputed({ fetchFn, base: '/' });
    state().selectModel('mnist-mlp-blended');
    state().selectModel('mnist-mlp-blended');
    stop();
    state().selectModel('mnist-mlp-badnet');
    expect(vi.mocked(fetchFn).mock.calls.map((c) => c[0])).toEqual(['/traces/mnist-cnn-badnet.tsc.json', '/traces/mnist-mlp-blended.tsc.json']);
  });
});
