/**
 * Runs the page's training handler (src/worker/train-model.ts) in Node on a zoo model's recipe and
 * compares the result with the shipped model: ACC, ASR, the poisoned count and the weights' bytes.
 * Exits 1 when the weights differ (the page would not train the model the zoo ships).
 * Usage: npx tsx scripts/check-train-model.ts [--model mnist-mlp-badnet]
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { loadImageSet } from '../src/engine/data/load';
import { fileSource } from '../src/engine/node/file-source';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { readManifest } from '../src/engine/node/zoo';
import { trainModel } from '../src/worker/train-model';

const args = process.argv.slice(2);
const id = args.includes('--model') ? args[args.indexOf('--model') + 1] : 'mnist-mlp-badnet';
const zoo = readManifest().models.find((m) => m.id === id);
if (!zoo) {
  console.error(`no zoo model "${id}" in models/manifest.json`);
  process.exit(2);
}
const backend = await initNodeBackend();
const t0 = performance.now();
const model = await trainModel(
  {
    id: `user-check-${zoo.id}`,
    name: `check of ${zoo.id}`,
    arch: zoo.arch,
    dataset: zoo.dataset,
    trigger: zoo.attack,
    target: zoo.target,
    poisonRate: zoo.poisonRate,
    epochs: zoo.epochs,
    batchSize: zoo.batchSize,
    learningRate: zoo.learningRate,
    seed: zoo.seed,
  },
  {
    load: (dataset, split) => loadImageSet(fileSource(), dataset, split),
    signal: new AbortController().signal,
    backend,
    onProgress: (_, e) => e && console.log(`epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)} (${e.seconds.toFixed(1)} s)`),
  },
);
const shipped = readFileSync(`models/${zoo.weights}`);
const same = Buffer.from(model.weights).equals(shipped);
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
console.log(`[check-train-model] ${zoo.id} on ${backend}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
console.log(`  page handler: ACC ${pct(model.entry.cleanAccuracy)}, ASR ${pct(model.entry.attackSuccessRate)}, ${model.entry.recipe?.poisonedCount} poisoned`);
console.log(`  manifest:     ACC ${pct(zoo.cleanAccuracy)}, ASR ${pct(zoo.attackSuccessRate)}, ${zoo.poisonedCount} poisoned`);
console.log(`  weights identical to models/${zoo.weights}: ${same}; tensors left: ${tf.memory().numTensors}`);
process.exit(same ? 0 : 1);
