import type { ImportedModel, ImportModelUpdate } from '../protocol/import-messages';
import type { WorkerEvent } from '../protocol/messages';
import { PendingRequests } from './pending-requests';

/** Where the answers to one 'import-model' request go (src/app/user-models.ts). */
export interface ImportListener {
  progress(phase: string, done: number, total: number): void;
  done(model: ImportedModel): void;
  failed(message: string): void;
}

/**
 * The model imports the compute worker owes an answer, by request id: the client
 * (src/compute/client.ts) hands each worker event here first, and fails them all when the worker dies.
 */
export class ImportRequests extends PendingRequests<ImportListener> {
  /** Whether the event was an import's (and so delivered here). */
  override deliver(ev: WorkerEvent): boolean {
    if (ev.type !== 'import-model' && ev.type !== 'error') return false;
    const listener = this.listenerOf(ev.requestId);
    if (!listener) return false;
    if (ev.type === 'error') {
      // thrown before the handler could answer (no backend yet)
      this.settle(ev.requestId as number);
      listener.failed(ev.message);
      return true;
    }
    const update: ImportModelUpdate = ev.update;
    if (update.kind === 'progress') {
      listener.progress(update.phase, update.done, update.total);
      return true;
    }
    this.settle(ev.requestId);
    if (update.kind === 'done') listener.done(update.model);
    else listener.failed(update.message);
    return true;
  }

  /** The worker died: every import it owed fails with `message`. */
  override failAll(message: string): void {
    this.failEach((listener) => listener.failed(message));
  }
}
