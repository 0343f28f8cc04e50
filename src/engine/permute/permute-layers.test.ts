import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PIXELS } from '../data/datasets';
import { defined } from '../defined';
import { disposeParams, initParams } from '../model/params';
import { applyPermutation, invertPermutationSet, isPermutation, randomPermutations } from './apply';
import { unitGroups } from './groups';
import { permuteLayers } from './permute-layers';
import { cleanTestImages, loadZooParams, logits, maxAbsDiff, randomImages, zooEntries } from './testFixtures';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const entries = zooEntries();

describe('permuteLayers over the whole zoo (models/manifest.json)', () => {
  for (const entry of entries) {
    it(`${entry.id}: un-align then align back keep the logits (≤ 1e-4 on 256 test images); perms are bijections`, async () => {
      const theta = loadZooParams(entry);
      const matchImages = await cleanTestImages(entry.dataset, 512);
      const evalImages = matchImages.slice(0, 256 * PIXELS);
      const ref = await logits(entry.arch, theta, evalImages);

      // Stage 1 (§1.2 step 1): un-align a copy of θ against θ.
      const un = await permuteLayers(entry.arch, theta, theta, matchImages, { objective: 'unalign', method: 'activation' });
      unitGroups(entry.arch).forEach((g, gi) => expect(isPermutation(un.perms[gi], g.size), `unalign ${g.name}`).toBe(true));
      const thetaB = applyPermutation(entry.arch, theta, un.perms);
      expect(maxAbsDiff(ref, await logits(entry.arch, thetaB, evalImages))).toBeLessThanOrEqual(1e-4);

      // Stage 2 (§1.2 step 4): align π(θ) back toward θ.
      const al = await permuteLayers(entry.arch, theta, thetaB, matchImages, { objective: 'align', method: 'activation' });
      unitGroups(entry.arch).forEach((g, gi) => expect(isPermutation(al.perms[gi], g.size), `align ${g.name}`).toBe(true));
      const back = applyPermutation(entry.arch, thetaB, al.perms);
      expect(maxAbsDiff(ref, await logits(entry.arch, back, evalImages))).toBeLessThanOrEqual(1e-4);
      al.layers.forEach((l, gi) => expect(l.meanMatched, l.name).toBeGreaterThan(un.layers[gi].meanMatched));

      [theta, thetaB, back].forEach(disposeParams);
    });
  }
});

describe('permuteLayers on an MLP zoo model', () => {
  const entry = defined(
    entries.find((e) => e.arch === 'mlp'),
    'an MLP in the zoo manifest',
  );

  it(`${entry.id}: un-align leaves ≤ 1% of units in place and matches weakly; align of θ with itself is the identity with mean C ≈ 1`, async () => {
    const theta = loadZooParams(entry);
    const images = await cleanTestImages(entry.dataset, 512);
    const un = await permuteLayers('mlp', theta, theta, images, { objective: 'unalign', method: 'activation' });
    const al = await permuteLayers('mlp', theta, theta, images, { objective: 'align', method: 'activation' });
    for (const [gi, layer] of un.layers.entries()) {
      expect(layer.size).toBe(256);
      expect(layer.fixedPoints, layer.name).toBeLessThanOrEqual(2);
      const correlation = defined(layer.correlation, `${layer.name} correlation`);
      expect(correlation.length).toBe(256 * 256);
      expect(layer.matchedCorrelation[0]).toBe(correlation[un.perms[gi][0]]);
      expect(layer.objectiveValue).toBeCloseTo(
        layer.matchedCorrelation.reduce((a, c) => a + c, 0),
        2,
      );
      expect(layer.meanMatched).toBeLessThan(0);
      const aligned = al.layers[gi];
      expect(aligned.fixedPoints).toBe(256);
      expect(aligned.meanMatched).toBeGreaterThan(0.999);
      expect(layer.objectiveValue).toBeLessThan(aligned.objectiveValue);
    }
    disposeParams(theta);
  });

  for (const method of ['activation', 'weight'] as const) {
    it(`${entry.id}: align of θ with a randomly permuted copy recovers the exact inverse permutation (${method})`, async () => {
      const theta = loadZooParams(entry);
      const images = await cleanTestImages(entry.dataset, 512);
      const planted = randomPermutations('mlp', 123);
      const copy = applyPermutation('mlp', theta, planted);
      const result = await permuteLayers('mlp', theta, copy, images, { objective: 'align', method, seed: 4 });
      const inverse = invertPermutationSet(planted);
      unitGroups('mlp').forEach((g, gi) => expect(Array.from(result.perms[gi]), g.name).toEqual(Array.from(inverse[gi])));
      for (const layer of result.layers) expect(layer.meanMatched).toBeGreaterThan(0.999);
      [theta, copy].forEach(disposeParams);
    });
  }
});

describe('permuteLayers', () => {
  it('leaks no tensors (permuteLayers + applyPermutation, both methods, both archs)', async () => {
    for (const arch of ['mlp', 'cnn'] as const) {
      const A = initParams(arch, 1);
      const B = initParams(arch, 2);
      const images = randomImages(20, 1);
      const before = tf.memory().numTensors;
      for (const method of ['activation', 'weight'] as const) {
        const r = await permuteLayers(arch, A, B, images, { objective: 'unalign', method, batchSize: 8 });
        disposeParams(applyPermutation(arch, B, r.perms));
      }
      expect(tf.memory().numTensors, arch).toBe(before);
      [A, B].forEach(disposeParams);
    }
  });

  it('weight method: per-layer objective is the weight score; correlation still reported when images are given', async () => {
    const A = initParams('cnn', 1);
    const images = randomImages(4, 1);
    const r = await permuteLayers('cnn', A, A, images, { objective: 'unalign', method: 'weight' });
    for (const l of r.layers) {
      expect(l.correlation).toBeDefined();
      expect(Number.isFinite(l.objectiveValue)).toBe(true);
    }
    const noData = await permuteLayers('cnn', A, A, new Float32Array(0), { objective: 'align', method: 'weight' });
    expect(noData.layers[0].correlation).toBeUndefined();
    expect(noData.layers[0].fixedPoints).toBe(16);
    await expect(permuteLayers('cnn', A, A, new Float32Array(0), { objective: 'align', method: 'activation' })).rejects.toThrow(/image/);
    disposeParams(A);
  });
});
