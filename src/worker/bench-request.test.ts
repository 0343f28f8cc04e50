import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import manifest from '../../models/manifest.json';
import { disposeParams, initParams } from '../engine/model/params';
import type { ZooEntry } from '../engine/zoo';
import type { BenchUpdate, WorkerEvent } from '../protocol/messages';
import { BENCH_MEASURES, measure, prepareModel } from './bench-measure';
import { serveBench } from './bench-request';

const ROOT = resolve(import.meta.dirname, '../..');
const entry = (manifest.models as unknown as ZooEntry[]).find((m) => m.id === 'mnist-mlp-badnet') as ZooEntry;
/** fetch served from the repository: model files from models/, data from public/data/ */
const BASE = 'http://bench.test/';
const fromDisk = async (url: string) => {
  const path = new URL(url).pathname.slice(1);
  return new Response(readFileSync(path.startsWith('data/') ? resolve(ROOT, 'public', path) : resolve(ROOT, path)));
};
const files = { modelJsonUrl: `${BASE}models/${entry.modelJson}`, weightsUrl: `${BASE}models/${entry.weights}` };

afterEach(() => vi.unstubAllGlobals());

describe('serveBench', () => {
  it('starts the asked backend, posts each measure of each model, and frees every tensor it made', async () => {
    vi.stubGlobal('fetch', vi.fn(fromDisk));
    const updates: BenchUpdate[] = [];
    const post = (ev: WorkerEvent) => {
      if (ev.type === 'bench' && ev.requestId === 7) updates.push(ev.update);
    };
    const before = tf.memory().numTensors;
    await serveBench(
      {
        type: 'bench',
        requestId: 7,
        backend: 'cpu',
        dataBaseUrl: `${BASE}data/`,
        models: [{ entry, files, sizes: { repeats: 1, curveSteps: 2, evalSamples: 50 } }],
      },
      post,
    );
    expect(updates[0]).toEqual({ kind: 'started', backend: 'cpu', detail: '' });
    const rows = updates.flatMap((u) => (u.kind === 'row' ? [u.row] : []));
    expect(rows.map((r) => `${r.model} ${r.measure}`)).toEqual([
      'mnist-mlp-badnet curve-step',
      'mnist-mlp-badnet permute-layers',
      'mnist-mlp-badnet curve-eval-21',
    ]);
    expect(rows.every((r) => Number.isFinite(r.ms) && r.repeats === 1)).toBe(true);
    expect(rows[2].ms).toBeGreaterThan(0);
    expect(rows[0].detail).toBe('batch 64, marginal over 2 steps');
    expect(rows[2].detail).toMatch(/^50 clean \+ \d+ triggered images$/);
    const done = updates[updates.length - 1];
    expect(done).toEqual({ kind: 'done', numTensors: before });
  }, 60_000);

  it('skips the curve evaluation when evalSamples is 0 and refuses a subset too small for a marginal step', async () => {
    // random weights and blank images: neither check gets as far as computing
    const blank = {
      count: 1000,
      height: 28,
      width: 28,
      channels: 1,
      classes: 10,
      labels: new Uint8Array(1000).map((_, i) => i % 10),
      pixels: new Uint8Array(1000 * 784),
    };
    const params = initParams('mlp', 1);
    const model = prepareModel({ id: 'blank', arch: 'mlp', params, attack: entry.attack, target: 0, train: blank, test: blank });
    const [step, , evaluation] = BENCH_MEASURES;
    expect(evaluation.measure).toBe('curve-eval-21');
    await expect(measure(model, evaluation, { repeats: 1, curveSteps: 2, evalSamples: 0 })).resolves.toBeNull();
    await expect(measure(model, step, { repeats: 1, curveSteps: 1, evalSamples: 0 })).rejects.toThrow(
      /needs 2 batches of 50: curveSteps is 1, the clean subset has 50 images/,
    );
    disposeParams(params);
  });
});
