import { curveGrid, type CurvePointRecord } from '../evaluate';
import type { CurveAndLine, CurveEvaluator, EvalSetSpec, TimedMetrics } from '../defenses/curve-evaluator';
import type { Params } from '../model/params';
import type { ArrayParams } from './eval-thread-protocol';
import { EvalThread } from './eval-thread';

/** A copy of `params` as plain arrays, read now (the caller may dispose them as soon as this returns). */
function toArrays(params: Params): ArrayParams {
  return Object.fromEntries(Object.entries(params).map(([name, t]) => [name, { values: new Float32Array(t.dataSync()), shape: t.shape.slice() }]));
}

/** `n` copies of the same named weights, the first being `weights` itself: each thread is handed (transferred) its own. */
function copiesFor<K extends string>(n: number, weights: Record<K, ArrayParams>): Record<K, ArrayParams>[] {
  const copy = (arrays: ArrayParams): ArrayParams =>
    Object.fromEntries(Object.entries(arrays).map(([name, { values, shape }]) => [name, { values: values.slice(), shape }]));
  const again = () => Object.fromEntries(Object.entries<ArrayParams>(weights).map(([k, v]) => [k, copy(v)])) as Record<K, ArrayParams>;
  return [weights, ...Array.from({ length: n - 1 }, again)];
}

/** `n` contiguous [from, to) ranges covering 0..total, as equal as can be (the first ones one longer). */
export function shares(total: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0, from = 0; i < n && from < total; i++) {
    const to = from + Math.floor(total / n) + (i < total % n ? 1 : 0);
    out.push([from, to]);
    from = to;
  }
  return out;
}

/**
 * A background CurveEvaluator on `threads` worker threads (eval-thread.ts). Each curve-and-line
 * evaluation is split over the threads by its points (with 2 threads: the curve on one, the straight
 * line on the other), and each model's test-set ACC/ASR by the test set's halves (clean images,
 * triggered images). So while no stage is being fitted, as at the end of a run, evaluation keeps every
 * core busy instead of one. Every point is measured by the same engine function on the same backend
 * and images as in-thread: the same numbers (src/engine/node/eval-thread.test.ts). `ms` is the
 * threads' time summed: the work the evaluation took, not its wall time.
 */
export class EvalPool implements CurveEvaluator {
  readonly background = true;
  private readonly threads: EvalThread[];

  constructor(spec: EvalSetSpec, backend: string, threads: number) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`an evaluation pool needs 1 or more threads; got ${threads}`);
    this.threads = Array.from({ length: threads }, () => new EvalThread(spec, backend));
  }

  async evaluate(a: Params, c: Params, b: Params, points: number, signal?: AbortSignal): Promise<CurveAndLine> {
    const ranges = shares(2 * points, this.threads.length);
    // every copy is made before the first is transferred (a transferred buffer reads as empty)
    const weights = copiesFor(ranges.length, { a: toArrays(a), c: toArrays(c), b: toArrays(b) });
    const parts = ranges.map(([from, to], i) => this.threads[i].curveShare(weights[i], points, from, to, signal));
    const done = await Promise.all(parts);
    const metrics = done.flatMap((d) => d.metrics);
    const withT = (offset: number): CurvePointRecord[] => curveGrid(points).map((t, i) => ({ t, ...metrics[offset + i] }));
    return { curve: withT(0), line: withT(points), ms: done.reduce((sum, d) => sum + d.ms, 0) };
  }

  async measure(params: Params, signal?: AbortSignal): Promise<TimedMetrics> {
    const [first, second] = copiesFor(2, { params: toArrays(params) });
    const other = this.threads[1 % this.threads.length];
    const [clean, poisoned] = await Promise.all([this.threads[0].testPart(first.params, 'clean', signal), other.testPart(second.params, 'poisoned', signal)]);
    return {
      cleanLoss: clean.metrics.loss,
      poisonedLoss: poisoned.metrics.loss,
      acc: clean.metrics.accuracy,
      asr: poisoned.metrics.accuracy,
      ms: clean.ms + poisoned.ms,
    };
  }

  dispose(): void {
    for (const thread of this.threads) thread.dispose();
  }
}

/** RunOptions.curveEvaluator for Node: a pool of `threads` evaluation threads per run, on the run's backend. */
export const evalPool =
  (backend: string, threads: number) =>
  (spec: EvalSetSpec): CurveEvaluator =>
    new EvalPool(spec, backend, threads);
