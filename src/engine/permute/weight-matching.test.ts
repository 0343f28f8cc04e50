import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { defined } from '../defined';
import type { ArchId } from '../model/arch';
import { disposeParams, initParams } from '../model/params';
import { applyPermutation, identityPermutations, invertPermutationSet, isPermutation, randomPermutations } from './apply';
import { unitGroups } from './groups';
import { totalScore, weightMatching } from './weight-matching';
import { loadZooParams, zooEntries } from './testFixtures';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('weightMatching (Git Re-Basin, docs/method.md §7; not TSC’s method)', () => {
  for (const arch of ['mlp', 'cnn'] as ArchId[]) {
    it(`${arch}: recovers a planted permutation of random-init params (align)`, () => {
      const theta = initParams(arch, 31);
      const planted = randomPermutations(arch, 77);
      const B = applyPermutation(arch, theta, planted);
      const { perms, objectiveValue, sweeps } = weightMatching(arch, theta, B, 1, 'align');
      const expected = invertPermutationSet(planted);
      unitGroups(arch).forEach((g, gi) => expect(Array.from(perms[gi]), g.name).toEqual(Array.from(expected[gi])));
      // At the optimum π(B) = θ, so the score is ‖θ‖²; identity scores lower.
      const best = totalScore(arch, theta, theta, identityPermutations(arch));
      expect(Math.abs(objectiveValue - best)).toBeLessThanOrEqual(1e-6 * best);
      expect(objectiveValue).toBeGreaterThan(totalScore(arch, theta, B, identityPermutations(arch)));
      expect(sweeps).toBeGreaterThanOrEqual(2); // one improving sweep + one that confirms convergence
      [theta, B].forEach(disposeParams);
    });
  }

  it('un-align of a zoo MLP with itself: valid bijections, score below align (= identity), deterministic in the seed', () => {
    const entry = defined(
      zooEntries().find((e) => e.arch === 'mlp'),
      'an MLP in the zoo manifest',
    );
    const theta = loadZooParams(entry);
    const un = weightMatching('mlp', theta, theta, 3, 'unalign');
    const again = weightMatching('mlp', theta, theta, 3, 'unalign');
    const al = weightMatching('mlp', theta, theta, 3, 'align');
    unitGroups('mlp').forEach((g, gi) => {
      expect(isPermutation(un.perms[gi], g.size)).toBe(true);
      expect(Array.from(again.perms[gi])).toEqual(Array.from(un.perms[gi]));
      expect(Array.from(al.perms[gi])).toEqual(Array.from(identityPermutations('mlp')[gi])); // θ vs itself: identity is optimal
    });
    expect(un.objectiveValue).toBeLessThan(al.objectiveValue);
    expect(un.objectiveValue).toBe(totalScore('mlp', theta, theta, un.perms));
    expect(un.sweeps).toBeLessThanOrEqual(100);
    disposeParams(theta);
  });

  it('leaks no tensors', () => {
    const A = initParams('cnn', 1);
    const B = initParams('cnn', 2);
    const before = tf.memory().numTensors;
    weightMatching('cnn', A, B, 0, 'unalign');
    expect(tf.memory().numTensors).toBe(before);
    [A, B].forEach(disposeParams);
  });
});
