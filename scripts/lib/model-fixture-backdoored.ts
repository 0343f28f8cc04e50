/*
 * test/fixtures/models/backdoored/<case>/: a really backdoored model the zoo has never seen, for the
 * README's "Bring your own model" example. scripts/make-model-fixtures.ts trains it with the engine
 * (src/engine/train.ts on a training set poisoned by src/engine/attacks) on WASM, then exports it
 * the way a user's own Keras/tfjs export looks: Keras-style layer names that are not positional
 * (dense_7, …) and a softmax output. A manifest.json next to model.json records the recipe and
 * what the script measured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describeAttack, poisonTrainingSet } from '../../src/engine/attacks';
import { toFloatImages } from '../../src/engine/data/format';
import { loadImageSet } from '../../src/engine/data/load';
import { measureAccAndAsr } from '../../src/engine/evaluate';
import { archInfo } from '../../src/engine/model/arch';
import { disposeParams, initParams } from '../../src/engine/model/params';
import { fileSource } from '../../src/engine/node/file-source';
import { initNodeBackend } from '../../src/engine/node/tf-backend';
import { trainClassifier } from '../../src/engine/train';
import { folderOf, saveModel, type Folder } from './model-fixture-save';
import { parseTriggerArg } from './trigger-arg';

/** The recipe; manifest.json repeats it; scripts/lib/model-fixture-backdoored.test.ts checks the two agree. */
export const BACKDOORED = {
  name: 'mlp-64-32-checker',
  arch: 'seq:d64-d32-d10',
  dataset: 'mnist',
  /** exactly what `npm run tsc -- --trigger …` is given for this model */
  trigger: 'patch:test/fixtures/models/triggers/checker-3x3.png,x=24,y=24',
  target: 0,
  poisonRate: 0.1,
  seed: 11,
  batchSize: 32,
  /** Adam, then a tenth of the rate: on MNIST's 8,000 training images a 64-32 MLP's clean accuracy swings by a point from epoch to epoch at 1e-3, and settles at 1e-4 */
  phases: [
    { epochs: 10, learningRate: 1e-3 },
    { epochs: 4, learningRate: 1e-4 },
  ],
  /** the layer names the export gets, as Keras numbers layers in a session that built other models first */
  layerNames: { flatten: 'flatten_3', dense: ['dense_7', 'dense_8', 'dense_9'] },
  /** the script fails below these (clean accuracy and attack success rate on the whole test split) */
  bars: { acc: 0.95, asr: 0.95 },
} as const;

export interface BackdooredManifest {
  architecture: string;
  dataset: string;
  trigger: string;
  triggerDescription: string;
  target: number;
  poisonRate: number;
  poisonedCount: number;
  seed: number;
  batchSize: number;
  phases: { epochs: number; learningRate: number }[];
  cleanAccuracy: number;
  attackSuccessRate: number;
  evaluatedOn: { clean: number; poisoned: number; backend: string };
  generatedBy: string;
}

/** The user-style Sequential: Flatten of 28×28×1, ReLU Dense layers, softmax output, with the trained weights. */
function userStyleModel(weights: tf.Tensor[]): tf.Sequential {
  const info = archInfo(BACKDOORED.arch);
  const dense = info.layers.filter((l) => l.kind === 'dense');
  const model = tf.sequential({ name: 'sequential_3' });
  model.add(tf.layers.flatten({ name: BACKDOORED.layerNames.flatten, inputShape: [28, 28, 1] }));
  dense.forEach((l, i) =>
    model.add(tf.layers.dense({ name: BACKDOORED.layerNames.dense[i], units: l.units, activation: i === dense.length - 1 ? 'softmax' : 'relu' })),
  );
  model.setWeights(weights);
  return model;
}

/** Trains, measures and exports the backdoored model; throws when it misses a bar, so nothing below bar is written. */
export async function makeBackdoored(root: string): Promise<BackdooredManifest> {
  const previous = tf.getBackend();
  const backend = await initNodeBackend('wasm');
  const r = BACKDOORED;
  const trigger = parseTriggerArg(r.trigger);
  const source = fileSource();
  const train = await loadImageSet(source, r.dataset, 'train');
  const test = await loadImageSet(source, r.dataset, 'test');
  const poisoned = poisonTrainingSet(trigger, toFloatImages(train), train.labels, { target: r.target, rate: r.poisonRate, seed: r.seed });
  const t0 = performance.now();
  let params = initParams(r.arch, r.seed);
  for (const [i, phase] of r.phases.entries()) {
    // trainClassifier takes ownership of params and hands back new ones
    params = await trainClassifier(r.arch, params, poisoned.images, poisoned.labels, {
      ...phase,
      batchSize: r.batchSize,
      seed: r.seed + i,
      onEpoch: ({ epoch, meanLoss, seconds }) =>
        console.log(`[${r.name}] lr ${phase.learningRate} epoch ${epoch}/${phase.epochs} loss ${meanLoss.toFixed(4)} (${seconds.toFixed(1)} s)`),
    });
  }
  try {
    const m = await measureAccAndAsr(r.arch, params, toFloatImages(test), test.labels, trigger, r.target);
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `[${r.name}] clean ACC ${(100 * m.acc).toFixed(2)} %  ASR ${(100 * m.asr).toFixed(2)} %  (${m.cleanCount} clean, ${m.poisonedCount} triggered test images; ${backend}, ${seconds.toFixed(0)} s)`,
    );
    if (m.acc < r.bars.acc || m.asr < r.bars.asr) throw new Error(`[${r.name}] below the bars (ACC ≥ ${r.bars.acc}, ASR ≥ ${r.bars.asr}): not written`);
    const model = userStyleModel(archInfo(r.arch).params.map((p) => params[p.name]));
    const folder: Folder = folderOf(await saveModel(model));
    model.dispose();
    const manifest: BackdooredManifest = {
      architecture: r.arch,
      dataset: r.dataset,
      trigger: r.trigger,
      triggerDescription: describeAttack(trigger),
      target: r.target,
      poisonRate: r.poisonRate,
      poisonedCount: poisoned.poisonedIndices.length,
      seed: r.seed,
      batchSize: r.batchSize,
      phases: r.phases.map((p) => ({ ...p })),
      cleanAccuracy: m.acc,
      attackSuccessRate: m.asr,
      evaluatedOn: { clean: m.cleanCount, poisoned: m.poisonedCount, backend },
      generatedBy: 'npx tsx scripts/make-model-fixtures.ts',
    };
    folder.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'));
    const dir = join(root, 'backdoored', r.name);
    mkdirSync(dir, { recursive: true });
    for (const [name, bytes] of folder) writeFileSync(join(dir, name), bytes);
    return manifest;
  } finally {
    disposeParams(params);
    await tf.setBackend(previous);
  }
}
