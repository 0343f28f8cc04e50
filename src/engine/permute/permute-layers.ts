import type { ArchId } from '../model/arch';
import type { Params } from '../model/params';
import { countFixedPoints, type PermutationSet } from './apply';
import { activationCorrelationStats, type MatchedActivation } from './correlation';
import { unitGroups } from './groups';
import { assignmentValue, solveLap } from './lap';
import { weightMatching, type MatchObjective } from './weight-matching';

export type { MatchObjective } from './weight-matching';

/**
 * PERMUTELAYERS (TSC Algorithm 2; docs/method.md §1.3): a permutation of model B's hidden units per
 * unit group, chosen against model A.
 * - 'align'   (TSC stage 2): maximise Σ_i C[i, π(i)] — B's units moved onto their best A partners.
 * - 'unalign' (TSC stage 1, A = B = θ_in): minimise Σ_i C[i, π(i)] — every unit paired with a weakly
 *   or negatively correlated one, so π(B) computes the same function but sits far away in weight space.
 * method 'activation' is the paper's/code's method (Pearson correlation on clean data + exact LAP);
 * 'weight' is Git Re-Basin weight matching (§7), a data-free alternative that is NOT TSC's method.
 *
 * The caller forms π(B) with applyPermutation(arch, paramsB, result.perms).
 */

export type MatchMethod = 'activation' | 'weight';

export interface PermuteOptions {
  objective: MatchObjective;
  method: MatchMethod;
  /** matched activation for the correlations (default 'pre', §8) */
  activation?: MatchedActivation;
  /** seed of weight matching's random group order (default 0; the activation method is deterministic) */
  seed?: number;
  /** images per forward pass for the correlations (default 500) */
  batchSize?: number;
}

export interface LayerPermutation {
  name: string;
  size: number;
  /**
   * Row-major n×n Pearson C of A's units (rows) vs B's units (columns), B BEFORE permuting.
   * Absent only for the weight method called with no images.
   */
  correlation?: Float32Array;
  /** C[i, perm[i]] per position i (NaN when no correlation was computed) */
  matchedCorrelation: Float32Array;
  /** activation method: Σ_i C[i, perm[i]]; weight method: Σ_i S_l[i, perm[i]] (weight-matching.ts) */
  objectiveValue: number;
  /** mean of matchedCorrelation (§8 summary stat: un-align low/negative, align high) */
  meanMatched: number;
  /** number of i with perm[i] = i */
  fixedPoints: number;
}

export interface PermuteResult {
  perms: PermutationSet;
  layers: LayerPermutation[];
}

/**
 * Layers are matched front to back, as in the official code. Because each group's permutation is
 * compensated in the next layer's input axis, permuting B's earlier groups leaves B's later
 * activations unchanged, so computing every group's C once from the unpermuted B (one pass over the
 * data) gives the same permutations as re-running B after each layer (§1.3 "Order").
 */
export async function permuteLayers(arch: ArchId, paramsA: Params, paramsB: Params, images: Float32Array, opts: PermuteOptions): Promise<PermuteResult> {
  const { objective, method } = opts;
  if (objective !== 'align' && objective !== 'unalign') throw new RangeError(`objective must be 'align' or 'unalign', got ${String(objective)}`);
  if (method !== 'activation' && method !== 'weight') throw new RangeError(`method must be 'activation' or 'weight', got ${String(method)}`);
  const groups = unitGroups(arch);
  const haveImages = images.length > 0;
  if (method === 'activation' && !haveImages) throw new RangeError('the activation method needs at least one image');

  const stats = haveImages
    ? await activationCorrelationStats(arch, paramsA, paramsB, images, { batchSize: opts.batchSize, activation: opts.activation })
    : null;

  let perms: PermutationSet;
  let objectiveValues: number[];
  if (method === 'activation') {
    if (!stats) throw new Error('permuteLayers: the activation method has no correlation statistics');
    const goal = objective === 'align' ? 'max' : 'min';
    perms = groups.map((g, gi) => solveLap(stats[gi].correlation, g.size, goal));
    objectiveValues = groups.map((g, gi) => assignmentValue(stats[gi].correlation, g.size, perms[gi]));
  } else {
    const wm = weightMatching(arch, paramsA, paramsB, opts.seed ?? 0, objective);
    perms = wm.perms;
    objectiveValues = wm.groupScores;
  }

  const layers = groups.map((g, gi): LayerPermutation => {
    const perm = perms[gi];
    const correlation = stats?.[gi].correlation;
    const matchedCorrelation = new Float32Array(g.size);
    let sum = 0;
    for (let i = 0; i < g.size; i++) {
      matchedCorrelation[i] = correlation ? correlation[i * g.size + perm[i]] : NaN;
      sum += matchedCorrelation[i];
    }
    return {
      name: g.name,
      size: g.size,
      correlation,
      matchedCorrelation,
      objectiveValue: objectiveValues[gi],
      meanMatched: sum / g.size,
      fixedPoints: countFixedPoints(perm),
    };
  });
  return { perms, layers };
}
