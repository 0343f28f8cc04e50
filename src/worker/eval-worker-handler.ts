import * as tf from '@tensorflow/tfjs';
import type { EvalSetSpec } from '../engine/defenses/curve-evaluator';
import { EvalSet, evaluateCurveAndLine, evaluateModel } from '../engine/evaluate';
import { disposeParams, type Params } from '../engine/model/params';
import type { ArrayParams, EvalResult, EvalWork } from './eval-worker-protocol';

const toParams = (arrays: ArrayParams): Params =>
  Object.fromEntries(Object.entries(arrays).map(([name, { values, shape }]) => [name, tf.tensor(values, shape, 'float32')]));

/**
 * The run's eval subset and test set on this thread's tfjs backend, and the measurements made on them:
 * the engine functions inThreadEvaluator calls (src/engine/defenses/curve-evaluator.ts) on the same
 * images, so the same numbers. Runs in the evaluation worker (eval-worker.ts), or in the compute worker
 * itself when that worker cannot start (eval-worker-client.ts).
 */
export class EvalWorkHandler {
  private readonly evalSet: EvalSet;
  private readonly testSet: EvalSet;

  constructor(private readonly spec: EvalSetSpec) {
    const build = (n: number) => EvalSet.build(spec.images, spec.labels, spec.attack, spec.target, n);
    this.evalSet = build(spec.evalSamples);
    this.testSet = build(spec.testSamples);
  }

  async handle(work: EvalWork): Promise<EvalResult> {
    const models = (work.kind === 'curve' ? [work.a, work.c, work.b] : [work.params]).map(toParams);
    try {
      const t0 = performance.now();
      if (work.kind === 'model') return { kind: 'model', metrics: await evaluateModel(this.spec.arch, models[0], this.testSet), ms: performance.now() - t0 };
      const [a, c, b] = models;
      const { curve, line } = await evaluateCurveAndLine(this.spec.arch, a, c, b, this.evalSet, work.points);
      return { kind: 'curve', curve, line, ms: performance.now() - t0 };
    } finally {
      models.forEach(disposeParams);
    }
  }

  dispose(): void {
    this.evalSet.dispose();
    this.testSet.dispose();
  }
}
