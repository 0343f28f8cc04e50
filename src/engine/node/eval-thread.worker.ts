/*
 * An evaluation thread: its own tfjs backend and its own copy of the run's eval subset and test set;
 * measures each share of a curve and straight line, or part of a model's test set, it is sent, one at a
 * time, in the order sent (eval-thread.ts, eval-thread-pool.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { bezierWeights } from '../bezier';
import { curveGrid, EvalSet, lossAndAccuracy } from '../evaluate';
import { evaluateMixtures } from '../mixture-eval';
import { disposeParams, type Params } from '../model/params';
import type { ArrayParams, EvalReply, EvalRequest, EvalThreadData } from './eval-thread-protocol';
import { initNodeBackend } from './tf-backend';

const { backend, spec } = workerData as EvalThreadData;
const port = parentPort;
if (!port) throw new Error('eval-thread.worker.ts runs only as a worker thread');

const ready = (async () => {
  await initNodeBackend(backend === 'cpu' ? 'cpu' : 'wasm');
  const build = (n: number) => EvalSet.build(spec.images, spec.labels, spec.attack, spec.target, n);
  const evalSet = build(spec.evalSamples);
  return { evalSet, testSet: spec.testSamples === spec.evalSamples ? evalSet : build(spec.testSamples) };
})();
ready.catch(() => {}); // reported with each request

const toParams = (arrays: ArrayParams): Params =>
  Object.fromEntries(Object.entries(arrays).map(([name, { values, shape }]) => [name, tf.tensor(values, shape, 'float32')]));

async function measure(req: EvalRequest): Promise<EvalReply> {
  try {
    const { evalSet, testSet } = await ready;
    const models: Params[] = [];
    try {
      for (const arrays of req.kind === 'curve' ? [req.a, req.c, req.b] : [req.params]) models.push(toParams(arrays));
      const t0 = performance.now();
      if (req.kind === 'model') {
        const metrics = await lossAndAccuracy(spec.arch, models[0], req.part === 'clean' ? testSet.clean : testSet.poisoned);
        return { id: req.id, ok: true, kind: 'model', metrics, ms: performance.now() - t0 };
      }
      // evaluateCurveAndLine's basis and point list (the curve's, then the line's): each point's numbers do not
      // depend on the other points in the call, so a share gives the same numbers (eval-thread.test.ts)
      const ts = curveGrid(req.points);
      const weights = [...ts.map(bezierWeights), ...ts.map((t) => [1 - t, 0, t])].slice(req.from, req.to);
      const metrics = await evaluateMixtures(spec.arch, models, weights, evalSet);
      return { id: req.id, ok: true, kind: 'curve', metrics, ms: performance.now() - t0 };
    } finally {
      models.forEach(disposeParams);
    }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { id: req.id, ok: false, name: e.name, message: e.message };
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (req: EvalRequest) => {
  queue = queue.then(async () => port.postMessage(await measure(req)));
});
