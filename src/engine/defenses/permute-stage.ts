import { cancelPoint } from '../cancel';
import { disposeParams, type Params } from '../model/params';
import { applyPermutation } from '../permute/apply';
import { permuteLayers, type PermuteResult } from '../permute/permute-layers';
import type { LayerPermutationRecord, PermutationRecord } from '../trace';
import { maxLogitDifference, type DefenseContext } from './context';

/** Correlation matrices larger than this are block-averaged in the trace; every zoo layer (≤ 256 units) stays exact. */
export const MAX_TRACE_CORR = 256;

export function downsampleSquare(matrix: Float32Array, n: number, maxSize: number): { values: number[]; size: number } {
  if (n <= maxSize) return { values: Array.from(matrix), size: n };
  const f = Math.ceil(n / maxSize);
  const size = Math.ceil(n / f);
  const sums = new Float64Array(size * size);
  const counts = new Float64Array(size * size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const k = Math.floor(i / f) * size + Math.floor(j / f);
      sums[k] += matrix[i * n + j];
      counts[k]++;
    }
  }
  return { values: Array.from(sums, (s, k) => s / counts[k]), size };
}

function toRecord(result: PermuteResult, objective: 'align' | 'unalign', method: 'activation' | 'weight', maxLogitDiff: number): PermutationRecord {
  const layers: LayerPermutationRecord[] = result.layers.map((layer, g) => {
    const corr = layer.correlation ? downsampleSquare(layer.correlation, layer.size, MAX_TRACE_CORR) : null;
    return {
      name: layer.name,
      size: layer.size,
      perm: Array.from(result.perms[g]),
      correlation: corr?.values ?? null,
      corrSize: corr?.size ?? 0,
      matchedCorrelation: Array.from(layer.matchedCorrelation),
      objectiveValue: layer.objectiveValue,
      meanMatched: layer.meanMatched,
      fixedPoints: layer.fixedPoints,
    };
  });
  return { objective, method, layers, maxLogitDiff };
}

/**
 * PERMUTELAYERS (docs/method.md §1.3) for one stage: permutes `b` towards (align) or away from
 * (un-align) `a`, and checks on test images that π(b) is still the same function as b.
 */
export async function permuteForStage(
  ctx: DefenseContext,
  a: Params,
  b: Params,
  objective: 'align' | 'unalign',
  seed: number,
): Promise<{ permuted: Params; record: PermutationRecord; ms: number }> {
  await cancelPoint(ctx.signal);
  const t0 = performance.now();
  const result = await permuteLayers(ctx.arch, a, b, ctx.cleanImages, {
    objective,
    method: ctx.settings.permutationMethod,
    activation: ctx.settings.matchActivation,
    seed,
  });
  const permuted = applyPermutation(ctx.arch, b, result.perms);
  const ms = performance.now() - t0;
  let diff: number;
  try {
    diff = await maxLogitDifference(ctx, b, permuted);
  } catch (err) {
    disposeParams(permuted);
    throw err;
  }
  return { permuted, record: toRecord(result, objective, ctx.settings.permutationMethod, diff), ms };
}
