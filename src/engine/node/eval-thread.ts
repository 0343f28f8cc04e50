import { Worker } from 'node:worker_threads';
import { PIXELS } from '../data/datasets';
import { cancelledError } from '../cancel';
import type { CurveAndLine, CurveEvaluator, EvalSetSpec, TimedMetrics } from '../defenses/curve-evaluator';
import type { Params } from '../model/params';
import type { ArrayParams, EvalReply, EvalRequest, EvalThreadData } from './eval-thread-protocol';

/** A copy of `params` that can cross to a thread, read now (the caller may dispose them as soon as this returns). */
function toArrays(params: Params): ArrayParams {
  return Object.fromEntries(Object.entries(params).map(([name, t]) => [name, { values: new Float32Array(t.dataSync()), shape: t.shape.slice() }]));
}

/**
 * A CurveEvaluator on a worker thread (eval-thread.worker.ts) with its own tfjs backend: in Node,
 * tfjs-wasm uses one core, so the curve and line of one TSC stage, and the test-set ACC/ASR of the
 * models the run reports, are measured on a second core while the next stage's curve is fitted. Same engine function on the same backend and the same images:
 * the same numbers as in-thread evaluation (src/engine/node/eval-thread.test.ts).
 * A failure in the thread rejects the evaluations it owed; `dispose` ends the thread.
 */
export class EvalThread implements CurveEvaluator {
  readonly background = true;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: EvalReply & { ok: true }) => void; reject: (e: Error) => void }>();
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

  async evaluate(a: Params, c: Params, b: Params, points: number, signal?: AbortSignal): Promise<CurveAndLine> {
    const reply = await this.send({ id: this.nextId++, kind: 'curve', a: toArrays(a), c: toArrays(c), b: toArrays(b), points }, signal);
    if (reply.kind !== 'curve') throw new Error('the evaluation thread answered a curve with a model');
    return { curve: reply.curve, line: reply.line, ms: reply.ms };
  }

  async measure(params: Params, signal?: AbortSignal): Promise<TimedMetrics> {
    const reply = await this.send({ id: this.nextId++, kind: 'model', params: toArrays(params) }, signal);
    if (reply.kind !== 'model') throw new Error('the evaluation thread answered a model with a curve');
    return { ...reply.metrics, ms: reply.ms };
  }

  /** Posts `req` (its weights were read when it was built, before any await); settles with the thread's reply. */
  private send(req: EvalRequest, signal?: AbortSignal): Promise<EvalReply & { ok: true }> {
    if (this.failure) return Promise.reject(this.failure);
    if (signal?.aborted) return Promise.reject(cancelledError());
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

/** RunOptions.curveEvaluator for Node: one evaluation thread per run, on the run's backend. */
export const evalThread =
  (backend: string) =>
  (spec: EvalSetSpec): CurveEvaluator =>
    new EvalThread(spec, backend);
