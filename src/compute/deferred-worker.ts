import type { WorkerEvent, WorkerRequest } from '../protocol/messages';
import type { WorkerLike } from './client';

/**
 * A worker that starts later: messages wait in order until `start()` makes the real one. The page
 * starts it once the first view is drawn, because loading tfjs, starting a backend and evaluating
 * the model compete for the same (often two) cores as that first paint.
 */
export class DeferredWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  private worker: WorkerLike | null = null;
  private queue: WorkerRequest[] = [];
  private terminated = false;

  constructor(private readonly create: () => WorkerLike) {}

  get started(): boolean {
    return this.worker !== null;
  }

  postMessage(msg: WorkerRequest): void {
    if (this.worker) this.worker.postMessage(msg);
    else this.queue.push(msg);
  }

  start(): void {
    if (this.worker || this.terminated) return;
    const worker = this.create();
    worker.onmessage = (ev) => this.onmessage?.(ev);
    worker.onerror = (ev) => this.onerror?.(ev);
    this.worker = worker;
    for (const msg of this.queue) worker.postMessage(msg);
    this.queue = [];
  }

  /** Stops the worker, or keeps it from ever starting: the client replaced it (src/compute/client.ts). */
  terminate(): void {
    this.terminated = true;
    this.queue = [];
    this.worker?.terminate?.();
  }
}
