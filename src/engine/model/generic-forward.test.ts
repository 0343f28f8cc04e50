import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { PIXELS } from '../data/datasets';
import { archInfo, type ArchId } from './arch';
import { crossEntropyGrads, forward, forwardWithHidden } from './forward';
import { DEEP_MLP, maxAbsDiff, ODD_CNN, randomImages, seededModel, VALID_CNN } from './generic-fixtures';
import { buildLayersModel, memoryHandler, paramsFromLayersFiles, toLayersFiles } from './layers-format';
import { disposeParams } from './params';
import { forwardFlops } from './flops';
import { withStepPath } from '../step/step-path';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const ARCHS_UNDER_TEST: ArchId[] = ['mlp', 'cnn', DEEP_MLP, VALID_CNN, ODD_CNN];

describe('forward on any described architecture', () => {
  for (const arch of ARCHS_UNDER_TEST) {
    it(`${arch}: equals tf.loadLayersModel(toLayersFiles(...)).predict to 1e-5`, async () => {
      await tf.setBackend('cpu');
      const params = seededModel(arch, 21);
      const files = await toLayersFiles(arch, params);
      const back = paramsFromLayersFiles(arch, files.modelJson, files.weights);
      const model = await tf.loadLayersModel(memoryHandler(files.modelJson, files.weights));
      const x = tf.tensor2d(randomImages(4, 2), [4, PIXELS]);
      const ours = forward(arch, back, x);
      const theirs = tf.tidy(() => model.predict(tf.reshape(x, [4, ...archInfo(arch).inputShape])) as tf.Tensor);
      expect(theirs.shape).toEqual([4, 10]);
      expect(maxAbsDiff(await ours.data(), await theirs.data())).toBeLessThan(1e-5);
      tf.dispose([x, ours, theirs]);
      model.dispose();
      [params, back].forEach(disposeParams);
    });
  }

  it('hidden = the pre-activations of every hidden dense or conv layer, in order', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor2d(randomImages(2, 1), [2, PIXELS]);
    for (const [arch, shapes] of [
      [DEEP_MLP, ['2x64', '2x32', '2x16']],
      [VALID_CNN, ['2x24x24x4', '2x10x10x8', '2x16']],
      [ODD_CNN, ['2x28x28x4', '2x3x3x6', '2x12']],
    ] as const) {
      const params = seededModel(arch, 3);
      const { logits, hidden } = forwardWithHidden(arch, params, x);
      expect(logits.shape).toEqual([2, 10]);
      expect(hidden.map((h) => h.shape.join('x'))).toEqual(shapes);
      tf.dispose([logits, ...hidden]);
      disposeParams(params);
    }
    x.dispose();
  });

  for (const arch of ARCHS_UNDER_TEST) {
    it(`${arch}: crossEntropyGrads on WASM equals cpu to 1e-4`, async () => {
      const images = randomImages(6, 5);
      const labels = [0, 3, 5, 7, 9, 1];
      const onBackend = async (backend: string) => {
        await tf.setBackend(backend);
        const params = seededModel(arch, 11);
        const x = tf.tensor2d(images, [labels.length, PIXELS]);
        const y = tf.tensor1d(labels, 'int32');
        const before = tf.memory().numTensors;
        const { loss, grads } = crossEntropyGrads(arch, params, x, y);
        const out = { loss: (await loss.data())[0], grads: await Promise.all(Object.values(grads).map(async (g) => Array.from(await g.data()))) };
        tf.dispose([loss, ...Object.values(grads)]);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([x, y]);
        disposeParams(params);
        return out;
      };
      const cpu = await onBackend('cpu');
      const wasm = await onBackend('wasm');
      expect(Math.abs(cpu.loss - wasm.loss)).toBeLessThan(1e-4);
      expect(cpu.grads.length).toBe(archInfo(arch).params.length);
      cpu.grads.forEach((g, i) => {
        expect(
          g.some((v) => v !== 0),
          `${archInfo(arch).params[i].name} has a gradient`,
        ).toBe(true);
        expect(maxAbsDiff(g, wasm.grads[i]), archInfo(arch).params[i].name).toBeLessThan(1e-4);
      });
    });
  }

  it("the written-out MLP backward ('lean-mlp-backward') serves the zoo MLP only; any other MLP takes the tape", async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor2d(randomImages(4, 7), [4, PIXELS]);
    const y = tf.tensor1d([1, 2, 3, 4], 'int32');
    for (const arch of [DEEP_MLP, 'seq:d256-d256-d10']) {
      const params = seededModel(arch, 4);
      const run = (path: 'reference' | 'lean-mlp-backward') =>
        withStepPath(path, async () => {
          const { loss, grads } = crossEntropyGrads(arch, params, x, y);
          const out = { loss: (await loss.data())[0], names: Object.keys(grads).sort(), fc1: Array.from(await grads['fc1/kernel'].data()) };
          tf.dispose([loss, ...Object.values(grads)]);
          return out;
        });
      const tape = await run('reference');
      const lean = await run('lean-mlp-backward');
      expect(lean.names).toEqual(
        archInfo(arch)
          .params.map((p) => p.name)
          .sort(),
      );
      expect(Math.abs(lean.loss - tape.loss)).toBeLessThan(1e-6);
      expect(maxAbsDiff(lean.fc1, tape.fc1)).toBeLessThan(1e-6);
      disposeParams(params);
    }
    tf.dispose([x, y]);
  });

  it('builds the Layers model of every layer kind with positional names', () => {
    const model = buildLayersModel(ODD_CNN);
    expect(model.layers.map((l) => l.name)).toEqual(['conv1', 'pool1', 'pool2', 'pool3', 'conv2', 'flatten', 'fc1', 'fc2']);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });

  it('counts forward FLOPs from the layers (the zoo figures bench.ts used to hard-code)', () => {
    expect(forwardFlops('mlp')).toBe(2 * (PIXELS * 256 + 256 * 256 + 256 * 10));
    expect(forwardFlops('cnn')).toBe(2 * (28 * 28 * 9 * 16 + 14 * 14 * 9 * 16 * 32 + 1568 * 128 + 128 * 10));
    expect(forwardFlops(VALID_CNN)).toBe(2 * (24 * 24 * 25 * 4 + 10 * 10 * 9 * 4 * 8 + 200 * 16 + 16 * 10));
  });
});
