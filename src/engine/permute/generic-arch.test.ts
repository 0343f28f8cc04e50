import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { defined } from '../defined';
import { archInfo, type ArchId } from '../model/arch';
import { DEEP_MLP, ODD_CNN, seededModel, VALID_CNN } from '../model/generic-fixtures';
import { disposeParams } from '../model/params';
import { applyPermutation, invertPermutationSet, isPermutation, randomPermutations } from './apply';
import { groupAxes, unitGroups } from './groups';
import { permuteLayers } from './permute-layers';
import { logits, maxAbsDiff, randomImages } from './testFixtures';
import { weightMatching } from './weight-matching';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const GENERIC: ArchId[] = [DEEP_MLP, VALID_CNN, ODD_CNN];

describe('unit groups derived from archInfo(arch).layers', () => {
  it('every dense or conv layer but the last is a group; its axes have size × repeat entries', () => {
    for (const arch of ['mlp', 'cnn', ...GENERIC, 'seq:c8k5v-c4k3s-d10', 'seq:d300-d10']) {
      const shapes = new Map(archInfo(arch).params.map((p) => [p.name, p.shape]));
      const groups = unitGroups(arch);
      expect(groups.length, arch).toBe(archInfo(arch).params.length / 2 - 1);
      groups.forEach((g, gi) => {
        expect(g.hiddenIndex).toBe(gi);
        const axes = groupAxes(arch)[gi];
        expect(axes.map((a) => a.role)).toEqual(['producer', 'producer', 'consumer']);
        for (const a of axes) expect(shapes.get(a.param)?.[a.axis], `${arch} ${a.param}[${a.axis}]`).toBe(g.size * a.repeat);
      });
    }
  });

  it('a conv → pools → flatten → dense consumer repeats over the flattened positions', () => {
    expect(groupAxes(VALID_CNN)[1][2]).toEqual({ param: 'fc1/kernel', axis: 0, role: 'consumer', repeat: 25 });
    expect(groupAxes(ODD_CNN)[1][2]).toEqual({ param: 'fc1/kernel', axis: 0, role: 'consumer', repeat: 9 });
    expect(groupAxes(DEEP_MLP).map((axes) => axes[2].param)).toEqual(['fc2/kernel', 'fc3/kernel', 'fc4/kernel']);
  });
});

describe('permutations on generic architectures (WASM)', () => {
  for (const arch of GENERIC) {
    it(`${arch}: π(θ) ≡ θ — random permutations keep the logits to 1e-4`, async () => {
      const theta = seededModel(arch, 5);
      const images = randomImages(32, 3);
      const before = tf.memory().numTensors;
      const perms = randomPermutations(arch, 9);
      unitGroups(arch).forEach((g, gi) => expect(isPermutation(perms[gi], g.size)).toBe(true));
      const permuted = applyPermutation(arch, theta, perms);
      const ref = await logits(arch, theta, images);
      expect(maxAbsDiff(ref, await logits(arch, permuted, images))).toBeLessThanOrEqual(1e-4);
      // and the permuted weights really differ, so the check is not vacuous
      expect(maxAbsDiff(await theta['fc1/bias'].data(), await permuted['fc1/bias'].data())).toBeGreaterThan(0);
      disposeParams(permuted);
      expect(tf.memory().numTensors).toBe(before);
      disposeParams(theta);
    });

    it(`${arch}: weight matching recovers a planted permutation`, () => {
      const theta = seededModel(arch, 31);
      const planted = randomPermutations(arch, 77);
      const b = applyPermutation(arch, theta, planted);
      const before = tf.memory().numTensors;
      const { perms } = weightMatching(arch, theta, b, 1, 'align');
      expect(tf.memory().numTensors).toBe(before);
      const expected = invertPermutationSet(planted);
      unitGroups(arch).forEach((g, gi) => expect(Array.from(perms[gi]), g.name).toEqual(Array.from(expected[gi])));
      [theta, b].forEach(disposeParams);
    });

    it(`${arch}: PERMUTELAYERS (activation matching) recovers a planted permutation`, async () => {
      const theta = seededModel(arch, 41);
      const planted = randomPermutations(arch, 13);
      const b = applyPermutation(arch, theta, planted);
      const before = tf.memory().numTensors;
      const result = await permuteLayers(arch, theta, b, randomImages(128, 4), { objective: 'align', method: 'activation' });
      expect(tf.memory().numTensors).toBe(before);
      const expected = invertPermutationSet(planted);
      // A dead unit (std 0 on these images) correlates with nothing, so any partner is optimal;
      // every live unit (self-correlation ≈ 1 with its planted twin) must be matched to that twin.
      unitGroups(arch).forEach((g, gi) => {
        const c = defined(result.layers[gi].correlation, `${g.name} correlation`);
        const live = Array.from({ length: g.size }, (_, i) => i).filter((i) => c[i * g.size + expected[gi][i]] > 0.5);
        expect(live.length, `${g.name} live units`).toBeGreaterThanOrEqual(g.size / 2);
        for (const i of live) expect(result.perms[gi][i], `${g.name} unit ${i}`).toBe(expected[gi][i]);
      });
      [theta, b].forEach(disposeParams);
    });
  }
});
