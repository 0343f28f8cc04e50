import * as tf from '@tensorflow/tfjs';
import type { ArchId } from '../model/arch';
import type { Params } from '../model/params';
import { makeRng, shuffleInPlace } from '../random';
import { applyPermutation, identityPermutations, type PermutationSet } from './apply';
import { groupAxes, unitGroups, type PermutedAxis } from './groups';
import { assignmentValue, solveLap } from './lap';

/**
 * Git Re-Basin weight matching (Ainsworth et al. 2022; docs/method.md §7, samuela/git-re-basin
 * `weight_matching`). NOT the paper's method: TSC matches activations on clean data (§1.3, §4 item 1).
 * This is the data-free alternative §7 suggests offering as a labelled option.
 *
 * Objective: Σ over all params ⟨θ_A, π(θ_B)⟩ (Frobenius inner products). 'align' maximises it,
 * 'unalign' minimises the same score.
 *
 * Coordinate descent: start from identity; each sweep visits the groups in a seeded random order;
 * for group l, with every other permutation fixed, the objective is linear in P_l:
 *   S_l[i,j] = Σ over axes permuted by l  ⟨ A's slice of unit i , π_{−l}(B)'s slice of unit j ⟩
 * (producer kernel column + bias, consumer kernel row; §7's W_l^A (W_l^B P_{l−1}ᵀ)ᵀ + b_l^A b_l^Bᵀ +
 * (W_{l+1}^A)ᵀ P_{l+1} W_{l+1}^B), solved exactly by LAP. Conv kernels contribute their whole
 * 3×3×(other channels) slice per unit, i.e. the spatial axes are flattened into the score; the
 * conv2→fc1 flatten contributes, per channel, its 49 NHWC rows (p·32 + c) of fc1/kernel.
 * Stops after a sweep with no improvement, or after 100 sweeps (§7).
 */

export type MatchObjective = 'align' | 'unalign';

export interface WeightMatchingResult {
  perms: PermutationSet;
  /** Σ over all params ⟨θ_A, π(θ_B)⟩ at the returned permutation */
  objectiveValue: number;
  /** per group Σ_i S_l[i, perm[i]] at the returned permutation (the part of the score group l touches) */
  groupScores: number[];
  /** sweeps run (the last one made no improvement unless the cap was hit) */
  sweeps: number;
}

const MAX_SWEEPS = 100;

/** [n, rest] view of a param with the unit axis first (NHWC-flatten blocks folded into `rest`). */
function unitMatrix(t: tf.Tensor, axis: PermutedAxis, n: number): tf.Tensor2D {
  const shape = t.shape;
  // Split the permuted axis into [repeat, n] so the unit index is its own axis.
  const split = [...shape.slice(0, axis.axis), axis.repeat, n, ...shape.slice(axis.axis + 1)];
  const unitAxis = axis.axis + 1;
  const order = [unitAxis, ...split.map((_, i) => i).filter((i) => i !== unitAxis)];
  return tf.reshape(tf.transpose(tf.reshape(t, split), order), [n, -1]) as tf.Tensor2D;
}

export function weightMatching(arch: ArchId, paramsA: Params, paramsB: Params, seed: number, objective: MatchObjective): WeightMatchingResult {
  if (objective !== 'align' && objective !== 'unalign') throw new RangeError(`objective must be 'align' or 'unalign', got ${String(objective)}`);
  const groups = unitGroups(arch);
  const axes = groupAxes(arch);
  const lapGoal = objective === 'align' ? 'max' : 'min';
  const rng = makeRng(`weight-matching:${seed}`);
  const identity = identityPermutations(arch);
  const perms = identityPermutations(arch);

  // A is fixed: its [n, rest] unit matrices are built once.
  const aMats = axes.map((list, g) => list.map((ax) => tf.tidy(() => unitMatrix(paramsA[ax.param], ax, groups[g].size))));

  /** S_l with every permutation except group l's applied to B (rows = A units, cols = B units). */
  const scoreMatrix = (g: number): Float32Array => {
    const s = tf.tidy(() => {
      const others = perms.map((p, k) => (k === g ? identity[k] : p));
      const permutedB = applyPermutation(arch, paramsB, others);
      let total: tf.Tensor | null = null;
      for (const [k, ax] of axes[g].entries()) {
        const b = unitMatrix(permutedB[ax.param], ax, groups[g].size);
        // Explicit transpose + plain matMul: WASM's transposeB flag is slow (model/wasm-ops.ts).
        const term = tf.matMul(aMats[g][k], tf.transpose(b) as tf.Tensor2D);
        total = total ? tf.add(total, term) : term;
      }
      if (!total) throw new Error(`weightMatching: unit group ${g} has no weight axes`);
      return total;
    });
    const values = s.dataSync() as Float32Array;
    s.dispose();
    return values;
  };

  const better = (next: number, old: number) =>
    objective === 'align' ? next > old + 1e-9 * Math.max(1, Math.abs(old)) : next < old - 1e-9 * Math.max(1, Math.abs(old));

  try {
    const order = groups.map((_, g) => g);
    let sweeps = 0;
    for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      sweeps++;
      shuffleInPlace(order, rng);
      let progress = false;
      for (const g of order) {
        const n = groups[g].size;
        const s = scoreMatrix(g);
        const oldL = assignmentValue(s, n, perms[g]);
        const candidate = solveLap(s, n, lapGoal);
        const newL = assignmentValue(s, n, candidate);
        // Keep the old permutation on ties so the descent cannot cycle between equal optima.
        if (better(newL, oldL)) {
          perms[g] = candidate;
          progress = true;
        }
      }
      if (!progress) break;
    }

    const groupScores = groups.map((g, gi) => assignmentValue(scoreMatrix(gi), g.size, perms[gi]));
    const objectiveValue = totalScore(arch, paramsA, paramsB, perms);
    return { perms, objectiveValue, groupScores, sweeps };
  } finally {
    for (const list of aMats) tf.dispose(list);
  }
}

/** Σ over all params ⟨θ_A, π(θ_B)⟩, the weight-matching objective of a permutation set. */
export function totalScore(arch: ArchId, paramsA: Params, paramsB: Params, perms: PermutationSet): number {
  const t = tf.tidy(() => {
    const permutedB = applyPermutation(arch, paramsB, perms);
    return tf.addN(Object.keys(paramsA).map((name) => tf.sum(tf.mul(paramsA[name], permutedB[name]))));
  });
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}
