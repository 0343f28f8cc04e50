import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLayersFiles } from '../engine/model/layers-format';
import { disposeParams, initParams } from '../engine/model/params';
import { canonicalModelJson } from './model-import-canonical';
import { importLayersModel, type ImportFile } from './model-import';
import { checkModelFiles } from './model-weights';

// The corpus (test/fixtures/models/, written by scripts/make-model-fixtures.ts): every good folder
// imports and predicts what the original predicts; every bad one fails with its index.json message.

const ROOT = join('test', 'fixtures', 'models');
const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8')) as {
  good: Record<string, { arch: string; notes: string[]; twin?: true }>;
  bad: Record<string, { message: string }>;
};

const filesOf = (dir: string): ImportFile[] => readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));

/** The original folder loaded by tfjs itself, from memory (its shards joined in manifest order). */
async function loadOriginal(files: ImportFile[]): Promise<tf.LayersModel> {
  const json = JSON.parse(new TextDecoder().decode(files.find((f) => f.name === 'model.json')?.bytes)) as tf.io.ModelJSON;
  const shards = json.weightsManifest.flatMap((g) => g.paths).map((p) => files.find((f) => f.name === p)?.bytes ?? new Uint8Array(0));
  const joined = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  shards.reduce((at, s) => (joined.set(s, at), at + s.byteLength), 0);
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: joined.buffer }),
  );
}

let tensorsBefore = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
  tensorsBefore = tf.memory().numTensors;
});
afterAll(() => expect(tf.memory().numTensors).toBe(tensorsBefore));

describe('importLayersModel on the good folders', () => {
  it.each(Object.entries(index.good))('%s', async (name, expected) => {
    const files = filesOf(join(ROOT, 'good', name));
    const result = importLayersModel(files);
    if (!result.ok) throw new Error(result.message);
    expect(result.arch).toBe(expected.arch);
    expect(result.notes).toHaveLength(expected.notes.length);
    expected.notes.forEach((words, i) => expect(result.notes[i]).toContain(words));
    // what the page's loaders check a model's files with accepts the canonical files
    const refs = { id: name, arch: result.arch, modelJson: 'model.json', weights: 'weights.bin' };
    expect(checkModelFiles(refs, result.modelJson, result.weights)).toMatchObject({ ok: true });

    // a Keras 3 folder, which tfjs cannot load, is compared with the tfjs model it was written from
    const original = await loadOriginal(expected.twin ? filesOf(join(ROOT, 'twins', name)) : files);
    const canonical = await tf.loadLayersModel(
      tf.io.fromMemory({ ...result.modelJson, weightSpecs: result.modelJson.weightsManifest[0].weights, weightData: result.weights.slice().buffer }),
    );
    const [want, got] = tf.tidy(() => {
      const images = tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 7);
      const reshape = (m: tf.LayersModel) => images.reshape([8, ...(m.inputs[0].shape.slice(1) as number[])]);
      const out = original.predict(reshape(original)) as tf.Tensor;
      const logits = canonical.predict(reshape(canonical)) as tf.Tensor;
      // a softmax the import dropped is applied here; the logits of a linear output are compared as they are
      const softmaxed = result.notes.some((n) => n.includes('softmax'));
      return [out.arraySync() as number[][], (softmaxed ? tf.softmax(logits) : logits).arraySync() as number[][]];
    });
    original.dispose();
    canonical.dispose();
    got.flat().forEach((x, i) => expect(x).toBeCloseTo(want.flat()[i], 5));
    // a test that can fail: the predictions differ from one image to the next
    expect(new Set(want.map((row) => row.indexOf(Math.max(...row)))).size + new Set(want.map((row) => row[0].toFixed(4))).size).toBeGreaterThan(2);
  });
});

describe('importLayersModel on the bad folders', () => {
  it.each(Object.entries(index.bad))('%s', (name, expected) => {
    const result = importLayersModel(filesOf(join(ROOT, 'bad', name)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(expected.message);
  });

  it('an oversized declaration is refused by the size cap before its shards are even measured', () => {
    const files = filesOf(join(ROOT, 'bad', 'oversized'));
    const emptyShards = files.map((f) => (f.name.endsWith('.json') ? f : { name: f.name, bytes: new Uint8Array(0) }));
    const result = importLayersModel(emptyShards);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('the limit is 52,428,800') });
    // an empty shard would be "cut short" if the length check came first
    expect(result.ok === false && result.message).not.toContain('cut short');
  });
});

describe('canonicalModelJson', () => {
  it.each([
    ['mlp', 'seq:d256-d256-d10'],
    ['cnn', 'seq:c16k3s-p-c32k3s-p-d128-d10'],
    ...[...new Set(Object.values(index.good).map((c) => c.arch))].map((arch) => [arch, arch]),
  ])('%s: the same layers and weights as src/engine/model/layers-format.ts writes', async (alias, arch) => {
    const params = initParams(alias, 1);
    const files = await toLayersFiles(alias, params);
    disposeParams(params);
    const layersOf = (topology: object) => (topology as { config: { layers: unknown[] } }).config.layers;
    const canonical = canonicalModelJson(arch);
    expect(layersOf(canonical.modelTopology)).toEqual(layersOf(files.modelJson.modelTopology));
    expect(canonical.weightsManifest[0].weights).toEqual(files.modelJson.weightsManifest[0].weights);
  });
});

describe('importLayersModel: files and weight names', () => {
  const base = () => filesOf(join(ROOT, 'good', 'two-shards'));
  const jsonOf = (files: ImportFile[]) => JSON.parse(new TextDecoder().decode(files.find((f) => f.name === 'model.json')?.bytes)) as tf.io.ModelJSON;
  /** The folder with its model.json edited. */
  const edited = (edit: (json: tf.io.ModelJSON) => void, name = 'model.json') => {
    const files = base();
    const json = jsonOf(files);
    edit(json);
    return [...files.filter((f) => f.name !== 'model.json'), { name, bytes: new TextEncoder().encode(JSON.stringify(json)) }];
  };
  const weightsOf = (files: ImportFile[]) => {
    const result = importLayersModel(files);
    if (!result.ok) throw new Error(result.message);
    return result.weights;
  };

  it('reads paths ("folder/model.json") by their last part, any name ending in .json, and skips hidden files', () => {
    const reference = weightsOf(base());
    expect(weightsOf(base().map((f) => ({ ...f, name: `upload/${f.name}` })))).toEqual(reference);
    expect(weightsOf(edited(() => undefined, 'my-model.json'))).toEqual(reference);
    expect(weightsOf([...base(), { name: '.DS_Store', bytes: new Uint8Array(3) }])).toEqual(reference);
  });

  it('matches weights named with a ":0" suffix or a model prefix, and by order when the names name no layer', () => {
    const reference = weightsOf(base());
    const renamed = (rename: (name: string, i: number) => string) =>
      edited((json) => json.weightsManifest[0].weights.forEach((w, i) => (w.name = rename(w.name, i))));
    expect(weightsOf(renamed((n) => `sequential_7/${n}:0`))).toEqual(reference);
    const byOrder = importLayersModel(renamed((n, i) => `variable_${i >> 1}/${n.split('/')[1]}`));
    expect(byOrder).toMatchObject({ ok: true, notes: [expect.stringContaining('matched to the layers by their order')] });
    expect(byOrder.ok && byOrder.weights).toEqual(reference);
  });

  it('skips optimizer weights, which take their bytes in the shard', () => {
    const files = edited((json) =>
      json.weightsManifest.push({
        paths: ['optimizer.bin'],
        weights: [{ name: 'adam/iter', shape: [2], dtype: 'float32', group: 'optimizer' } as tf.io.WeightsManifestEntry],
      }),
    );
    expect(weightsOf([...files, { name: 'optimizer.bin', bytes: new Uint8Array(8) }])).toEqual(weightsOf(base()));
  });

  it.each<[string, () => ImportFile[], string]>([
    ['no JSON file', () => base().filter((f) => f.name !== 'model.json'), 'no model.json among the 2 files ("group1-shard1of2.bin", "group1-shard2of2.bin")'],
    [
      'two models',
      () => [
        ...base(),
        ...base()
          .filter((f) => f.name === 'model.json')
          .map((f) => ({ ...f, name: 'copy.json' })),
      ],
      'are both tfjs Layers models; give one model at a time',
    ],
    [
      'a model.json that is not JSON',
      () => [...base().filter((f) => f.name !== 'model.json'), { name: 'model.json', bytes: new TextEncoder().encode('<html>') }],
      '"model.json" is not valid JSON',
    ],
    [
      'two shards of the same name',
      () => [...base(), { name: 'sub/group1-shard1of2.bin', bytes: new Uint8Array(4) }],
      'two files are named "group1-shard1of2.bin"',
    ],
    ['no weightsManifest', () => edited((json) => delete (json as Partial<tf.io.ModelJSON>).weightsManifest), '"model.json" has no weightsManifest'],
    [
      'a weight named after no layer, not in kernel/bias order',
      () => edited((json) => (json.weightsManifest[0].weights[0].name = 'mystery')),
      'weight "mystery" is not the kernel or bias of a Dense or Conv2D layer of the topology (layers with weights: "dense", "dense_1")',
    ],
    ['a missing weight', () => edited((json) => json.weightsManifest[0].weights.pop()), 'model.json has no weight for fc2/bias'],
    [
      'a missing weight in a model.json named otherwise',
      () => edited((json) => json.weightsManifest[0].weights.pop(), 'export.json'),
      'export.json has no weight for fc2/bias',
    ],
    ['a weight declared twice', () => edited((json) => (json.weightsManifest[0].weights[1].name = 'dense/kernel')), 'both are fc1/kernel'],
  ])('rejects %s', (_, files, message) => {
    const result = importLayersModel(files());
    expect(result).toEqual({ ok: false, message: expect.stringContaining(message) });
  });
});
