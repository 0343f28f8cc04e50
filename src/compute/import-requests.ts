import type { ImportedModel, ImportModelUpdate } from '../protocol/import-messages';
import type { WorkerEvent } from '../protocol/messages';

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
export class ImportRequests {
  private readonly listeners = new Map<number, ImportListener>();

  get size(): number {
    return this.listeners.size;
  }

  add(requestId: number, listener: ImportListener): void {
    this.listeners.set(requestId, listener);
  }

  /** Whether the event was an import's (and so delivered here). */
  deliver(ev: WorkerEvent): boolean {
    if (ev.type !== 'import-model' && ev.type !== 'error') return false;
    const listener = ev.requestId === undefined ? undefined : this.listeners.get(ev.requestId);
    if (!listener) return false;
    if (ev.type === 'error') {
      // thrown before the handler could answer (no backend yet)
      this.listeners.delete(ev.requestId as number);
      listener.failed(ev.message);
      return true;
    }
    const update: ImportModelUpdate = ev.update;
    if (update.kind === 'progress') {
      listener.progress(update.phase, update.done, update.total);
      return true;
    }
    this.listeners.delete(ev.requestId);
    if (update.kind === 'done') listener.done(update.model);
    else listener.failed(update.message);
    return true;
  }

  /** The worker died: every import it owed fails with `message`. */
  failAll(message: string): void {
    const owed = [...this.listeners.values()];
    this.listeners.clear();
    for (const listener of owed) listener.failed(message);
  }
}
