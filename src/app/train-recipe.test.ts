import { describe, expect, it } from 'vitest';
import type { ModelEntry, ZooEntry } from '../engine/zoo';
import { INITIAL_TRAIN_DRAFT, type TrainDraft } from '../store/slices/train-model';
import { buildTrainRecipe, defaultModelName, draftNumbers, mlpArchId, zooRecipeNumbers } from './train-recipe';

/** Zoo entries with only what the recipe defaults read; epochs tell them apart. */
const zoo = (arch: string, dataset: ZooEntry['dataset'], kind: ZooEntry['attack']['kind'], epochs: number, seed: number) =>
  ({
    id: `${dataset}-${arch}-${kind}`,
    arch,
    dataset,
    attack: { kind },
    target: 0,
    poisonRate: 0.1,
    epochs,
    batchSize: 128,
    learningRate: 1e-3,
    seed,
  }) as ZooEntry;

const MODELS: ModelEntry[] = [
  zoo('mlp', 'mnist', 'badnet', 20, 1),
  zoo('mlp', 'mnist', 'blended', 21, 2),
  zoo('cnn', 'mnist', 'badnet', 12, 3),
  zoo('cnn', 'fashion-mnist', 'blended', 4, 8),
  // a user model never sets the defaults
  { origin: 'trained', id: 'user-x', arch: 'seq:d32-d10', dataset: 'mnist', trigger: { kind: 'sig', amplitude: 0.1, frequency: 6 }, target: 3 } as ModelEntry,
];

const draft = (patch: Partial<TrainDraft> = {}): TrainDraft => ({ ...INITIAL_TRAIN_DRAFT, ...patch });

describe('mlpArchId', () => {
  it('maps hidden widths to a seq: id ending in the 10 logits', () => {
    expect(mlpArchId('256, 128')).toEqual({ ok: true, value: 'seq:d256-d128-d10' });
    expect(mlpArchId(' 32 ')).toEqual({ ok: true, value: 'seq:d32-d10' });
    expect(mlpArchId('512 64,16')).toEqual({ ok: true, value: 'seq:d512-d64-d16-d10' });
  });

  it('says what is wrong with bad widths', () => {
    expect(mlpArchId('')).toEqual({ ok: false, message: 'hidden widths are empty: give one or more whole numbers, e.g. "256, 256"' });
    expect(mlpArchId('256, abc')).toEqual({ ok: false, message: 'hidden width "abc" is not a positive whole number of units (e.g. "256, 256")' });
    expect(mlpArchId('0')).toMatchObject({ ok: false, message: 'hidden width "0" is not a positive whole number of units (e.g. "256, 256")' });
    expect(mlpArchId('1.5')).toMatchObject({ ok: false, message: expect.stringContaining('"1.5" is not a positive whole number') });
    expect(mlpArchId('5000')).toMatchObject({ ok: false, message: expect.stringContaining('has 5000 units; at most 4096 are supported') });
    expect(mlpArchId(Array(16).fill('8').join(','))).toMatchObject({ ok: false, message: expect.stringContaining('17 layers; at most 16') });
  });
});

describe('the recipe defaults', () => {
  it("are the zoo's recipe for the same family, dataset and attack, falling back step by step", () => {
    expect(zooRecipeNumbers(MODELS, 'mlp', 'mnist', 'blended')).toMatchObject({ epochs: 21, seed: 2 });
    expect(zooRecipeNumbers(MODELS, 'mlp', 'mnist', 'wanet')).toMatchObject({ epochs: 20, seed: 1 });
    expect(zooRecipeNumbers(MODELS, 'cnn', 'fashion-mnist', 'badnet')).toMatchObject({ epochs: 4, seed: 8 });
    expect(zooRecipeNumbers(MODELS, 'mlp', 'fashion-mnist', null)).toMatchObject({ epochs: 20, seed: 1 });
    expect(zooRecipeNumbers([], 'cnn', 'mnist', 'badnet')).toEqual({ poisonRate: 0.1, target: 0, epochs: 20, batchSize: 128, learningRate: 1e-3, seed: 1 });
  });

  it('give way to the numbers the user set', () => {
    expect(draftNumbers(draft({ family: 'cnn', overrides: { epochs: 1, target: 7 } }), MODELS)).toEqual({
      poisonRate: 0.1,
      target: 7,
      epochs: 1,
      batchSize: 128,
      learningRate: 1e-3,
      seed: 3,
    });
  });
});

describe('buildTrainRecipe', () => {
  it('makes the recipe the worker trains, named after it when the user gave no name', () => {
    const result = buildTrainRecipe(draft({ hiddenWidths: '32', overrides: { epochs: 1 } }), MODELS, null, 'user-abc');
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'user-abc',
        name: 'MNIST · MLP 784-32-10 · BadNet → 0',
        arch: 'seq:d32-d10',
        dataset: 'mnist',
        trigger: INITIAL_TRAIN_DRAFT.attack,
        poisonRate: 0.1,
        target: 0,
        epochs: 1,
        batchSize: 128,
        learningRate: 1e-3,
        seed: 1,
      },
    });
    expect(defaultModelName('cnn', 'fashion-mnist', { kind: 'custom-blend', image: [], alpha: 0.2 }, 4)).toBe(
      'Fashion-MNIST · CNN conv16-conv32-fc128-10 · custom blend → 4',
    );
  });

  it('takes the described trigger when asked to, and refuses when none is described', () => {
    const described = { kind: 'blended', alpha: 0.3, patternSeed: 5 } as const;
    const result = buildTrainRecipe(draft({ triggerSource: 'described', name: ' mine ' }), MODELS, described, 'user-d');
    expect(result).toMatchObject({ ok: true, value: { trigger: described, name: 'mine' } });
    expect(buildTrainRecipe(draft({ triggerSource: 'described' }), MODELS, null, 'user-d')).toMatchObject({ ok: false, message: /no trigger is described/ });
  });

  it('passes on what the recipe check finds', () => {
    expect(buildTrainRecipe(draft({ hiddenWidths: 'x' }), MODELS, null, 'user-a')).toMatchObject({ ok: false, message: /"x" is not a positive whole number/ });
    expect(buildTrainRecipe(draft({ overrides: { learningRate: 0 } }), MODELS, null, 'user-a')).toEqual({
      ok: false,
      message: 'learning rate is 0, expected a number > 0 and ≤ 1',
    });
    expect(buildTrainRecipe(draft({ overrides: { batchSize: 1024 } }), MODELS, null, 'user-a')).toMatchObject({ ok: true });
    expect(buildTrainRecipe(draft(), MODELS, null, 'zoo-a')).toMatchObject({ ok: false, message: /model id is "zoo-a"/ });
  });
});
