import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIXELS } from './data/datasets';
import { labelsOf, randomImages } from './defenses/testFixtures';
import { trapAndReplace, TRAP_REPLACE_DEFAULTS } from './defenses/trap-replace';
import { forwardTrapReplace, headParamNames, initDecoder, stemParamNames } from './defenses/trap-replace-model';
import { archInfo } from './model/arch';
import { DEEP_MLP, seededModel, VALID_CNN } from './model/generic-fixtures';
import { memoryHandler } from './model/layers-format';
import { disposeParams } from './model/params';
import { purifiedModelFiles } from './model/purified-model';
import { defenseInput } from './node/zoo';
import { unitGroups } from './permute/groups';
import { runDefense } from './run-defense';

beforeAll(async () => {
  await tf.setBackend('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

const SMALL_MLP = 'seq:d32-d16-d10';

describe('a whole run on a generic architecture', () => {
  it.each([SMALL_MLP, VALID_CNN])(
    '%s: a tiny TSC run (1 round, 2 epochs) gives finite numbers, exports a loadable model and leaks no tensor',
    async (arch) => {
      const zoo = await defenseInput('mnist-mlp-badnet');
      disposeParams(zoo.params);
      const input = { ...zoo, modelId: 'generic-test', arch, params: seededModel(arch, 2) };
      const before = tf.memory().numTensors;
      const settings = { rounds: 1, curveEpochs: 2, evalSamples: 100, testSamples: 100, curvePoints: 3, cleanFraction: 0.005, interRoundFinetune: false };
      const { trace, output } = await runDefense(input, settings);
      const stages = trace.rounds[0].stages;
      expect(stages.map((s) => s.kind)).toEqual(['unalign-connect', 'align-connect']);
      for (const stage of stages) {
        expect(stage.permutation?.layers.map((l) => l.size)).toEqual(unitGroups(arch).map((g) => g.size));
        expect(stage.permutation?.maxLogitDiff).toBeLessThanOrEqual(1e-4);
        for (const p of [...stage.curve, ...stage.line]) for (const v of [p.cleanLoss, p.poisonedLoss, p.acc, p.asr]) expect(Number.isFinite(v)).toBe(true);
      }
      for (const m of [trace.before, trace.after]) expect(Number.isFinite(m.acc) && Number.isFinite(m.asr)).toBe(true);

      const files = await purifiedModelFiles(arch, output, trace, 'purified.bin');
      const model = await tf.loadLayersModel(memoryHandler(files.modelJson, files.weights));
      const logits = tf.tidy(() => model.predict(tf.zeros([1, ...archInfo(arch).inputShape])) as tf.Tensor);
      expect(logits.shape).toEqual([1, 10]);
      tf.dispose(logits);
      model.dispose();
      disposeParams(output);
      expect(tf.memory().numTensors).toBe(before);
      disposeParams(input.params);
    },
    120_000,
  );
});

describe('Trap and Replace on generic architectures', () => {
  it('stem = every layer but the last dense one, head = that layer, decoder from the last hidden features to the image', () => {
    for (const arch of [DEEP_MLP, VALID_CNN]) {
      const names = archInfo(arch).params.map((p) => p.name);
      expect(headParamNames(arch)).toEqual(names.slice(-2));
      expect([...stemParamNames(arch), ...headParamNames(arch)]).toEqual(names);
      const classifier = seededModel(arch, 1);
      const decoder = initDecoder(arch, 2);
      const before = tf.memory().numTensors;
      const { logits, reconstruction } = tf.tidy(() => forwardTrapReplace(arch, classifier, decoder, tf.tensor2d(randomImages(3, 1), [3, PIXELS])));
      expect(logits.shape).toEqual([3, 10]);
      expect(reconstruction.shape).toEqual([3, 28, 28, 1]);
      tf.dispose([logits, reconstruction]);
      expect(tf.memory().numTensors).toBe(before);
      [classifier, decoder].forEach(disposeParams);
    }
    // the zoo aliases keep the split results/*.trap-replace.json were measured with
    expect(stemParamNames('seq:d256-d256-d10')).toEqual(['fc1/kernel', 'fc1/bias']);
  });

  it(`${VALID_CNN}: a tiny trapAndReplace keeps the stem, replaces the head, leaks no tensor`, async () => {
    const n = 60;
    const clean = { images: randomImages(n, 5), labels: labelsOf(n, 1) };
    const before = tf.memory().numTensors;
    const settings = { ...TRAP_REPLACE_DEFAULTS, holdoutFraction: 0.2, stage1Epochs: 1, stage1BatchSize: 16, stage2Epochs: 1, stage2BatchSize: 8, seed: 3 };
    let stage1: Record<string, Float32Array> = {};
    const { params } = await trapAndReplace({ arch: VALID_CNN, poisoned: clean, clean }, settings, {
      onStage1: async (p) => {
        stage1 = Object.fromEntries(await Promise.all(Object.entries(p).map(async ([k, t]) => [k, (await t.data()) as Float32Array] as const)));
      },
    });
    for (const name of stemParamNames(VALID_CNN)) expect(Array.from(await params[name].data())).toEqual(Array.from(stage1[name]));
    for (const name of headParamNames(VALID_CNN)) expect(Array.from(await params[name].data())).not.toEqual(Array.from(stage1[name]));
    const finite = tf.tidy(() => tf.stack(Object.values(params).map((t) => tf.all(tf.isFinite(t)))));
    expect(Array.from(await finite.data()).every((ok) => ok === 1)).toBe(true);
    finite.dispose();
    disposeParams(params);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
