import { cancelledError } from '../engine/cancel';
import type { CurveAndLine, CurveEvaluator, EvalSetSpec, TimedMetrics } from '../engine/defenses/curve-evaluator';
import type { CurvePointRecord } from '../engine/evaluate';
import type { Params } from '../engine/model/params';
import type { BackendName } from '../protocol/messages';
import { EvalWorkHandler } from './eval-worker-handler';
import type { ArrayParams, EvalResult, EvalWork, EvalWorkerReply, EvalWorkerRequest } from './eval-worker-protocol';

/** The part of a Worker the client uses (a fake in eval-worker.test.ts). */
export interface EvalPort {
  postMessage(msg: EvalWorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: { data: EvalWorkerReply }) => void) | null;
  onerror: ((ev: { message?: string }) => void) | null;
}

/** How long the evaluation worker may take to load, start its backend and build its eval sets before the run gives up on it. */
export const START_TIMEOUT_MS = 30_000;

/** A copy of `params` as plain arrays, read now (the caller may dispose them as soon as this returns). */
function toArrays(params: Params): ArrayParams {
  return Object.fromEntries(Object.entries(params).map(([name, t]) => [name, { values: new Float32Array(t.dataSync()), shape: t.shape.slice() }]));
}

const buffersOf = (work: EvalWork) =>
  (work.kind === 'model' ? [work.params] : [work.a, work.c, work.b]).flatMap((p) => Object.values(p).map((w) => w.values.buffer as ArrayBuffer));

interface Waiter {
  resolve: (r: EvalResult) => void;
  reject: (e: Error) => void;
}

/**
 * A background CurveEvaluator on a second Web Worker (eval-worker.ts) with its own tfjs backend: the
 * weights are copied to arrays when a call is made and transferred, so the compute worker fits the next
 * stage while the last one is measured. If that worker cannot start (or does not within
 * START_TIMEOUT_MS), `onFallback` is told why and the same measurements run in this thread on the
 * run's backend (EvalWorkHandler either way: the same numbers). A worker that fails after it started
 * fails the run with its message; an aborted call rejects with an AbortError at once.
 */
export class SecondWorkerEvaluator implements CurveEvaluator {
  readonly background = true;
  private readonly pending = new Map<number, Waiter>();
  private nextId = 1;
  private failure: Error | null = null;
  private fallback: EvalWorkHandler | null = null;
  private closed = false;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private startSettled = () => {};
  /** resolves once the worker has started, or this thread has taken over */
  private readonly started: Promise<void>;

  constructor(
    private readonly port: EvalPort,
    private readonly spec: EvalSetSpec,
    backend: BackendName,
    threads: number | undefined,
    private readonly onFallback: (why: string) => void,
    startTimeoutMs = START_TIMEOUT_MS,
  ) {
    this.started = new Promise<void>((resolve) => {
      this.startSettled = resolve;
      const giveUp = (why: string) => {
        clearTimeout(this.startTimer);
        this.port.onmessage = null;
        this.port.onerror = null;
        this.port.terminate();
        if (!this.closed) {
          this.fallback = new EvalWorkHandler(this.spec);
          this.onFallback(why);
        }
        resolve();
      };
      this.startTimer = setTimeout(() => giveUp(`it did not start within ${startTimeoutMs / 1000} s`), startTimeoutMs);
      port.onerror = (ev) => giveUp(ev.message || 'its script failed to load');
      port.onmessage = ({ data }) => {
        if (data.type !== 'started') return;
        if (!data.ok) return giveUp(data.reason);
        clearTimeout(this.startTimer);
        port.onmessage = ({ data: reply }) => this.settle(reply);
        port.onerror = (ev) => this.fail(new Error(`the evaluation worker failed: ${ev.message || 'unknown error'}`));
        resolve();
      };
    });
    port.postMessage({ type: 'start', backend, threads, spec });
  }

  async evaluate(a: Params, c: Params, b: Params, points: number, signal?: AbortSignal): Promise<CurveAndLine> {
    const result = await this.submit({ kind: 'curve', a: toArrays(a), c: toArrays(c), b: toArrays(b), points }, signal);
    if (result.kind !== 'curve') throw new Error('the evaluation worker answered a curve with a model');
    return { curve: result.curve, line: result.line, ms: result.ms };
  }

  async evaluateLive(a: Params, c: Params, b: Params, points: number, signal?: AbortSignal): Promise<CurvePointRecord[]> {
    // the copies are made before the first await: the caller goes on fitting (and changing c) at once
    const work: EvalWork = { kind: 'live', a: toArrays(a), c: toArrays(c), b: toArrays(b), points };
    const result = await this.submit(work, signal);
    if (result.kind !== 'live') throw new Error(`the evaluation worker answered a live snapshot with a ${result.kind}`);
    return result.curve;
  }

  async measure(params: Params, signal?: AbortSignal): Promise<TimedMetrics> {
    const result = await this.submit({ kind: 'model', params: toArrays(params) }, signal);
    if (result.kind !== 'model') throw new Error('the evaluation worker answered a model with a curve');
    return { ...result.metrics, ms: result.ms };
  }

  /** Whether the measurements run on the second worker (false once this thread has taken over). */
  async onSecondWorker(): Promise<boolean> {
    await this.started;
    return this.fallback === null;
  }

  private async submit(work: EvalWork, signal?: AbortSignal): Promise<EvalResult> {
    await this.started;
    if (this.failure) throw this.failure;
    if (signal?.aborted) throw cancelledError();
    if (this.fallback) return this.fallback.handle(work);
    const id = this.nextId++;
    return new Promise<EvalResult>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id); // its reply, when it comes, is dropped
        this.port.postMessage({ type: 'drop', id });
        reject(cancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, { resolve: (r) => (done(), resolve(r)), reject: (e) => (done(), reject(e)) });
      this.port.postMessage({ type: 'work', id, ...work }, buffersOf(work));
    });
  }

  private settle(reply: EvalWorkerReply): void {
    if (reply.type !== 'result') return;
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(Object.assign(new Error(reply.message), { name: reply.name }));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }

  dispose(): void {
    this.closed = true;
    clearTimeout(this.startTimer);
    this.fail(new Error('the evaluation worker was closed'));
    this.port.terminate();
    this.fallback?.dispose();
    this.fallback = null;
    this.startSettled(); // calls waiting for the start go on to the failure
  }
}
