import * as tf from '@tensorflow/tfjs';
import type { CurveEvaluator, EvalSetSpec } from '../engine/defenses/curve-evaluator';
import { SecondWorkerEvaluator, type EvalPort } from './eval-worker-client';

/**
 * Whether a run's evaluations go to a second worker (eval-worker.ts): on WASM in a cross-origin isolated
 * page. The compute worker's WASM threads help little at TSC's fitting batch of 64, so the second core
 * does more measuring the last stage in parallel. WebGPU and WebGL keep evaluating in-thread: their
 * work is on one GPU either way. Shown on the backend chip (src/views/backend-label.ts).
 */
export const evaluatesOnSecondWorker = (backend: string, crossOriginIsolated: boolean): boolean => backend === 'wasm' && crossOriginIsolated;

/** Threads the evaluation worker's WASM backend computes on: its own core, beside the fitting worker's. */
const EVAL_WORKER_THREADS = 1;

/** A port that fails as a Worker whose script cannot load does, for when `new Worker` itself throws. */
function deadPort(why: string): EvalPort {
  const port: EvalPort = {
    onmessage: null,
    onerror: null,
    postMessage: () => queueMicrotask(() => port.onerror?.({ message: why })),
    terminate: () => {},
  };
  return port;
}

/**
 * RunOptions.curveEvaluator for this run (src/worker/run-session.ts), or undefined for in-thread
 * evaluation. `onFallback` hears why the second worker could not be used; the run then evaluates in-thread.
 */
export function secondWorkerEvaluators(onFallback: (why: string) => void): ((spec: EvalSetSpec) => CurveEvaluator) | undefined {
  if (!evaluatesOnSecondWorker(tf.getBackend(), globalThis.crossOriginIsolated === true) || typeof Worker === 'undefined') return undefined;
  return (spec) => {
    let port: EvalPort;
    try {
      port = new Worker(new URL('./eval-worker.ts', import.meta.url), { type: 'module', name: 'tsc-eval' }) as unknown as EvalPort;
    } catch (err) {
      port = deadPort((err as Error)?.message ?? String(err));
    }
    return new SecondWorkerEvaluator(port, spec, 'wasm', EVAL_WORKER_THREADS, (why) =>
      onFallback(`evaluation worker unavailable (${why}): evaluating in the compute worker`),
    );
  };
}
