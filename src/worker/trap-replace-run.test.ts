import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '../engine/defined';
import { userModelEntry } from '../engine/test/user-model-entry';
import { TRAP_REPLACE_DEFAULTS, type TrapReplaceSettings } from '../engine/defenses/trap-replace-settings';
import type { UserModelEntry, ZooManifest } from '../engine/zoo';
import { zooPoisonedTrainingSet } from '../engine/zoo-poison';
import type { TrapReplaceEvent, TrapReplaceProgress } from '../protocol/trap-replace-messages';
import { loadSplitHeads } from './test/split-heads';
import { cancelTrapReplace, poisonedTrainingData, runTrapReplace, serveTrapReplace, type TrapReplaceRunOptions } from './trap-replace-run';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** The first images of each real split: small enough for a unit test (600 train, 300 test). */
const load = loadSplitHeads({ train: 600, test: 300 });

const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as ZooManifest;
const ZOO = defined(
  manifest.models.find((m) => m.id === 'mnist-mlp-badnet'),
  'mnist-mlp-badnet in models/manifest.json',
);
const TINY: TrapReplaceSettings = {
  ...TRAP_REPLACE_DEFAULTS,
  holdoutFraction: 0.1,
  stage1Epochs: 2,
  stage1BatchSize: 64,
  stage2Epochs: 2,
  stage2BatchSize: 32,
  seed: 3,
};

const options = (over: Partial<TrapReplaceRunOptions> = {}): TrapReplaceRunOptions => ({
  load,
  signal: new AbortController().signal,
  onProgress: () => {},
  backend: tf.getBackend(),
  ...over,
});

const imported = userModelEntry('user-imported-1', { name: 'my-folder', arch: 'mlp' });

describe('runTrapReplace (the worker handler of trap-replace)', () => {
  it('rebuilds a zoo model’s poisoned set image for image as the zoo’s training did', async () => {
    const train = await load('mnist', 'train');
    const zoo = zooPoisonedTrainingSet(ZOO, train);
    const ours = poisonedTrainingData({ trigger: ZOO.attack, target: ZOO.target, poisonRate: ZOO.poisonRate, seed: ZOO.seed }, train);
    expect(ours.poisoned.images).toEqual(zoo.images);
    expect(ours.poisoned.labels).toEqual(zoo.labels);
    expect(ours.clean.images).toEqual(zoo.cleanImages);
    expect(ours.poisoned.labels).not.toEqual(ours.clean.labels); // BadNet relabels: the sets differ
  });

  it('runs both stages on a zoo model: progress per epoch and mid-epoch, finite ACC/ASR, deterministic, no tensor left', async () => {
    const before = tf.memory().numTensors;
    const progress: TrapReplaceProgress[] = [];
    const first = await runTrapReplace(1, ZOO, TINY, options({ onProgress: (p) => progress.push(p), stepProgressMs: 0 }));
    expect(tf.memory().numTensors).toBe(before);
    for (const x of [first.acc, first.asr]) {
      expect(Number.isFinite(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    expect(first).toMatchObject({ requestId: 1, modelId: ZOO.id, cleanCount: 300, settings: TINY, backend: 'wasm' });
    expect(first.seconds).toBeGreaterThan(0);
    const epochs = progress.flatMap((p) => (p.kind === 'training' && p.meanLoss !== undefined ? [[p.stage, p.epoch]] : []));
    expect(epochs).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
    // 540 stage-1 images in batches of 64 (9 steps), 60 holdout images in batches of 32 (2 steps), two epochs each
    const last = progress.filter((p) => p.kind === 'training').at(-1);
    expect(last).toMatchObject({ done: 22, total: 22 });
    expect(progress.filter((p) => p.kind === 'training' && p.meanLoss === undefined).length).toBeGreaterThan(4);
    expect(progress.at(-1)).toEqual({ kind: 'phase', phase: 'measuring ACC and ASR on the test split' });

    const again = await runTrapReplace(2, ZOO, TINY, options());
    expect([again.acc, again.asr]).toEqual([first.acc, first.asr]);
  });

  it('refuses an imported model (no poisoned set) and bad settings before loading any data', async () => {
    let loaded = 0;
    const counting: TrapReplaceRunOptions['load'] = (d, s) => (loaded++, load(d, s));
    await expect(runTrapReplace(3, imported, TINY, options({ load: counting }))).rejects.toThrow(
      /my-folder was imported, so its poisoned training set is not known; Trap and Replace .* cannot run on this model/,
    );
    await expect(runTrapReplace(3, ZOO, { ...TINY, stage1Epochs: 0 }, options({ load: counting }))).rejects.toThrow(
      /stage-1 epochs is 0, expected an integer from 1 to 1000/,
    );
    expect(loaded).toBe(0);
  });

  it('runs on a page-trained model from its recipe and trigger', async () => {
    const trained: UserModelEntry = {
      ...imported,
      origin: 'trained',
      name: 'trained in the page',
      trigger: { kind: 'blended', alpha: 0.2, patternSeed: 1234 },
      target: 3,
      recipe: { poisonRate: 0.1, poisonedCount: 60, seed: 5, epochs: 1, batchSize: 32, learningRate: 1e-3, trainSeconds: 1 },
    };
    const result = await runTrapReplace(4, trained, { ...TINY, stage1Epochs: 1, stage2Epochs: 1 }, options());
    expect(result.modelId).toBe(trained.id);
    // ASR counts the triggered test images that are not of the target class
    expect(result.poisonedCount).toBe(result.cleanCount - (await load('mnist', 'test')).labels.filter((y) => y === 3).length);
  });
});

describe('serveTrapReplace', () => {
  it('a cancel for its id stops it within a step: trap-replace-failed, cancelled, no tensor left', async () => {
    const before = tf.memory().numTensors;
    const events: TrapReplaceEvent[] = [];
    let cancelledAt = -1;
    expect(cancelTrapReplace(5)).toBe(false); // nothing runs under that id yet
    await serveTrapReplace(
      { type: 'trap-replace', requestId: 5, entry: ZOO, settings: { ...TINY, stage1Epochs: 5 } },
      { ready: Promise.resolve(), load },
      (event) => {
        events.push(event);
        // a Cancel arriving as a later task, as the worker's message does: seen because each step yields
        if (event.type === 'trap-replace-progress' && event.progress.kind === 'training' && cancelledAt < 0) {
          cancelledAt = event.progress.done;
          setTimeout(() => expect(cancelTrapReplace(5)).toBe(true), 0);
        }
      },
    );
    expect(events.at(-1)).toEqual({ type: 'trap-replace-failed', requestId: 5, message: 'Cancelled', cancelled: true });
    const training = events.flatMap((e) => (e.type === 'trap-replace-progress' && e.progress.kind === 'training' ? [e.progress] : []));
    expect(training.at(-1)?.stage).toBe(1);
    expect(cancelTrapReplace(5)).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('answers trap-replace-failed with the reason when the worker has no backend', async () => {
    const events: TrapReplaceEvent[] = [];
    await serveTrapReplace({ type: 'trap-replace', requestId: 6, entry: ZOO, settings: TINY }, { ready: null, load }, (e) => events.push(e));
    expect(events).toEqual([{ type: 'trap-replace-failed', requestId: 6, message: 'No backend yet: the worker has not been initialised.', cancelled: false }]);
  });
});
