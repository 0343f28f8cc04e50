import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFloatImages } from './data/format';
import { loadImageSet } from './data/load';
import { defined } from './defined';
import { measureAccAndAsr } from './evaluate';
import { memoryHandler, paramsFromLayersFiles } from './model/layers-format';
import { disposeParams } from './model/params';
import { fileSource } from './node/file-source';
import { loadZooParams, readManifest } from './node/zoo';
import { DEFAULT_MODEL_ID, accuracyBar, asrBar } from './zoo';

// validated on the way in (src/schema/manifest.ts): a bad entry fails here, with its message
const manifest = readManifest();
const read = (rel: string) => readFileSync(join('models', rel));

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('model zoo (models/manifest.json)', () => {
  it('lists at least 10 models: both archs × both datasets × BadNet/Blended, plus SIG and WaNet', () => {
    expect(manifest.models.length).toBeGreaterThanOrEqual(10);
    for (const arch of ['mlp', 'cnn'])
      for (const dataset of ['mnist', 'fashion-mnist'])
        for (const attack of ['badnet', 'blended'])
          expect(
            manifest.models.some((m) => m.arch === arch && m.dataset === dataset && m.attack.kind === attack),
            `${arch}/${dataset}/${attack}`,
          ).toBe(true);
    expect(manifest.models.some((m) => m.attack.kind === 'sig')).toBe(true);
    expect(manifest.models.some((m) => m.attack.kind === 'wanet')).toBe(true);
    expect(manifest.models.some((m) => m.id === DEFAULT_MODEL_ID)).toBe(true);
  });

  it('at least 10 models meet the zoo bars, every BadNet/Blended model does, and meetsBars is truthful', () => {
    const meets = (m: (typeof manifest.models)[number]) => m.cleanAccuracy >= accuracyBar(m.arch, m.dataset) && m.attackSuccessRate >= asrBar(m.attack.kind);
    expect(manifest.models.filter(meets).length).toBeGreaterThanOrEqual(10);
    for (const m of manifest.models) {
      expect(m.meetsBars, m.id).toBe(meets(m));
      if (m.attack.kind === 'badnet' || m.attack.kind === 'blended') expect(meets(m), `${m.id} bars`).toBe(true);
    }
  });

  it('every model records how it was made and has its files', () => {
    for (const m of manifest.models) {
      expect(m.target).toBe(0);
      expect(m.poisonRate).toBe(0.1);
      expect(m.evaluatedOn.poisoned).toBeGreaterThan(0);
      expect(existsSync(join('models', m.modelJson)) && existsSync(join('models', m.weights)), m.id).toBe(true);
    }
  });

  it('every model file passes the model checks (src/schema/model-weights.ts) and decodes to the architecture the manifest names', () => {
    const before = tf.memory().numTensors;
    for (const m of manifest.models) disposeParams(loadZooParams(m));
    expect(tf.memory().numTensors).toBe(before);
  });

  it(`${DEFAULT_MODEL_ID}: loads with tf.loadLayersModel, and re-measured ACC/ASR are within 0.5 pt of the manifest`, async () => {
    const entry = defined(
      manifest.models.find((m) => m.id === DEFAULT_MODEL_ID),
      `${DEFAULT_MODEL_ID} in the zoo manifest`,
    );
    const modelJson = JSON.parse(read(entry.modelJson).toString());
    const weights = read(entry.weights);
    const layers = await tf.loadLayersModel(memoryHandler(modelJson, new Uint8Array(weights)));
    expect(layers.outputs[0].shape).toEqual([null, 10]);
    layers.dispose();

    const test = await loadImageSet(fileSource(), entry.dataset, 'test');
    const params = paramsFromLayersFiles(entry.arch, modelJson, weights);
    const m = await measureAccAndAsr(entry.arch, params, toFloatImages(test), test.labels, entry.attack, entry.target);
    disposeParams(params);
    expect(m.cleanCount).toBe(entry.evaluatedOn.clean);
    expect(m.poisonedCount).toBe(entry.evaluatedOn.poisoned);
    expect(Math.abs(m.acc - entry.cleanAccuracy)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(m.asr - entry.attackSuccessRate)).toBeLessThanOrEqual(0.005);
  });
});
