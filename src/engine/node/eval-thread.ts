import { Worker } from 'node:worker_threads';
import { PIXELS } from '../data/datasets';
import { cancelledError } from '../cancel';
import type { EvalSetSpec } from '../defenses/curve-evaluator';
import type { LossAndAccuracy, PointMetrics } from '../evaluate';
import type { ArrayParams, EvalReply, EvalRequest, EvalThreadData, TestPart } from './eval-thread-protocol';

type Ok = EvalReply & { ok: true };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * One worker thread (eval-thread.worker.ts) with its own tfjs backend and its own copy of the run's eval
 * subset and test set: in Node tfjs-wasm uses one core, so measurements sent here run on another.
 * It answers in the order sent. A failure in the thread rejects the requests it owed; `dispose` ends it.
 * src/engine/node/eval-thread-pool.ts splits each evaluation over several of these.
 */
export class EvalThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: Ok) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(spec: EvalSetSpec, backend: string) {
    // only the images the two sets read cross to the thread (EvalSet.build takes the first n)
    const evalSamples = Math.min(spec.labels.length, spec.evalSamples);
    const testSamples = Math.min(spec.labels.length, spec.testSamples);
    const n = Math.max(evalSamples, testSamples);
    const data: EvalThreadData = {
      entry: new URL('./eval-thread.worker.ts', import.meta.url).href,
      backend,
      spec: { ...spec, images: spec.images.slice(0, n * PIXELS), labels: spec.labels.slice(0, n), evalSamples, testSamples },
    };
    this.worker = new Worker(new URL('./eval-thread-boot.mjs', import.meta.url), { workerData: data });
    this.worker.on('message', (reply: EvalReply) => this.settle(reply));
    this.worker.on('error', (err) => this.fail(new Error(`the evaluation thread failed: ${err.message}`, { cause: err })));
    this.worker.on('exit', (code) => this.fail(new Error(`the evaluation thread stopped (exit code ${code})`)));
  }

  /** Points [from, to) of the curve a–c–b and its straight line (`points` grid points each); the arrays are transferred. */
  async curveShare(
    weights: { a: ArrayParams; c: ArrayParams; b: ArrayParams },
    points: number,
    from: number,
    to: number,
    signal?: AbortSignal,
  ): Promise<{ metrics: PointMetrics[]; ms: number }> {
    const reply = await this.send({ kind: 'curve', ...weights, points, from, to }, signal);
    if (reply.kind !== 'curve') throw new Error('the evaluation thread answered a curve with a model');
    return reply;
  }

  /** One model on one part of the test set; the arrays are transferred. */
  async testPart(params: ArrayParams, part: TestPart, signal?: AbortSignal): Promise<{ metrics: LossAndAccuracy; ms: number }> {
    const reply = await this.send({ kind: 'model', params, part }, signal);
    if (reply.kind !== 'model') throw new Error('the evaluation thread answered a model with a curve');
    return reply;
  }

  private send(body: WithoutId<EvalRequest>, signal?: AbortSignal): Promise<Ok> {
    if (this.failure) return Promise.reject(this.failure);
    if (signal?.aborted) return Promise.reject(cancelledError());
    const req = { ...body, id: this.nextId++ } as EvalRequest;
    const weights = req.kind === 'curve' ? [req.a, req.c, req.b] : [req.params];
    const transfer = weights.flatMap((p) => Object.values(p).map((w) => w.values.buffer as ArrayBuffer));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(req.id); // its reply, when it comes, is dropped
        reject(cancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(req.id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      this.worker.postMessage(req, transfer);
    });
  }

  dispose(): void {
    this.fail(new Error('the evaluation thread was closed'));
    void this.worker.terminate();
  }

  private settle(reply: EvalReply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply);
    else waiter.reject(Object.assign(new Error(reply.message), { name: reply.name }));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }
}
