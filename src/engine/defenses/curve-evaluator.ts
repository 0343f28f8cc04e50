import type { TriggerSpec } from '../attacks/types';
import { cancelPoint } from '../cancel';
import { evaluateCurveAndLine, evaluateModel, type CurvePointRecord, type EvalSet, type PointMetrics } from '../evaluate';
import type { ArchId } from '../model/arch';
import type { Params } from '../model/params';

export interface CurveAndLine {
  curve: CurvePointRecord[];
  line: CurvePointRecord[];
  /** how long the evaluation itself took, wherever it ran */
  ms: number;
}

export type TimedMetrics = PointMetrics & { ms: number };

/**
 * The measurements a TSC run reports but does not steer by: each fitted curve and the straight line
 * between its ends on the eval subset, and the ACC/ASR of each round's input, each stage's θ(t) and each
 * fine-tuned model on the test set. Only θ(t) itself feeds the next stage (src/engine/defenses/connect.ts).
 * A `background` evaluator copies the weights it is given before the call returns, so the caller may
 * dispose them and go on fitting while it runs (src/engine/node/eval-thread-pool.ts: worker threads);
 * otherwise the caller keeps them alive and awaits the result before going on (inThreadEvaluator).
 */
export interface CurveEvaluator {
  readonly background: boolean;
  evaluate(a: Params, c: Params, b: Params, points: number, signal?: AbortSignal): Promise<CurveAndLine>;
  measure(params: Params, signal?: AbortSignal): Promise<TimedMetrics>;
  /**
   * A growing curve's snapshot on the live set (EvalSetSpec.liveSamples) while it is still being fitted;
   * only background evaluators that can build that set offer it (the page's second worker), so the
   * fitting goes on while the snapshot is measured. Absent: the caller measures it in its own thread.
   */
  evaluateLive?(a: Params, c: Params, b: Params, points: number, signal?: AbortSignal): Promise<CurvePointRecord[]>;
  dispose(): void;
}

/** What a background evaluator needs to build the run's eval subset and test set itself (EvalSet.build's arguments). */
export interface EvalSetSpec {
  arch: ArchId;
  images: Float32Array;
  labels: Uint8Array;
  attack: TriggerSpec;
  target: number;
  /** images in the eval subset */
  evalSamples: number;
  /** images in the test set */
  testSamples: number;
  /** images in the live-snapshot set (RunOptions.liveEvalSamples); absent when the run takes no snapshots */
  liveSamples?: number;
}

/** The page's path: every evaluation runs on the run's own tfjs backend, between the stages. */
export function inThreadEvaluator(arch: ArchId, evalSet: EvalSet, testSet: EvalSet): CurveEvaluator {
  return {
    background: false,
    async evaluate(a, c, b, points, signal) {
      const t0 = performance.now();
      const { curve, line } = await evaluateCurveAndLine(arch, a, c, b, evalSet, points, signal);
      return { curve, line, ms: performance.now() - t0 };
    },
    async measure(params, signal) {
      await cancelPoint(signal); // evaluateModel never yields
      const t0 = performance.now();
      return { ...(await evaluateModel(arch, params, testSet)), ms: performance.now() - t0 };
    },
    dispose() {},
  };
}

/**
 * Marks a reported measurement's promise handled (the caller awaits it later, or fails first and never
 * does) and, unless the evaluator runs in the background, waits for it now, while its weights live.
 */
export async function awaitInThread(evaluator: CurveEvaluator, measurement: Promise<unknown>): Promise<void> {
  measurement.catch(() => {});
  if (!evaluator.background) await measurement;
}
