import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { PIXELS } from '../data/datasets';
import { crossEntropyGrads } from '../model/forward';
import { disposeParams, initParams, paramsToArrays } from '../model/params';
import { makeRng } from '../random';
import { maxAbsDiff } from './fused-cases';
import { mlpCrossEntropyGrads } from './mlp-backward';
import { withStepPath } from './step-path';

describe.each(['wasm', 'cpu'])('the MLP’s hand-written backward pass on %s', (backend) => {
  it('gives the tape’s loss and scaled gradients (to 1e-5 relative), leaking no tensors', async () => {
    await tf.setBackend(backend);
    const rng = makeRng(11);
    const x = tf.tensor2d(
      Float32Array.from({ length: 24 * PIXELS }, () => rng()),
      [24, PIXELS],
    );
    const y = tf.tensor1d(
      Array.from({ length: 24 }, (_, i) => (i * 7) % 10),
      'int32',
    );
    const params = initParams('mlp', 9);
    const before = tf.memory().numTensors;
    const scale = 0.42;
    const ours = tf.tidy(() => mlpCrossEntropyGrads(params, x, y, scale));
    const tape = await withStepPath('lean', async () => tf.tidy(() => crossEntropyGrads('mlp', params, x, y, tf.scalar(scale))));
    const [a, b] = [await paramsToArrays(ours.grads), await paramsToArrays(tape.grads)];
    for (const name of Object.keys(b)) {
      const size = b[name].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(size, name).toBeGreaterThan(0);
      expect(maxAbsDiff(a[name], b[name]) / size, name).toBeLessThan(1e-5);
    }
    expect((await ours.loss.data())[0]).toBeCloseTo((await tape.loss.data())[0], 6);
    [ours.grads, tape.grads].forEach(disposeParams);
    tf.dispose([ours.loss, tape.loss]);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(params);
    tf.dispose([x, y]);
  });
});
