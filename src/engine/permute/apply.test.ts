import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { defined } from '../defined';
import { archInfo, type ArchId } from '../model/arch';
import { disposeParams, initParams, paramsToArrays } from '../model/params';
import { applyPermutation, axisIndices, composePermutationSets, identityPermutations, invertPermutationSet, isPermutation, randomPermutations } from './apply';
import { groupAxes, unitGroups } from './groups';
import { logits, maxAbsDiff, randomImages } from './testFixtures';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const ARCH_IDS: ArchId[] = ['mlp', 'cnn'];

describe('unit groups (groups.ts)', () => {
  it('lists MLP fc1/fc2 (256 each) and CNN conv1/conv2/fc1 (16/32/128)', () => {
    expect(unitGroups('mlp').map((g) => [g.name, g.size, g.hiddenIndex])).toEqual([
      ['fc1', 256, 0],
      ['fc2', 256, 1],
    ]);
    expect(unitGroups('cnn').map((g) => [g.name, g.size, g.hiddenIndex])).toEqual([
      ['conv1', 16, 0],
      ['conv2', 32, 1],
      ['fc1', 128, 2],
    ]);
  });

  it('permutes every hidden axis exactly once and never the input pixels or logits', () => {
    for (const arch of ARCH_IDS) {
      const touched = new Set(groupAxes(arch).flatMap((axes) => axes.map((a) => `${a.param}:${a.axis}`)));
      const expected =
        arch === 'mlp'
          ? ['fc1/kernel:1', 'fc1/bias:0', 'fc2/kernel:0', 'fc2/kernel:1', 'fc2/bias:0', 'fc3/kernel:0']
          : [
              'conv1/kernel:3',
              'conv1/bias:0',
              'conv2/kernel:2',
              'conv2/kernel:3',
              'conv2/bias:0',
              'fc1/kernel:0',
              'fc1/kernel:1',
              'fc1/bias:0',
              'fc2/kernel:0',
            ];
      expect([...touched].sort()).toEqual(expected.sort());
      expect(groupAxes(arch).flat().length).toBe(expected.length);
    }
  });

  it('expands the conv2→fc1 NHWC flatten block-wise: row p·32 + i takes row p·32 + perm[i]', () => {
    const idx = axisIndices(Int32Array.from([2, 0, 1]), 2);
    expect(Array.from(idx)).toEqual([2, 0, 1, 5, 3, 4]);
  });
});

describe('applyPermutation', () => {
  for (const arch of ARCH_IDS) {
    it(`${arch}: a random permutation keeps the logits (max |Δ| ≤ 1e-4 on 64 random images)`, async () => {
      const params = initParams(arch, 21);
      // Non-zero biases so a bias that is not permuted with its units would show up.
      const biased = tf.tidy(() => {
        const out: Record<string, tf.Tensor> = {};
        for (const [k, t] of Object.entries(params)) out[k] = k.endsWith('/bias') ? tf.randomUniform(t.shape, -0.5, 0.5, 'float32', 3) : tf.clone(t);
        return out;
      });
      const images = randomImages(64, 1);
      const perms = randomPermutations(arch, 5);
      const permuted = applyPermutation(arch, biased, perms);
      const before = await logits(arch, biased, images);
      const after = await logits(arch, permuted, images);
      expect(maxAbsDiff(before, after)).toBeLessThanOrEqual(1e-4);
      // …and it really moved the weights.
      const a = await paramsToArrays(biased);
      const b = await paramsToArrays(permuted);
      for (const g of unitGroups(arch)) expect(maxAbsDiff(a[`${g.name}/bias`], b[`${g.name}/bias`])).toBeGreaterThan(0);
      // Permuting a producer without its consumer must change the logits (so this test can fail).
      const lastConsumer = defined(
        groupAxes(arch)[perms.length - 1].find((ax) => ax.role === 'consumer'),
        'a consumer axis of the last unit group',
      );
      const wrong = { ...permuted, [lastConsumer.param]: tf.reverse(permuted[lastConsumer.param], lastConsumer.axis) };
      expect(maxAbsDiff(before, await logits(arch, wrong, images))).toBeGreaterThan(1e-3);
      wrong[lastConsumer.param].dispose();
      [params, biased, permuted].forEach(disposeParams);
    });

    it(`${arch}: the inverse permutation restores the params exactly; identity is a no-op; inputs untouched`, async () => {
      const params = initParams(arch, 4);
      const original = await paramsToArrays(params);
      const perms = randomPermutations(arch, 9);
      const permuted = applyPermutation(arch, params, perms);
      const restored = applyPermutation(arch, permuted, invertPermutationSet(perms));
      const identity = applyPermutation(arch, params, identityPermutations(arch));
      const composed = applyPermutation(arch, params, composePermutationSets(perms, invertPermutationSet(perms)));
      const second = randomPermutations(arch, 10);
      const twoSteps = applyPermutation(arch, permuted, second);
      const oneStep = applyPermutation(arch, params, composePermutationSets(perms, second));
      const [r, i, c, s2, s1, after] = await Promise.all([restored, identity, composed, twoSteps, oneStep, params].map(paramsToArrays));
      // Gathers copy values, so "exactly" means bit-identical (maxAbsDiff 0; toEqual is slow on 200k floats).
      for (const p of archInfo(arch).params) {
        expect(maxAbsDiff(r[p.name], original[p.name]), `inverse ${p.name}`).toBe(0);
        expect(maxAbsDiff(i[p.name], original[p.name]), `identity ${p.name}`).toBe(0);
        expect(maxAbsDiff(c[p.name], original[p.name]), `p∘p⁻¹ ${p.name}`).toBe(0);
        expect(maxAbsDiff(s2[p.name], s1[p.name]), `compose ${p.name}`).toBe(0);
        expect(maxAbsDiff(after[p.name], original[p.name]), `input ${p.name}`).toBe(0);
        expect(permuted[p.name]).not.toBe(params[p.name]);
        expect(identity[p.name]).not.toBe(params[p.name]);
      }
      [params, permuted, restored, identity, composed, twoSteps, oneStep].forEach(disposeParams);
    });
  }

  it('rejects a non-bijection and a wrong group count', () => {
    const params = initParams('mlp', 1);
    const perms = identityPermutations('mlp');
    perms[0][3] = 4;
    expect(isPermutation(perms[0])).toBe(false);
    expect(() => applyPermutation('mlp', params, perms)).toThrow(/bijection/);
    expect(() => applyPermutation('mlp', params, identityPermutations('cnn'))).toThrow(/groups/);
    disposeParams(params);
  });

  it('leaks no tensors', () => {
    const params = initParams('cnn', 2);
    const before = tf.memory().numTensors;
    const permuted = applyPermutation('cnn', params, randomPermutations('cnn', 1));
    disposeParams(permuted);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(params);
  });
});
