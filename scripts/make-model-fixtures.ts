/**
 * Writes the model-import corpus, test/fixtures/models/{good,bad}/<case>/ and its index.json (and
 * twins/<case>/ for a good folder tfjs cannot load, and triggers/checker-3x3.png for the README's example):
 * small tfjs Layers model folders built with tfjs in Node (seeded initializers, model.save through
 * an in-memory handler), and bad ones made by editing their JSON or bytes. Then backdoored/<case>/:
 * an MLP really trained on MNIST poisoned with that trigger (scripts/lib/model-fixture-backdoored.ts;
 * needs public/data, `npm run prepare-data`; about a minute on WASM). Deterministic: running it
 * twice writes the same bytes. src/schema/model-import*.test.ts read the corpus.
 * Usage: npx tsx scripts/make-model-fixtures.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { encode } from 'fast-png';
import { folderOf, saveModel, seeded, weightOffset, type Folder, type SavedModel } from './lib/model-fixture-save';
import { BACKDOORED, makeBackdoored } from './lib/model-fixture-backdoored';
import { keras3Folder } from './lib/model-fixture-keras3';

const ROOT = join('test', 'fixtures', 'models');

interface GoodCase {
  what: string;
  /** the architecture the import must find */
  arch: string;
  /** words each note of the import must include, in order */
  notes: string[];
  /** tfjs cannot load the folder itself (Keras 3 JSON): twins/<case>/ holds the tfjs-written model it was made from, for comparing predictions */
  twin?: true;
  make: () => Promise<Folder | { folder: Folder; twin: Folder }>;
}

interface BadCase {
  what: string;
  /** a part of the import's message (typed here, from what the case breaks) */
  message: string;
  make: () => Promise<Folder>;
}

let seed = 1;
const dense = (
  name: string,
  units: number,
  activation: 'relu' | 'linear' | 'softmax' | 'sigmoid' = 'relu',
  extra: Partial<Parameters<typeof tf.layers.dense>[0]> = {},
) => tf.layers.dense({ name, units, activation, ...seeded(seed++), ...extra });
const conv = (name: string, filters: number, kernelSize: number, padding: 'same' | 'valid', extra: Partial<Parameters<typeof tf.layers.conv2d>[0]> = {}) =>
  tf.layers.conv2d({ name, filters, kernelSize, padding, activation: 'relu', ...seeded(seed++), ...extra });

/** A Sequential model of these layers, saved. */
async function sequential(layers: tf.layers.Layer[]): Promise<SavedModel> {
  const model = tf.sequential({ name: 'sequential', layers });
  const saved = await saveModel(model);
  model.dispose();
  return saved;
}

/** The small MLP the weight-level bad cases start from: 784 → 8 → 10. */
const smallMlp = () => sequential([dense('dense', 8, 'relu', { inputShape: [784] }), dense('dense_1', 10, 'linear')]);

/** A saved model whose manifest entry `name` was edited. */
async function withSpec(name: string, edit: (spec: Record<string, unknown>) => void): Promise<Folder> {
  const saved = await smallMlp();
  const spec = saved.modelJson.weightsManifest[0].weights.find((w) => w.name === name);
  if (!spec) throw new Error(`no weight ${name}`);
  edit(spec);
  return folderOf(saved);
}

/** A saved model with one value replaced. */
async function withValue(name: string, index: number, value: number): Promise<Folder> {
  const saved = await smallMlp();
  new DataView(saved.weights.buffer, saved.weights.byteOffset).setFloat32((weightOffset(saved, name) + index) * 4, value, true);
  return folderOf(saved);
}

/** The folder with its shard's bytes changed. */
async function withShard(edit: (bytes: Uint8Array) => Uint8Array): Promise<Folder> {
  const folder = folderOf(await smallMlp());
  const name = 'group1-shard1of1.bin';
  folder.set(name, edit(folder.get(name) ?? new Uint8Array(0)));
  return folder;
}

const GOOD: Record<string, GoodCase> = {
  'mlp-3-hidden': {
    what: 'three hidden Dense layers after a Flatten of 28×28×1 images',
    arch: 'seq:d16-d16-d16-d10',
    notes: [],
    make: async () =>
      folderOf(
        await sequential([
          tf.layers.flatten({ name: 'flatten', inputShape: [28, 28, 1] }),
          dense('dense', 16),
          dense('dense_1', 16),
          dense('dense_2', 16),
          dense('dense_3', 10, 'linear'),
        ]),
      ),
  },
  'mlp-softmax-dropout': {
    what: 'Dropout, an Activation("relu") layer after a linear Dense, and a softmax output',
    arch: 'seq:d16-d12-d10',
    notes: ['Activation("relu"), was folded into layer 3 (dense_1)', 'softmax of layer 5 (dense_2) was dropped', 'Dropout (dropout) was left out'],
    make: async () =>
      folderOf(
        await sequential([
          dense('dense', 16, 'relu', { inputShape: [784] }),
          tf.layers.dropout({ name: 'dropout', rate: 0.5 }),
          dense('dense_1', 12, 'linear'),
          tf.layers.activation({ name: 'activation', activation: 'relu' }),
          dense('dense_2', 10, 'softmax'),
        ]),
      ),
  },
  'cnn-valid-5x5': {
    what: "a 5×5 'valid' convolution, a 3×3 'same' one, two pools, Flatten and two Dense layers",
    arch: 'seq:c4k5v-p-c8k3s-p-d16-d10',
    notes: [],
    make: async () =>
      folderOf(
        await sequential([
          conv('conv2d', 4, 5, 'valid', { inputShape: [28, 28, 1] }),
          tf.layers.maxPooling2d({ name: 'max_pooling2d', poolSize: 2 }),
          conv('conv2d_1', 8, 3, 'same'),
          tf.layers.maxPooling2d({ name: 'max_pooling2d_1', poolSize: 2 }),
          tf.layers.flatten({ name: 'flatten' }),
          dense('dense', 16),
          dense('dense_1', 10, 'linear'),
        ]),
      ),
  },
  'two-shards': {
    what: 'weights split over two shard files, the cut inside a weight',
    arch: 'seq:d16-d10',
    notes: [],
    make: async () => folderOf(await sequential([dense('dense', 16, 'relu', { inputShape: [784] }), dense('dense_1', 10, 'linear')]), 2),
  },
  'keras3-topology': {
    what: 'a Keras 3 topology (model_config wrapper, InputLayer with batch_shape [28, 28], module fields, weights named sequential/<layer>/<kind>)',
    arch: 'seq:d16-d10',
    notes: ['softmax of layer 4 (dense_1) was dropped'],
    twin: true,
    make: async () => {
      const saved = await sequential([tf.layers.flatten({ name: 'flatten', inputShape: [28, 28] }), dense('dense', 16), dense('dense_1', 10, 'softmax')]);
      return { folder: keras3Folder(saved), twin: folderOf(saved) };
    },
  },
};

const BAD: Record<string, BadCase> = {
  batchnorm: {
    what: 'a BatchNormalization layer',
    message: 'model.json: layer 2 (batch_normalization) is a BatchNormalization layer; supported: InputLayer, Dense',
    make: async () =>
      folderOf(
        await sequential([
          dense('dense', 8, 'relu', { inputShape: [784] }),
          tf.layers.batchNormalization({ name: 'batch_normalization' }),
          dense('dense_1', 10, 'linear'),
        ]),
      ),
  },
  residual: {
    what: 'a functional model with a residual Add',
    message: 'model.json: layer 4 (add) is an Add layer; supported:',
    make: async () => {
      const input = tf.input({ shape: [784], name: 'input_1' });
      const d1 = dense('dense', 8).apply(input) as tf.SymbolicTensor;
      const d2 = dense('dense_1', 8).apply(d1) as tf.SymbolicTensor;
      const sum = tf.layers.add({ name: 'add' }).apply([d1, d2]) as tf.SymbolicTensor;
      const output = dense('dense_2', 10, 'linear').apply(sum) as tf.SymbolicTensor;
      const model = tf.model({ inputs: input, outputs: output, name: 'functional' });
      const saved = await saveModel(model);
      model.dispose();
      return folderOf(saved);
    },
  },
  'input-32x32x3': {
    what: 'a CNN on 32×32×3 images',
    message: 'model.json: layer 1 (conv2d) takes input of shape [32, 32, 3]; this layer needs [28, 28, 1]',
    make: async () =>
      folderOf(
        await sequential([
          conv('conv2d', 4, 3, 'same', { inputShape: [32, 32, 3] }),
          tf.layers.maxPooling2d({ name: 'max_pooling2d', poolSize: 2 }),
          tf.layers.flatten({ name: 'flatten' }),
          dense('dense', 10, 'linear'),
        ]),
      ),
  },
  sigmoid: {
    what: 'a hidden Dense layer with a sigmoid',
    message: 'model.json: layer 1 (dense) is a Dense layer with activation "sigmoid"; supported:',
    make: async () => folderOf(await sequential([dense('dense', 8, 'sigmoid', { inputShape: [784] }), dense('dense_1', 10, 'linear')])),
  },
  'no-bias': {
    what: 'a Dense layer without a bias',
    message: 'model.json: layer 1 (dense) has use_bias false',
    make: async () => folderOf(await sequential([dense('dense', 8, 'relu', { inputShape: [784], useBias: false }), dense('dense_1', 10, 'linear')])),
  },
  'conv-stride-2': {
    what: 'a convolution with stride 2',
    message: 'model.json: layer 1 (conv2d) has strides [2,2]; only stride 1 convolutions are supported',
    make: async () =>
      folderOf(
        await sequential([
          conv('conv2d', 4, 3, 'same', { inputShape: [28, 28, 1], strides: 2 }),
          tf.layers.flatten({ name: 'flatten' }),
          dense('dense', 10, 'linear'),
        ]),
      ),
  },
  'truncated-shard': {
    what: 'the shard is 100 bytes short',
    message: 'cut short by 100 bytes',
    make: () => withShard((b) => b.slice(0, b.byteLength - 100)),
  },
  'too-long-shard': {
    what: 'the shard has 8 bytes more than declared',
    message: '8 bytes too long',
    make: () =>
      withShard((b) => {
        const longer = new Uint8Array(b.byteLength + 8);
        longer.set(b);
        return longer;
      }),
  },
  'nan-weight': {
    what: 'a NaN in the second kernel',
    message: 'weight "dense_1/kernel" (fc2/kernel) holds NaN at index 3 of 80: the model is broken',
    make: () => withValue('dense_1/kernel', 3, NaN),
  },
  'inf-weight': {
    what: 'an Infinity in the first bias',
    message: 'weight "dense/bias" (fc1/bias) holds Infinity at index 2 of 8: the model is broken',
    make: () => withValue('dense/bias', 2, Infinity),
  },
  'missing-shard': {
    what: 'the second of two shards is not there',
    message: 'weight shard "group1-shard2of2.bin", named in "model.json", is missing',
    make: async () => {
      const folder = folderOf(await smallMlp(), 2);
      folder.delete('group1-shard2of2.bin');
      return folder;
    },
  },
  'extra-file': {
    what: 'a shard the manifest does not name',
    message: 'file "group2-shard1of1.bin" is not a shard that "model.json" names',
    make: async () => folderOf(await smallMlp()).set('group2-shard1of1.bin', new Uint8Array(16)),
  },
  oversized: {
    what: 'a manifest declaring a 784 × 20000 kernel (62.7 MB) next to a 16-byte shard',
    message: 'bytes of weights; the limit is 52,428,800',
    make: async () => {
      const folder = await withSpec('dense/kernel', (s) => (s.shape = [784, 20000]));
      return folder.set('group1-shard1of1.bin', new Uint8Array(16));
    },
  },
  'wrong-shape': {
    what: 'the first bias declared with 7 values where its layer has 8 units',
    message: 'model.json: weight "dense/bias" (fc1/bias) has shape [7]; the topology needs [8]',
    make: () => withSpec('dense/bias', (s) => (s.shape = [7])),
  },
  'int32-weight': {
    what: 'a bias stored as int32',
    message: 'model.json: weight "dense_1/bias" is "int32"; only float32 weights are supported',
    make: () => withSpec('dense_1/bias', (s) => (s.dtype = 'int32')),
  },
  quantized: {
    what: 'a kernel quantized to uint8',
    message: 'model.json: weight "dense/kernel" is quantized; export it without quantization',
    make: () => withSpec('dense/kernel', (s) => (s.quantization = { dtype: 'uint8', min: -0.5, scale: 0.004 })),
  },
  'graph-model': {
    what: 'a tfjs graph model (tensorflowjs_converter --output_format tfjs_graph_model)',
    message: '"model.json" is a tfjs graph model (format "graph-model"); only Layers models are supported',
    make: async () => {
      const modelJson = {
        format: 'graph-model',
        generatedBy: '2.15.0',
        convertedBy: 'TensorFlow.js Converter v4.22.0',
        modelTopology: { node: [{ name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' } } }], library: {}, versions: { producer: 1 } },
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', shape: [2], dtype: 'float32' }] }],
      };
      return new Map([
        ['model.json', new TextEncoder().encode(JSON.stringify(modelJson, null, 1))],
        ['group1-shard1of1.bin', new Uint8Array(8)],
      ]);
    },
  },
};

function writeFolder(dir: string, folder: Folder): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of folder) writeFileSync(join(dir, name), bytes);
}

/** A 3×3 black-and-white checker patch, the custom trigger the README's --model-dir example measures ASR with. */
function writeTrigger(): void {
  const data = new Uint8Array(9).map((_, i) => (i % 2 === 0 ? 255 : 0));
  mkdirSync(join(ROOT, 'triggers'), { recursive: true });
  writeFileSync(join(ROOT, 'triggers', 'checker-3x3.png'), encode({ width: 3, height: 3, data, channels: 1, depth: 8 }));
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  // the generated folders only: README.md stays
  for (const sub of ['good', 'bad', 'twins', 'triggers', 'backdoored']) rmSync(join(ROOT, sub), { recursive: true, force: true });
  const index = { good: {} as Record<string, Omit<GoodCase, 'make'>>, bad: {} as Record<string, Omit<BadCase, 'make'>> };
  for (const [name, { make, ...entry }] of Object.entries(GOOD)) {
    const made = await make();
    writeFolder(join(ROOT, 'good', name), made instanceof Map ? made : made.folder);
    if (!(made instanceof Map)) writeFolder(join(ROOT, 'twins', name), made.twin);
    index.good[name] = entry;
  }
  for (const [name, { make, ...entry }] of Object.entries(BAD)) {
    writeFolder(join(ROOT, 'bad', name), await make());
    index.bad[name] = entry;
  }
  writeFileSync(join(ROOT, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  writeTrigger();
  console.log(`wrote ${Object.keys(GOOD).length} good and ${Object.keys(BAD).length} bad model folders under ${ROOT}`);
  // trained on the trigger just written
  await makeBackdoored(ROOT);
  console.log(`wrote backdoored/${BACKDOORED.name} under ${ROOT}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
