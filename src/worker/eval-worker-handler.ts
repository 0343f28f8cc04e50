import * as tf from '@tensorflow/tfjs';
import type { EvalSetSpec } from '../engine/defenses/curve-evaluator';
import { EvalSet, evaluateCurve, evaluateCurveAndLine, evaluateModel } from '../engine/evaluate';
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
  /** the live-snapshot set: built as src/engine/run-defense.ts builds it (the eval subset itself unless smaller) */
  private readonly liveSet: EvalSet | null;

  constructor(private readonly spec: EvalSetSpec) {
    const build = (n: number) => EvalSet.build(spec.images, spec.labels, spec.attack, spec.target, n);
    this.evalSet = build(spec.evalSamples);
    this.testSet = build(spec.testSamples);
    const live = spec.liveSamples;
    this.liveSet = live === undefined ? null : live < this.evalSet.clean.count ? build(live) : this.evalSet;
  }

  async handle(work: EvalWork): Promise<EvalResult> {
    const models = (work.kind === 'model' ? [work.params] : [work.a, work.c, work.b]).map(toParams);
    try {
      const t0 = performance.now();
      if (work.kind === 'model') return { kind: 'model', metrics: await evaluateModel(this.spec.arch, models[0], this.testSet), ms: performance.now() - t0 };
      const [a, c, b] = models;
      if (work.kind === 'live') {
        if (!this.liveSet) throw new Error('this run takes no live snapshots (its EvalSetSpec has no liveSamples)');
        return { kind: 'live', curve: await evaluateCurve(this.spec.arch, a, c, b, this.liveSet, work.points), ms: performance.now() - t0 };
      }
      const { curve, line } = await evaluateCurveAndLine(this.spec.arch, a, c, b, this.evalSet, work.points);
      return { kind: 'curve', curve, line, ms: performance.now() - t0 };
    } finally {
      models.forEach(disposeParams);
    }
  }

  dispose(): void {
    if (this.liveSet !== this.evalSet) this.liveSet?.dispose();
    this.evalSet.dispose();
    this.testSet.dispose();
  }
}
