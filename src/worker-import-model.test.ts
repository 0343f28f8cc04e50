// The worker's model import (src/worker/import-model.ts) on a fixture folder: a top-level test, like src/worker-described-trigger.test.ts.
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureAccAndAsr } from './engine/evaluate';
import { toFloatImages } from './engine/data/format';
import { memoryHandler, paramsFromLayersFiles } from './engine/model/layers-format';
import { disposeParams } from './engine/model/params';
import type { ImportModelEvent, ImportModelRequest, ImportedModel } from './protocol/import-messages';
import { tinyImageSet } from './test/tiny-image-set';
import { serveImportModel } from './worker/import-model';

const FOLDER = join('test', 'fixtures', 'models', 'good');
const folderFiles = (name: string) =>
  readdirSync(join(FOLDER, name)).map((file) => ({ name: file, bytes: new Uint8Array(readFileSync(join(FOLDER, name, file))).buffer }));

const test = tinyImageSet('import-model');
const request = (files: ImportModelRequest['files']): ImportModelRequest => ({
  type: 'import-model',
  requestId: 7,
  files,
  dataset: 'mnist',
  trigger: { kind: 'badnet', patchSize: 3, value: 1 },
  target: 0,
});

async function serve(msg: ImportModelRequest): Promise<ImportModelEvent[]> {
  const events: ImportModelEvent[] = [];
  await serveImportModel(
    msg,
    () => Promise.resolve(test),
    (e) => events.push(e),
  );
  return events;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('import-model in the worker', () => {
  it('answers a 3-hidden-layer MLP folder with its canonical files and the ACC/ASR the engine measures, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const events = await serve(request(folderFiles('mlp-3-hidden')));
    expect(tf.memory().numTensors).toBe(before);
    expect(events.every((e) => e.requestId === 7)).toBe(true);
    expect(events.filter((e) => e.update.kind === 'progress').map((e) => (e.update.kind === 'progress' ? e.update.done : -1))).toEqual([0, 1, 2, 3]);
    const last = events.at(-1)?.update;
    if (last?.kind !== 'done') throw new Error(`no model: ${JSON.stringify(last)}`);
    const model: ImportedModel = last.model;
    expect(model).toMatchObject({ arch: 'seq:d16-d16-d16-d10', paramCount: 784 * 16 + 16 + 16 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10, notes: [] });
    expect(model.evaluatedOn).toEqual({ clean: 60, poisoned: test.labels.filter((l) => l !== 0).length, backend: 'cpu' });
    // the same measurement, made here on the canonical files it answered with
    const params = paramsFromLayersFiles(model.arch, JSON.parse(model.modelJson), model.weights);
    const m = await measureAccAndAsr(model.arch, params, toFloatImages(test), test.labels, { kind: 'badnet', patchSize: 3, value: 1 }, 0);
    disposeParams(params);
    expect([model.cleanAccuracy, model.attackSuccessRate]).toEqual([m.acc, m.asr]);
    // and the canonical files load in tfjs as a Layers model
    const loaded = await tf.loadLayersModel(memoryHandler(JSON.parse(model.modelJson), model.weights));
    expect(loaded.layers.filter((l) => l.getClassName() === 'Dense').map((l) => (l.getConfig() as { units: number }).units)).toEqual([16, 16, 16, 10]);
    loaded.dispose();
  });

  it('keeps the notes of what the import changed (a softmax output dropped)', async () => {
    const last = (await serve(request(folderFiles('mlp-softmax-dropout')))).at(-1)?.update;
    expect(last?.kind === 'done' && last.model.notes.some((n) => n.includes('softmax'))).toBe(true);
  });

  it('refuses a folder whose weight shard is missing with a message naming it, and allocates nothing', async () => {
    const before = tf.memory().numTensors;
    const events = await serve(request(folderFiles('mlp-3-hidden').filter((f) => f.name.endsWith('.json'))));
    expect(tf.memory().numTensors).toBe(before);
    const last = events.at(-1)?.update;
    expect(last?.kind).toBe('failed');
    expect(last?.kind === 'failed' && last.message).toContain('group1-shard1of1.bin');
  });

  it('refuses a trigger outside its ranges before loading anything', async () => {
    const msg = { ...request(folderFiles('mlp-3-hidden')), trigger: { kind: 'badnet' as const, patchSize: 40, value: 1 } };
    const last = (await serve(msg)).at(-1)?.update;
    expect(last).toEqual({ kind: 'failed', message: 'The trigger patchSize is 40, expected an integer from 1 to 28.' });
  });
});
