import type { TrainedModel, TrainEpoch, TrainStep, WorkerEvent } from '../protocol/messages';
import { PendingRequests } from './pending-requests';

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
export class TrainRequests extends PendingRequests<TrainListener> {
  /** Whether the event was a training's (and so delivered here). */
  override deliver(ev: WorkerEvent): boolean {
    if (ev.type !== 'train-progress' && ev.type !== 'train-done' && ev.type !== 'train-failed' && ev.type !== 'error') return false;
    const listener = this.listenerOf(ev.requestId);
    if (!listener) return false;
    if (ev.type === 'train-progress') {
      listener.progress(ev.phase, ev.epoch, ev.step);
      return true;
    }
    this.settle(ev.requestId as number);
    if (ev.type === 'train-done') listener.done(ev.model);
    else if (ev.type === 'train-failed') listener.failed(ev.message, ev.cancelled);
    // an 'error' with a training's id: thrown before the handler could answer (no backend)
    else listener.failed(ev.message, false);
    return true;
  }

  /** The worker died: every training it owed fails with `message`. */
  override failAll(message: string): void {
    this.failEach((listener) => listener.failed(message, false));
  }
}
