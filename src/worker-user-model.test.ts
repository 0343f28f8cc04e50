// A user model through the worker's evaluation (src/worker/evaluate.ts): its files as blob: URLs, its own trigger. Top-level like src/worker-import-model.test.ts.
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { toFloatImages } from './engine/data/format';
import { measureAccAndAsr } from './engine/evaluate';
import { paramsFromLayersFiles } from './engine/model/layers-format';
import { disposeParams } from './engine/model/params';
import { userModelEntry } from './engine/test/user-model-entry';
import { importLayersModel } from './schema/model-import';
import { tinyImageSet } from './test/tiny-image-set';
import { TOP_LEFT_SQUARE } from './test/top-left-square';
import { evaluateZooModel } from './worker/evaluate';

const test = tinyImageSet('user-model');
vi.mock('./worker/model-io', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./worker/model-io')>()),
  imageSet: () => Promise.resolve(test),
}));

const FOLDER = join('test', 'fixtures', 'models', 'backdoored', 'mlp-64-32-checker');
const imported = importLayersModel(readdirSync(FOLDER).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(FOLDER, name))) })));
if (!imported.ok) throw new Error(imported.message);
const entry = userModelEntry('user-test', { name: 'checker MLP', arch: imported.arch, trigger: TOP_LEFT_SQUARE, target: 4 });
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
    const direct = await measureAccAndAsr(imported.arch, params, toFloatImages(test), test.labels, TOP_LEFT_SQUARE, 4);
    disposeParams(params);
    expect([result.acc, result.asr, result.cleanCount, result.poisonedCount]).toEqual([direct.acc, direct.asr, direct.cleanCount, direct.poisonedCount]);
    expect(result.poisonedCount).toBe(test.labels.filter((l) => l !== 4).length);
    expect(result.modelId).toBe('user-test');
    // the samples carry the entry's trigger: the top-left square is white in every triggered image
    expect(result.triggered.every((s) => s.pixels[0] === 255 && s.pixels[3 * 28 + 3] === 255)).toBe(true);
  });
});
