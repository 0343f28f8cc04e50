import type { AttackSpec } from '../attacks/types';
import { evaluateCurveAndLine, type CurvePointRecord, type EvalSet } from '../evaluate';
import type { ArchId } from '../model/arch';
import type { Params } from '../model/params';

export interface CurveAndLine {
  curve: CurvePointRecord[];
  line: CurvePointRecord[];
  /** how long the evaluation itself took, wherever it ran */
  ms: number;
}

/**
 * Measures a fitted curve and the straight line between its ends on the eval subset: reporting work
 * that the next stage does not wait for (only θ(t) feeds it, src/engine/defenses/connect.ts).
 * A `background` evaluator copies a, c and b before `evaluate` returns, so the caller may dispose
 * them and go on fitting while it runs (src/engine/node/eval-thread.ts: a worker thread);
 * otherwise the caller keeps them alive and awaits the result before going on (inThreadEvaluator).
 */
export interface CurveEvaluator {
  readonly background: boolean;
  evaluate(a: Params, c: Params, b: Params, points: number, signal?: AbortSignal): Promise<CurveAndLine>;
  dispose(): void;
}

/** What a background evaluator needs to build the same eval subset as the run (EvalSet.build's arguments). */
export interface EvalSetSpec {
  arch: ArchId;
  images: Float32Array;
  labels: Uint8Array;
  attack: AttackSpec;
  target: number;
  maxSamples: number;
}

/** Today's path: the evaluation runs on the run's own tfjs backend, between the stages. */
export function inThreadEvaluator(arch: ArchId, set: EvalSet): CurveEvaluator {
  return {
    background: false,
    async evaluate(a, c, b, points, signal) {
      const t0 = performance.now();
      const { curve, line } = await evaluateCurveAndLine(arch, a, c, b, set, points, signal);
      return { curve, line, ms: performance.now() - t0 };
    },
    dispose() {},
  };
}
