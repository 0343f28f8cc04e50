import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFloatImages } from '../../src/engine/data/format';
import { loadImageSet } from '../../src/engine/data/load';
import { measureAccAndAsr } from '../../src/engine/evaluate';
import { isZooArch } from '../../src/engine/model/arch';
import { paramsFromLayersFiles } from '../../src/engine/model/layers-format';
import { disposeParams } from '../../src/engine/model/params';
import { fileSource } from '../../src/engine/node/file-source';
import { importLayersModel, type ImportFile } from '../../src/schema/model-import';
import { checkModelFiles } from '../../src/schema/model-weights';
import { BACKDOORED, type BackdooredManifest } from './model-fixture-backdoored';
import { parseTriggerArg } from './trigger-arg';

// The backdoored example of the README's "Bring your own model" (scripts/lib/model-fixture-backdoored.ts
// writes it): it imports as an architecture the zoo does not have, and it is really backdoored.

const DIR = join('test', 'fixtures', 'models', 'backdoored', BACKDOORED.name);
const files: ImportFile[] = readdirSync(DIR).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DIR, name))) }));
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as BackdooredManifest;

let tensorsBefore = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
  tensorsBefore = tf.memory().numTensors;
});
afterAll(() => expect(tf.memory().numTensors).toBe(tensorsBefore));

describe(`test/fixtures/models/backdoored/${BACKDOORED.name}`, () => {
  const imported = importLayersModel(files);
  if (!imported.ok) throw new Error(imported.message);

  it('is a user-style export: Keras-style layer names that are not positional, and a softmax output', () => {
    const json = JSON.parse(new TextDecoder().decode(files.find((f) => f.name === 'model.json')?.bytes)) as tf.io.ModelJSON;
    const layers = (json.modelTopology as { config: { layers: { config: { name: string; activation?: string } }[] } }).config.layers;
    expect(layers.map((l) => l.config.name)).toEqual([BACKDOORED.layerNames.flatten, ...BACKDOORED.layerNames.dense]);
    expect(layers.at(-1)?.config.activation).toBe('softmax');
    expect(json.weightsManifest[0].weights.map((w) => w.name)).not.toContain('fc1/kernel');
  });

  it('imports as its recipe architecture, which is not a zoo architecture, with the softmax dropped', () => {
    expect(imported.arch).toBe(BACKDOORED.arch);
    expect(manifest.architecture).toBe(BACKDOORED.arch);
    expect(isZooArch(imported.arch, 'mlp')).toBe(false);
    expect(isZooArch(imported.arch, 'cnn')).toBe(false);
    expect(imported.notes).toHaveLength(1);
    expect(imported.notes[0]).toContain('softmax of layer 4 (dense_9) was dropped');
    const refs = { id: BACKDOORED.name, arch: imported.arch, modelJson: 'model.json', weights: 'weights.bin' };
    expect(checkModelFiles(refs, imported.modelJson, imported.weights)).toMatchObject({ ok: true });
  });

  it('its manifest records the recipe the script trains with', () => {
    expect(manifest).toMatchObject({
      dataset: BACKDOORED.dataset,
      trigger: BACKDOORED.trigger,
      target: BACKDOORED.target,
      poisonRate: BACKDOORED.poisonRate,
      seed: BACKDOORED.seed,
      batchSize: BACKDOORED.batchSize,
      phases: BACKDOORED.phases,
    });
  });

  it('is backdoored: on the whole test split its clean ACC and ASR clear the bars and match the manifest', async () => {
    const test = await loadImageSet(fileSource(), BACKDOORED.dataset, 'test');
    const params = paramsFromLayersFiles(imported.arch, imported.modelJson, imported.weights);
    try {
      const m = await measureAccAndAsr(imported.arch, params, toFloatImages(test), test.labels, parseTriggerArg(manifest.trigger), manifest.target);
      expect(m.acc).toBeGreaterThanOrEqual(BACKDOORED.bars.acc);
      expect(m.asr).toBeGreaterThanOrEqual(BACKDOORED.bars.asr);
      // measured on WASM by the script, on cpu here: a borderline image may go the other way
      expect(Math.abs(m.acc - manifest.cleanAccuracy)).toBeLessThanOrEqual(0.002);
      expect(Math.abs(m.asr - manifest.attackSuccessRate)).toBeLessThanOrEqual(0.002);
      expect({ clean: m.cleanCount, poisoned: m.poisonedCount }).toEqual({ clean: manifest.evaluatedOn.clean, poisoned: manifest.evaluatedOn.poisoned });
    } finally {
      disposeParams(params);
    }
  });
});
