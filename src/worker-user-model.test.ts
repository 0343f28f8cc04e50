// A user model through the worker's evaluation (src/worker/evaluate.ts): its files as blob: URLs, its own trigger. Top-level like src/worker-import-model.test.ts.
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CustomPatchSpec } from './engine/attacks/types';
import { toFloatImages, type ImageSet } from './engine/data/format';
import { measureAccAndAsr } from './engine/evaluate';
import { paramsFromLayersFiles } from './engine/model/layers-format';
import { disposeParams } from './engine/model/params';
import type { UserModelEntry } from './engine/zoo';
import { importLayersModel } from './schema/model-import';
import { evaluateZooModel } from './worker/evaluate';

/** 60 seeded random images: enough to measure on, no dataset file needed */
function tinyTestSet(): ImageSet {
  const rng = seedrandom('user-model');
  const count = 60;
  return {
    count,
    height: 28,
    width: 28,
    channels: 1,
    classes: 10,
    labels: Uint8Array.from({ length: count }, () => Math.floor(rng() * 10)),
    pixels: Uint8Array.from({ length: count * 784 }, () => Math.floor(rng() * 256)),
  };
}
const test = tinyTestSet();
vi.mock('./worker/model-io', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./worker/model-io')>()),
  imageSet: () => Promise.resolve(test),
}));

const FOLDER = join('test', 'fixtures', 'models', 'backdoored', 'mlp-64-32-checker');
const imported = importLayersModel(readdirSync(FOLDER).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(FOLDER, name))) })));
if (!imported.ok) throw new Error(imported.message);
/** a white 4×4 square in the top-left corner */
const topLeft: CustomPatchSpec = {
  kind: 'custom-patch',
  pattern: Array.from({ length: 784 }, () => 1),
  mask: Array.from({ length: 784 }, (_, i) => (i % 28 < 4 && i < 28 * 4 ? 1 : 0)),
  x: 0,
  y: 0,
};
const entry: UserModelEntry = {
  origin: 'imported',
  id: 'user-test',
  name: 'checker MLP',
  arch: imported.arch,
  dataset: 'mnist',
  trigger: topLeft,
  target: 4,
  cleanAccuracy: 0.5,
  attackSuccessRate: 0.5,
  evaluatedOn: { clean: 1, poisoned: 1, backend: 'cpu' },
  createdAt: '2026-11-30T07:00:00.000Z',
};
const files = {
  modelJsonUrl: URL.createObjectURL(new Blob([JSON.stringify(imported.modelJson)])),
  weightsUrl: URL.createObjectURL(new Blob([imported.weights.slice()])),
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("the worker's evaluation of a user model", () => {
  it('reads its blob: files through the model-file checks and measures ACC and ASR with its own trigger and target; no tensor left', async () => {
    const before = tf.memory().numTensors;
    const result = await evaluateZooModel(1, entry, files, 4, 'data/', () => undefined);
    expect(tf.memory().numTensors).toBe(before);
    const params = paramsFromLayersFiles(imported.arch, imported.modelJson, imported.weights);
    const direct = await measureAccAndAsr(imported.arch, params, toFloatImages(test), test.labels, topLeft, 4);
    disposeParams(params);
    expect([result.acc, result.asr, result.cleanCount, result.poisonedCount]).toEqual([direct.acc, direct.asr, direct.cleanCount, direct.poisonedCount]);
    expect(result.poisonedCount).toBe(test.labels.filter((l) => l !== 4).length);
    expect(result.modelId).toBe('user-test');
    // the samples carry the entry's trigger: the top-left square is white in every triggered image
    expect(result.triggered.every((s) => s.pixels[0] === 255 && s.pixels[3 * 28 + 3] === 255)).toBe(true);
  });
});
