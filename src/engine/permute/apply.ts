import * as tf from '@tensorflow/tfjs';
import type { ArchId } from '../model/arch';
import type { Params } from '../model/params';
import { makeRng, permutationOf } from '../random';
import { groupAxes, unitGroups, type PermutedAxis } from './groups';

/**
 * One permutation per unit group, in unitGroups(arch) order. perm[i] = index of the OLD unit that
 * moves to position i (so new unit i = old unit perm[i]). This is exactly what solveLap returns for
 * a correlation matrix with rows = units of model A and columns = units of model B: applying it to B
 * puts B's best partner of A's unit i at position i (docs/method.md §1.3).
 */
export type PermutationSet = Int32Array[];

/** Throws unless `perms` has one bijection of the right size per group of `arch`. */
export function checkPermutationSet(arch: ArchId, perms: PermutationSet): void {
  const groups = unitGroups(arch);
  if (perms.length !== groups.length) throw new RangeError(`${arch} has ${groups.length} unit groups, got ${perms.length} permutations`);
  groups.forEach((g, gi) => {
    if (!isPermutation(perms[gi], g.size)) throw new RangeError(`permutation for ${g.name} is not a bijection of 0..${g.size - 1}`);
  });
}

/** True iff perm contains each of 0..n−1 exactly once. */
export function isPermutation(perm: ArrayLike<number>, n = perm.length): boolean {
  if (perm.length !== n) return false;
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = perm[i];
    if (!Number.isInteger(p) || p < 0 || p >= n || seen[p]) return false;
    seen[p] = 1;
  }
  return true;
}

export function identityPermutation(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

export function identityPermutations(arch: ArchId): PermutationSet {
  return unitGroups(arch).map((g) => identityPermutation(g.size));
}

/** Seeded uniformly random permutation set (tests, demos). */
export function randomPermutations(arch: ArchId, seed: number | string): PermutationSet {
  const rng = makeRng(`perm:${seed}`);
  return unitGroups(arch).map((g) => permutationOf(g.size, rng));
}

/** inv with inv[perm[i]] = i: applyPermutation(applyPermutation(θ, p), inv(p)) = θ. */
export function invertPermutation(perm: ArrayLike<number>): Int32Array {
  const inv = new Int32Array(perm.length);
  for (let i = 0; i < perm.length; i++) inv[perm[i]] = i;
  return inv;
}

/**
 * r[i] = first[second[i]]: applying `first`, then `second`, equals applying r
 * (new unit i of the second step = unit second[i] after the first = original unit first[second[i]]).
 */
export function composePermutations(first: ArrayLike<number>, second: ArrayLike<number>): Int32Array {
  if (first.length !== second.length) throw new RangeError('composePermutations: length mismatch');
  const r = new Int32Array(first.length);
  for (let i = 0; i < first.length; i++) r[i] = first[second[i]];
  return r;
}

export function invertPermutationSet(perms: PermutationSet): PermutationSet {
  return perms.map((p) => invertPermutation(p));
}

export function composePermutationSets(first: PermutationSet, second: PermutationSet): PermutationSet {
  if (first.length !== second.length) throw new RangeError('composePermutationSets: group count mismatch');
  return first.map((p, g) => composePermutations(p, second[g]));
}

/** Number of units left in place (perm[i] = i), one of §8's per-layer summary stats. */
export function countFixedPoints(perm: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < perm.length; i++) if (perm[i] === i) n++;
  return n;
}

/** Gather indices along an axis permuted by `perm`, expanded block-wise for the NHWC flatten (groups.ts). */
export function axisIndices(perm: ArrayLike<number>, repeat: number): Int32Array {
  const n = perm.length;
  const idx = new Int32Array(n * repeat);
  for (let p = 0; p < repeat; p++) for (let i = 0; i < n; i++) idx[p * n + i] = p * n + perm[i];
  return idx;
}

/**
 * π(θ): reorders every producer out-axis and consumer in-axis of every group (docs/method.md §1.3, §8).
 * Returns NEW tensors (params not touched by any group are clones); the caller owns and disposes
 * them. The result computes the same function as `params` up to float rounding.
 */
export function applyPermutation(arch: ArchId, params: Params, perms: PermutationSet): Params {
  checkPermutationSet(arch, perms);
  const byParam = new Map<string, { axis: PermutedAxis; perm: Int32Array }[]>();
  groupAxes(arch).forEach((axes, g) => {
    for (const axis of axes) {
      const list = byParam.get(axis.param) ?? [];
      list.push({ axis, perm: perms[g] });
      byParam.set(axis.param, list);
    }
  });
  return tf.tidy(() => {
    const out: Params = {};
    for (const [name, t] of Object.entries(params)) {
      let x: tf.Tensor = t;
      for (const { axis, perm } of byParam.get(name) ?? []) {
        x = tf.gather(x, tf.tensor1d(axisIndices(perm, axis.repeat), 'int32'), axis.axis);
      }
      // tidy keeps the returned tensors; a clone keeps even untouched params independent of the input.
      out[name] = x === t ? tf.clone(t) : x;
    }
    return out;
  }) as Params;
}
