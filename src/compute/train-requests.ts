import type { TrainedModel, TrainEpoch, TrainStep, WorkerEvent } from '../protocol/messages';

/** Where the answers to one 'train-model' request go (src/app/train-model.ts hands them to the store). */
export interface TrainListener {
  progress(phase: string, epoch?: TrainEpoch, step?: TrainStep): void;
  done(model: TrainedModel): void;
  failed(message: string, cancelled: boolean): void;
}

/**
 * The trainings the compute worker owes an answer, by request id: the client (src/compute/client.ts)
 * hands each worker event here first, and fails them all when the worker dies.
 */
export class TrainRequests {
  private readonly listeners = new Map<number, TrainListener>();

  get size(): number {
    return this.listeners.size;
  }

  add(requestId: number, listener: TrainListener): void {
    this.listeners.set(requestId, listener);
  }

  /** Whether the event was a training's (and so delivered here). */
  deliver(ev: WorkerEvent): boolean {
    if (ev.type !== 'train-progress' && ev.type !== 'train-done' && ev.type !== 'train-failed' && ev.type !== 'error') return false;
    const listener = ev.requestId === undefined ? undefined : this.listeners.get(ev.requestId);
    if (!listener) return false;
    if (ev.type === 'train-progress') {
      listener.progress(ev.phase, ev.epoch, ev.step);
      return true;
    }
    this.listeners.delete(ev.requestId as number);
    if (ev.type === 'train-done') listener.done(ev.model);
    else if (ev.type === 'train-failed') listener.failed(ev.message, ev.cancelled);
    // an 'error' with a training's id: thrown before the handler could answer (no backend)
    else listener.failed(ev.message, false);
    return true;
  }

  /** The worker died: every training it owed fails with `message`. */
  failAll(message: string): void {
    const owed = [...this.listeners.values()];
    this.listeners.clear();
    for (const listener of owed) listener.failed(message, false);
  }
}
