import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paramsToArrays, disposeParams, type Params } from '../model/params';
import { PIXELS } from '../data/datasets';
import { labelsOf, randomImages } from './testFixtures';
import { meanSquaredError, smoothedCrossEntropy, totalVariation } from './trap-replace-losses';
import { decode, forwardTrapReplace, headParamNames, initDecoder, STEM_PARAMS } from './trap-replace-model';
import { holdoutSplit, trapAndReplace, TRAP_REPLACE_DEFAULTS, type TrapReplaceSettings } from './trap-replace';
import { initParams } from '../model/params';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

const scalar = (f: () => tf.Scalar) => {
  const t = f();
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

describe('Trap and Replace pieces', () => {
  it('total variation of a known image: mean |vertical step| + mean |horizontal step|', () => {
    // 3×3 image with a vertical edge: columns 0,0,1. Horizontal steps: (0,1) per row → mean 1/2; vertical: 0.
    const img = tf.tensor4d([0, 0, 1, 0, 0, 1, 0, 0, 1], [1, 3, 3, 1]);
    expect(scalar(() => totalVariation(img))).toBeCloseTo(0.5, 6);
    // its transpose has the same TV through the other term; a constant image has none
    const t = tf.tensor4d([0, 0, 0, 0, 0, 0, 1, 1, 1], [1, 3, 3, 1]);
    expect(scalar(() => totalVariation(t))).toBeCloseTo(0.5, 6);
    const flat = tf.fill([2, 3, 3, 1], 0.3) as tf.Tensor4D;
    expect(scalar(() => totalVariation(flat))).toBe(0);
    tf.dispose([img, t, flat]);
  });

  it('MSE is the mean squared difference', () => {
    const a = tf.tensor2d([0, 1, 2, 3], [2, 2]);
    const b = tf.tensor2d([1, 1, 0, 3], [2, 2]);
    expect(scalar(() => meanSquaredError(a, b))).toBeCloseTo((1 + 0 + 4 + 0) / 4, 6);
    tf.dispose([a, b]);
  });

  it('label smoothing 0 is plain cross-entropy; smoothing raises the loss of a confident right answer', () => {
    const logits = tf.tensor2d([[5, 0, 0]]);
    const y = tf.tensor1d([0], 'int32');
    const plain = -Math.log(Math.exp(5) / (Math.exp(5) + 2));
    expect(scalar(() => smoothedCrossEntropy(logits, y, 0))).toBeCloseTo(plain, 5);
    expect(scalar(() => smoothedCrossEntropy(logits, y, 0.1))).toBeGreaterThan(plain + 0.1);
    tf.dispose([logits, y]);
  });

  it('stem and head split every parameter of both architectures once', () => {
    expect([...STEM_PARAMS.mlp, ...headParamNames('mlp')].sort()).toEqual(Object.keys(initParamsShape('mlp')).sort());
    expect([...STEM_PARAMS.cnn, ...headParamNames('cnn')].sort()).toEqual(Object.keys(initParamsShape('cnn')).sort());
  });

  it('the decoder reconstructs 28×28 images in [0,1] on both architectures', () => {
    for (const arch of ['mlp', 'cnn'] as const) {
      const before = tf.memory().numTensors;
      const classifier = initParams(arch, 1);
      const decoder = initDecoder(arch, 1);
      const x = tf.tensor2d(randomImages(3, 4), [3, PIXELS]);
      const { logits, reconstruction } = tf.tidy(() => forwardTrapReplace(arch, classifier, decoder, x));
      expect(logits.shape).toEqual([3, 10]);
      expect(reconstruction.shape).toEqual([3, 28, 28, 1]);
      const values = reconstruction.dataSync();
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values)).toBeLessThanOrEqual(1);
      tf.dispose([x, logits, reconstruction]);
      disposeParams(classifier);
      disposeParams(decoder);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('the CNN decoder maps each feature cell to its own 4×4 block of pixels (transposed conv, stride 2, twice)', () => {
    const decoder = initDecoder('cnn', 2);
    const features = tf.buffer([1, 7, 7, 32]);
    for (let c = 0; c < 32; c++) features.set(1, 0, 2, 3, c); // one active cell at row 2, column 3
    const feats = features.toTensor();
    const zero = tf.zeros([1, 7, 7, 32]);
    const img = tf.tidy(() => decode('cnn', decoder, feats));
    const base = tf.tidy(() => decode('cnn', decoder, zero));
    const diff = tf.sub(img, base).dataSync();
    for (let r = 0; r < 28; r++)
      for (let q = 0; q < 28; q++) {
        const inBlock = r >= 8 && r < 12 && q >= 12 && q < 16;
        if (!inBlock) expect(diff[r * 28 + q]).toBe(0);
      }
    tf.dispose([feats, zero, img, base]);
    disposeParams(decoder);
  });

  it('the holdout is a seeded, stratified share, disjoint from stage 1', () => {
    const labels = labelsOf(200, 0);
    const a = holdoutSplit(labels, 0.05, 3);
    const b = holdoutSplit(labels, 0.05, 3);
    expect(a.holdout.length).toBe(10);
    expect(a.rest.length).toBe(190);
    expect(Array.from(a.holdout)).toEqual(Array.from(b.holdout));
    const rest = new Set(a.rest);
    expect(Array.from(a.holdout).some((i) => rest.has(i))).toBe(false);
  });
});

/** Parameter names of an architecture (only the keys are read). */
function initParamsShape(arch: 'mlp' | 'cnn'): Params {
  const p = initParams(arch, 0);
  disposeParams(p);
  return p;
}

describe('trapAndReplace end to end (tiny)', () => {
  const n = 120;
  const clean = { images: randomImages(n, 5), labels: labelsOf(n, 1) };
  // a poisoned copy: the first 12 images get a white corner and label 0
  const poisoned = { images: new Float32Array(clean.images), labels: new Uint8Array(clean.labels) };
  for (let i = 0; i < 12; i++) {
    poisoned.images[i * PIXELS + PIXELS - 1] = 1;
    poisoned.labels[i] = 0;
  }
  const settings: TrapReplaceSettings = {
    ...TRAP_REPLACE_DEFAULTS,
    holdoutFraction: 0.2,
    stage1Epochs: 2,
    stage1BatchSize: 32,
    stage2Epochs: 3,
    stage2BatchSize: 16,
    seed: 7,
  };

  for (const arch of ['mlp', 'cnn'] as const) {
    it(`${arch}: stage 2 leaves the stem bit-identical, replaces the head, is deterministic and leaks no tensor`, async () => {
      const before = tf.memory().numTensors;
      let stage1: Record<string, Float32Array> = {};
      const run = () =>
        trapAndReplace({ arch, poisoned, clean }, settings, {
          onStage1: async (p) => {
            stage1 = await paramsToArrays(p);
          },
        });
      const first = await run();
      const out = await paramsToArrays(first.params);
      const stage1First = stage1;
      disposeParams(first.params);
      expect(first.holdoutCount).toBe(24);
      expect(first.stage1Count).toBe(96);
      for (const name of STEM_PARAMS[arch]) expect(out[name]).toEqual(stage1First[name]);
      for (const name of headParamNames(arch)) expect(out[name]).not.toEqual(stage1First[name]);
      const second = await run();
      const again = await paramsToArrays(second.params);
      disposeParams(second.params);
      for (const name of Object.keys(out)) expect(again[name]).toEqual(out[name]);
      expect(tf.memory().numTensors).toBe(before);
    }, 60_000);
  }

  it('a run that fails between the stages frees every tensor it made', async () => {
    const before = tf.memory().numTensors;
    const failing = trapAndReplace(
      { arch: 'cnn', poisoned, clean },
      { ...settings, stage1Epochs: 1 },
      {
        onStage1: () => Promise.reject(new Error('stopped after stage 1')),
      },
    );
    await expect(failing).rejects.toThrow('stopped after stage 1');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stage 1 loss falls on the poisoned set (the reconstruction terms train)', async () => {
    const losses: number[] = [];
    const r = await trapAndReplace(
      { arch: 'mlp', poisoned, clean },
      { ...settings, stage1Epochs: 5, stage2Epochs: 1 },
      {
        onEpoch: ({ stage, meanLoss }) => {
          if (stage === 1) losses.push(meanLoss);
        },
      },
    );
    disposeParams(r.params);
    expect(losses).toHaveLength(5);
    expect(losses[4]).toBeLessThan(losses[0]);
  });
});
