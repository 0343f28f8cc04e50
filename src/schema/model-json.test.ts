import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchId } from '../engine/model/arch';
import { toLayersFiles } from '../engine/model/layers-format';
import { disposeParams, initParams } from '../engine/model/params';
import { archLayers } from './model-json';
import { checkModelFiles } from './model-weights';

// The bad files are in test/fixtures/bad-inputs/ (src/bad-inputs.test.ts); these are the good ones the checks must keep accepting.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const refs = (arch: ArchId) => ({ id: `x-${arch}`, arch, modelJson: `x-${arch}/model.json`, weights: `x-${arch}/weights.bin` });

async function filesOf(arch: ArchId) {
  const params = initParams(arch, 1);
  const files = await toLayersFiles(arch, params);
  disposeParams(params);
  return files;
}

describe('checkModelFiles on what the engine writes', () => {
  it.each<ArchId>(['mlp', 'cnn'])('%s: the files src/engine/model/layers-format.ts writes pass, and archLayers matches them', async (arch) => {
    const files = await filesOf(arch);
    expect(checkModelFiles(refs(arch), files.modelJson, files.weights).ok).toBe(true);
    const layers = (files.modelJson.modelTopology as { config: { layers: { class_name: string }[] } }).config.layers;
    expect(layers.map((l) => l.class_name)).toEqual(archLayers(arch).map((l) => l.cls));
  });

  it('a Keras-style topology (model_config, an InputLayer first) passes too', async () => {
    const files = await filesOf('mlp');
    const topology = files.modelJson.modelTopology as { config: { layers: unknown[] } };
    const layers = [{ class_name: 'InputLayer', config: { name: 'input', batch_input_shape: [null, 784] } }, ...topology.config.layers];
    const modelJson = { ...files.modelJson, modelTopology: { model_config: { class_name: 'Sequential', config: { layers } } } };
    expect(checkModelFiles(refs('mlp'), JSON.stringify(modelJson), files.weights).ok).toBe(true);
  });

  it('weights at an odd byte offset (a Node buffer inside a pool) are read all the same', async () => {
    const files = await filesOf('cnn');
    const shifted = new Uint8Array(files.weights.byteLength + 1).subarray(1);
    shifted.set(files.weights);
    expect(checkModelFiles(refs('cnn'), files.modelJson, shifted).ok).toBe(true);
  });
});
