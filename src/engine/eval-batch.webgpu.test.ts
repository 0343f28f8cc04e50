import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { describe, expect, it } from 'vitest';
import { toFloatImages } from './data/format';
import { withEvalPath } from './eval-batch';
import { EvalSet, evaluateCurve } from './evaluate';
import { midpoint } from './curve';
import { disposeParams, initParams } from './model/params';
import { defenseInput } from './node/zoo';

describe('batched curve evaluation on tfjs-backend-webgpu (Dawn + SwiftShader in Node)', () => {
  it('mnist-mlp-badnet: the batched path equals the per-point one to 1e-5 on every metric, with fewer kernels and no leak', async () => {
    const ok = await tf.setBackend('webgpu');
    if (!ok || tf.getBackend() !== 'webgpu') throw new Error('tfjs backend webgpu did not start (is Debian chromium installed? run via npm run test:webgpu)');
    const input = await defenseInput('mnist-mlp-badnet');
    // θA the trained model, θB a fresh one, θc halfway: metrics change along the curve
    const b = initParams('mlp', 1);
    const c = midpoint(input.params, b);
    const set = EvalSet.build(toFloatImages(input.test, 0, 200), input.test.labels.subarray(0, 200), input.attack, input.target, 100);
    const before = tf.memory().numTensors;
    const run = async (path: 'per-point' | 'batched') => {
      let metrics: Awaited<ReturnType<typeof evaluateCurve>> = [];
      const info = await withEvalPath(path, () =>
        tf.profile(async () => {
          metrics = await evaluateCurve('mlp', input.params, c, b, set, 7);
          return [];
        }),
      );
      return { metrics, kernels: info.kernels.length };
    };
    const reference = await run('per-point');
    const batched = await run('batched');
    expect(tf.memory().numTensors).toBe(before);
    expect(new Set(reference.metrics.map((m) => m.acc)).size).toBeGreaterThan(1);
    for (const [j, want] of reference.metrics.entries()) {
      const got = batched.metrics[j];
      for (const key of ['cleanLoss', 'poisonedLoss'] as const)
        expect(Math.abs(got[key] - want[key]), `t=${want.t} ${key}`).toBeLessThanOrEqual(1e-5 * Math.abs(want[key]));
      for (const key of ['acc', 'asr'] as const) expect(Math.abs(got[key] - want[key]), `t=${want.t} ${key}`).toBeLessThanOrEqual(1e-5);
    }
    expect(batched.kernels).toBeLessThan(reference.kernels / 5);
    set.dispose();
    [input.params, b, c].forEach(disposeParams);
  });
});
