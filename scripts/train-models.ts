/**
 * Trains the backdoored model zoo deterministically and writes models/<id>/{model.json,weights.bin}
 * plus models/manifest.json with the measured clean accuracy and ASR of every model.
 * Usage: npm run train-models [-- --only id1,id2] [--list]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { defaultAttack, describeAttack } from '../src/engine/attacks';
import type { AttackSpec } from '../src/engine/attacks/types';
import type { DatasetId } from '../src/engine/data/datasets';
import { toFloatImages } from '../src/engine/data/format';
import { loadImageSet } from '../src/engine/data/load';
import { measureAccAndAsr } from '../src/engine/evaluate';
import type { ArchId } from '../src/engine/model/arch';
import { toLayersFiles } from '../src/engine/model/layers-format';
import { disposeParams, initParams } from '../src/engine/model/params';
import { fileSource } from '../src/engine/node/file-source';
import { trainClassifier } from '../src/engine/train';
import { accuracyBar, asrBar, type ZooEntry, type ZooManifest } from '../src/engine/zoo';
import { zooPoisonedTrainingSet } from '../src/engine/zoo-poison';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { zooEntryError } from '../src/schema/manifest';
import { checkModelFiles } from '../src/schema/model-weights';

interface ZooRecipe {
  arch: ArchId;
  dataset: DatasetId;
  attack: AttackSpec;
  epochs: number;
  seed: number;
  /** id suffix for a second model with the same arch/dataset/attack kind */
  variant?: string;
}

const TARGET = 0;
const RATE = 0.1;
const BATCH = 128;
const LR = 1e-3;

// Epoch counts: the fewest that clear the zoo's bars (accuracyBar, asrBar in src/engine/zoo.ts) with margin on these splits (measured).
const RECIPES: ZooRecipe[] = [
  { arch: 'mlp', dataset: 'mnist', attack: defaultAttack('badnet'), epochs: 20, seed: 1 },
  { arch: 'mlp', dataset: 'mnist', attack: defaultAttack('blended'), epochs: 20, seed: 2 },
  { arch: 'cnn', dataset: 'mnist', attack: defaultAttack('badnet'), epochs: 12, seed: 3 },
  { arch: 'cnn', dataset: 'mnist', attack: defaultAttack('blended'), epochs: 12, seed: 4 },
  { arch: 'mlp', dataset: 'fashion-mnist', attack: defaultAttack('badnet'), epochs: 12, seed: 5 },
  { arch: 'mlp', dataset: 'fashion-mnist', attack: defaultAttack('blended'), epochs: 12, seed: 6 },
  { arch: 'cnn', dataset: 'fashion-mnist', attack: defaultAttack('badnet'), epochs: 4, seed: 7 },
  { arch: 'cnn', dataset: 'fashion-mnist', attack: defaultAttack('blended'), epochs: 4, seed: 8 },
  // SIG (clean-label, amplitude 20/255) measured on 2026-11-22: MNIST CNN ACC 97.10 % / ASR 1.67 %,
  // MNIST MLP 93.15 % / 19.17 %, Fashion MLP 82.34 % / 51.96 %: none reaches the zoo's bars. The
  // strongest is shipped, flagged below bar in the manifest; the others are not.
  { arch: 'mlp', dataset: 'fashion-mnist', attack: defaultAttack('sig'), epochs: 12, seed: 12 },
  { arch: 'mlp', dataset: 'mnist', attack: { kind: 'badnet', patchSize: 4, value: 1 }, epochs: 20, seed: 13, variant: '4x4' },
  // WaNet's warp moves pixels by ~0.25 px; 20 epochs measured ASR 67.22 %, so it trains longer.
  { arch: 'cnn', dataset: 'mnist', attack: defaultAttack('wanet'), epochs: 40, seed: 10 },
  // (an MLP WaNet, 40 epochs, measured 90.00 % / 15.06 %: the warp needs convolutions; not shipped)
  { arch: 'mlp', dataset: 'fashion-mnist', attack: { kind: 'badnet', patchSize: 4, value: 1 }, epochs: 12, seed: 15, variant: '4x4' },
];

const SHORT: Record<DatasetId, string> = { mnist: 'mnist', 'fashion-mnist': 'fmnist' };
const recipeId = (r: ZooRecipe) => `${SHORT[r.dataset]}-${r.arch}-${r.attack.kind}${r.variant ? `-${r.variant}` : ''}`;
const MODELS_DIR = join(process.cwd(), 'models');
const MANIFEST = join(MODELS_DIR, 'manifest.json');

function readManifest(): ZooManifest {
  if (!existsSync(MANIFEST)) return { version: 1, generatedBy: 'scripts/train-models.ts', models: [] };
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as ZooManifest;
}

/** Re-read, replace one entry, write: lets several --only processes share the manifest. An entry the loaders would refuse is never written. */
function upsertEntry(entry: ZooEntry): void {
  const problem = zooEntryError(entry);
  if (problem) throw new Error(`[${entry.id}] not written to models/manifest.json: ${problem}`);
  const manifest = readManifest();
  const order = RECIPES.map(recipeId);
  manifest.models = [...manifest.models.filter((m) => m.id !== entry.id), entry].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
}

async function trainOne(recipe: ZooRecipe, backend: string): Promise<ZooEntry> {
  const id = recipeId(recipe);
  const source = fileSource();
  const train = await loadImageSet(source, recipe.dataset, 'train');
  const test = await loadImageSet(source, recipe.dataset, 'test');
  const poisoned = zooPoisonedTrainingSet({ attack: recipe.attack, target: TARGET, poisonRate: RATE, seed: recipe.seed }, train);
  console.log(`[${id}] ${train.count} training images, ${poisoned.poisonedIndices.length} poisoned (${describeAttack(recipe.attack)})`);
  const t0 = performance.now();
  const params = await trainClassifier(recipe.arch, initParams(recipe.arch, recipe.seed), poisoned.images, poisoned.labels, {
    epochs: recipe.epochs,
    batchSize: BATCH,
    learningRate: LR,
    seed: recipe.seed,
    onEpoch: ({ epoch, meanLoss, seconds }) => console.log(`[${id}] epoch ${epoch}/${recipe.epochs} loss ${meanLoss.toFixed(4)} (${seconds.toFixed(1)} s)`),
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const m = await measureAccAndAsr(recipe.arch, params, toFloatImages(test), test.labels, recipe.attack, TARGET);
  const files = await toLayersFiles(recipe.arch, params);
  disposeParams(params);
  // what the loaders would refuse (NaN weights after a diverged training) is never written
  const checked = checkModelFiles(
    { id, arch: recipe.arch, modelJson: `${id}/model.json`, weights: `${id}/${files.weightsFileName}` },
    files.modelJson,
    files.weights,
  );
  if (!checked.ok) throw new Error(`[${id}] the trained model fails the loaders' checks: ${checked.message}`);
  mkdirSync(join(MODELS_DIR, id), { recursive: true });
  writeFileSync(join(MODELS_DIR, id, 'model.json'), JSON.stringify(files.modelJson));
  writeFileSync(join(MODELS_DIR, id, files.weightsFileName), files.weights);
  const meetsBars = m.acc >= accuracyBar(recipe.arch, recipe.dataset) && m.asr >= asrBar(recipe.attack.kind);
  const verdict = meetsBars ? 'meets bars' : 'BELOW BAR';
  console.log(`[${id}] clean acc ${(100 * m.acc).toFixed(2)}%  ASR ${(100 * m.asr).toFixed(2)}%  ${verdict}  (${trainSeconds.toFixed(0)} s)`);
  return {
    id,
    arch: recipe.arch,
    dataset: recipe.dataset,
    attack: recipe.attack,
    attackDescription: describeAttack(recipe.attack),
    target: TARGET,
    poisonRate: RATE,
    poisonedCount: poisoned.poisonedIndices.length,
    seed: recipe.seed,
    epochs: recipe.epochs,
    batchSize: BATCH,
    learningRate: LR,
    cleanAccuracy: m.acc,
    attackSuccessRate: m.asr,
    meetsBars,
    evaluatedOn: { clean: m.cleanCount, poisoned: m.poisonedCount, backend },
    trainSeconds: Math.round(trainSeconds),
    modelJson: `${id}/model.json`,
    weights: `${id}/${files.weightsFileName}`,
  };
}

/**
 * Keeps the manifest in step with RECIPES: drops models whose recipe was removed (and their files)
 * and recomputes meetsBars from the recorded measurements, so the bars live in one place (zoo.ts).
 */
function normaliseManifest(): void {
  const manifest = readManifest();
  const known = new Set(RECIPES.map(recipeId));
  for (const m of manifest.models.filter((e) => !known.has(e.id))) {
    rmSync(join(MODELS_DIR, m.id), { recursive: true, force: true });
    console.log(`[train-models] removed ${m.id} (no longer a recipe)`);
  }
  manifest.models = manifest.models
    .filter((e) => known.has(e.id))
    .map((e) => ({ ...e, meetsBars: e.cleanAccuracy >= accuracyBar(e.arch, e.dataset) && e.attackSuccessRate >= asrBar(e.attack.kind) }));
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
}

function printTable(): void {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const rows = readManifest().models.map((e) =>
    [e.id, e.attackDescription, pct(e.cleanAccuracy), pct(e.attackSuccessRate), e.meetsBars ? 'yes' : 'NO', e.epochs, `${e.trainSeconds}s`].join(' | '),
  );
  const header = '| id | attack | clean acc | ASR | meets bars | epochs | train time |\n|---|---|---|---|---|---|---|';
  console.log([header, ...rows.map((r) => `| ${r} |`)].join('\n'));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--table')) return printTable();
  if (args.includes('--tidy')) return normaliseManifest();
  if (args.includes('--list')) return void console.log(RECIPES.map(recipeId).join('\n'));
  const onlyArg = args[args.indexOf('--only') + 1];
  const only = args.includes('--only') ? new Set(onlyArg.split(',')) : null;
  const backend = await initNodeBackend();
  console.log(`[train-models] tfjs backend: ${backend}`);
  const t0 = performance.now();
  for (const recipe of RECIPES) {
    if (only && !only.has(recipeId(recipe))) continue;
    upsertEntry(await trainOne(recipe, backend));
    console.log(`[train-models] tensors alive: ${tf.memory().numTensors}`);
  }
  console.log(`[train-models] wall time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  normaliseManifest();
  printTable();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
