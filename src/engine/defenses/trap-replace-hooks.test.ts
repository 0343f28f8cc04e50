import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIXELS } from '../data/datasets';
import { disposeParams, paramsToArrays } from '../model/params';
import { labelsOf, randomImages } from './testFixtures';
import { trapAndReplace, TRAP_REPLACE_DEFAULTS, type TrapReplaceSettings } from './trap-replace';

/* The hooks the page's run needs (src/worker/trap-replace-run.ts): a step hook and a signal, neither of which changes the result. */

beforeAll(async () => {
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

const n = 100;
const clean = { images: randomImages(n, 8), labels: labelsOf(n, 2) };
const poisoned = { images: new Float32Array(clean.images), labels: new Uint8Array(clean.labels) };
for (let i = 0; i < 10; i++) {
  poisoned.images[i * PIXELS] = 1;
  poisoned.labels[i] = 0;
}
const data = { arch: 'mlp' as const, poisoned, clean };
// 80 stage-1 images in batches of 32 (3 steps), 20 holdout images in batches of 8 (3 steps)
const settings: TrapReplaceSettings = {
  ...TRAP_REPLACE_DEFAULTS,
  holdoutFraction: 0.2,
  stage1Epochs: 2,
  stage1BatchSize: 32,
  stage2Epochs: 2,
  stage2BatchSize: 8,
  seed: 4,
};

describe('trapAndReplace hooks', () => {
  it('reports every step of both stages with a running count, and a signal that is never aborted changes nothing', async () => {
    const plain = await trapAndReplace(data, settings);
    const expected = await paramsToArrays(plain.params);
    disposeParams(plain.params);
    const steps: { stage: number; epoch: number; done: number; total: number }[] = [];
    const hooked = await trapAndReplace(data, settings, { onStep: (s) => steps.push(s), signal: new AbortController().signal });
    const got = await paramsToArrays(hooked.params);
    disposeParams(hooked.params);
    expect(steps.map((s) => s.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(steps.map((s) => s.total))).toEqual(new Set([12]));
    expect(steps.map((s) => `${s.stage}.${s.epoch}`)).toEqual(['1.1', '1.1', '1.1', '1.2', '1.2', '1.2', '2.1', '2.1', '2.1', '2.2', '2.2', '2.2']);
    for (const name of Object.keys(expected)) expect(got[name]).toEqual(expected[name]);
  });

  for (const stage of [1, 2] as const) {
    it(`an abort in stage ${stage} stops it within one step with an AbortError and frees every tensor`, async () => {
      const before = tf.memory().numTensors;
      const controller = new AbortController();
      const steps: number[] = [];
      const run = trapAndReplace(data, settings, {
        signal: controller.signal,
        onStep: (s) => {
          steps.push(s.done);
          if (s.stage === stage && s.done === (stage === 1 ? 2 : 8)) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(steps.at(-1)).toBe(stage === 1 ? 2 : 8);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
