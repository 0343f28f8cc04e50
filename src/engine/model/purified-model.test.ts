import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { toFloatImages } from '../data/format';
import { EvalSet } from '../evaluate';
import { defenseInput } from '../node/zoo';
import { runDefense } from '../run-defense';
import type { DeviceDataset } from '../sgd';
import { forward } from './forward';
import { memoryHandler } from './layers-format';
import { disposeParams } from './params';
import { METADATA_KEY, purifiedModelFiles, type PurifiedModelMetadata } from './purified-model';

// A tiny TSC run (as in src/engine/run-defense.test.ts) stands in for a run in the page.
const TINY = { rounds: 1, curveEpochs: 2, evalSamples: 200, testSamples: 300, curvePoints: 5, cleanFraction: 0.02 };

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Share of `data` whose argmax of the loaded model's logits equals its label. */
async function accuracyOf(model: tf.LayersModel, data: DeviceDataset): Promise<number> {
  const correct = tf.tidy(() => {
    const logits = model.predict(data.images) as tf.Tensor2D;
    return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), data.labels), 'float32'));
  });
  const n = (await correct.data())[0];
  correct.dispose();
  return n / data.count;
}

describe('purified model export', () => {
  it('tf.loadLayersModel reads the files back: the same logits as the engine, the ACC/ASR the trace measured, no leaked tensors', async () => {
    await tf.setBackend('wasm');
    const input = await defenseInput('mnist-mlp-badnet');
    const { trace, output } = await runDefense(input, TINY);
    const before = tf.memory().numTensors;

    const files = await purifiedModelFiles(input.arch, output, trace, 'purified.weights.bin');
    expect(files.modelJson.weightsManifest[0].paths).toEqual(['purified.weights.bin']);
    const metadata = (files.modelJson.userDefinedMetadata as Record<string, PurifiedModelMetadata>)[METADATA_KEY];
    expect(metadata.after).toEqual(trace.after);
    expect(metadata.model).toBe('mnist-mlp-badnet');

    const model = await tf.loadLayersModel(memoryHandler(files.modelJson, files.weights));
    const set = EvalSet.build(toFloatImages(input.test), input.test.labels, input.attack, input.target, TINY.testSamples);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(model.predict(set.clean.images) as tf.Tensor, forward(input.arch, output, set.clean.images)))));
    expect((await diff.data())[0]).toBeLessThan(1e-4);
    diff.dispose();
    expect(set.clean.count).toBe(trace.testSet.clean);
    expect(set.poisoned.count).toBe(trace.testSet.poisoned);
    expect(await accuracyOf(model, set.clean)).toBe(trace.after.acc);
    expect(await accuracyOf(model, set.poisoned)).toBe(trace.after.asr);

    set.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(output);
    disposeParams(input.params);
  });
});
