/*
 * The evaluation thread: its own tfjs backend and its own copy of the run's eval subset and test set;
 * measures each curve and straight line, or model, it is sent, one at a time, in the order sent (eval-thread.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { EvalSet, evaluateCurveAndLine, evaluateModel } from '../evaluate';
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
      if (req.kind === 'model')
        return { id: req.id, ok: true, kind: 'model', metrics: await evaluateModel(spec.arch, models[0], testSet), ms: performance.now() - t0 };
      const { curve, line } = await evaluateCurveAndLine(spec.arch, models[0], models[1], models[2], evalSet, req.points);
      return { id: req.id, ok: true, kind: 'curve', curve, line, ms: performance.now() - t0 };
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
