import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { forward } from '../engine/model/forward';
import { memoryHandler } from '../engine/model/layers-format';
import { initParams } from '../engine/model/params';
import { TSC_DEFAULTS } from '../engine/settings';
import { TRACE_VERSION, type Trace } from '../engine/trace';
import { exportModelAnswer, KeptOutput, NO_OUTPUT } from './export-model';

const trace: Trace = {
  version: TRACE_VERSION,
  model: 'mnist-mlp-badnet',
  defense: 'tsc',
  settings: TSC_DEFAULTS,
  backend: 'cpu',
  cleanSubsetSize: 1,
  evalSubset: { clean: 1, poisoned: 1 },
  testSet: { clean: 1, poisoned: 1 },
  before: { acc: 1, asr: 1 },
  after: { acc: 0.5, asr: 0.25 },
  rounds: [],
  wallSeconds: 1,
};
const request = { type: 'export-model' as const, requestId: 3, weightsFileName: 'w.bin' };

describe('KeptOutput (the worker side of the model export)', () => {
  it('answers with Layers files that load to the kept params, and frees them when replaced or disposed', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const kept = new KeptOutput();
    const params = initParams('mlp', 1);
    kept.keep('mlp', params, trace);
    const answer = await exportModelAnswer(kept, request);
    if (answer.type !== 'model-export') throw new Error(`unexpected answer ${answer.type}`);
    expect(answer.result.requestId).toBe(3);
    expect(answer.result.modelJson.weightsManifest[0].paths).toEqual(['w.bin']);
    const model = await tf.loadLayersModel(memoryHandler(answer.result.modelJson, answer.result.weights));
    const diff = tf.tidy(() => {
      const x = tf.randomUniform([4, 784], 0, 1, 'float32', 5) as tf.Tensor2D;
      return tf.max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, forward('mlp', params, x))));
    });
    expect((await diff.data())[0]).toBeLessThan(1e-5);
    diff.dispose();
    model.dispose();
    kept.keep('mlp', initParams('mlp', 2), trace); // the next run's output replaces (frees) this one
    expect(params['fc1/kernel'].isDisposed).toBe(true);
    kept.dispose();
    expect(tf.memory().numTensors).toBe(before);
    kept.keep('mlp', initParams('mlp', 3), trace); // a run that ends after its session was replaced
    expect(tf.memory().numTensors).toBe(before);
  });

  it('without a finished run the request fails with a message that says why', async () => {
    await expect(exportModelAnswer(undefined, request)).rejects.toThrow(NO_OUTPUT);
    await expect(exportModelAnswer(new KeptOutput(), request)).rejects.toThrow(NO_OUTPUT);
  });
});
