import type { WorkerEvent } from '../protocol/messages';

/**
 * The listeners of the requests the compute worker still owes an answer, by request id: what
 * ImportRequests (src/compute/import-requests.ts) and TrainRequests (src/compute/train-requests.ts)
 * share. Each of them adds how its own events reach a listener, and how a dead worker fails one.
 */
export abstract class PendingRequests<Listener> {
  private readonly listeners = new Map<number, Listener>();

  get size(): number {
    return this.listeners.size;
  }

  add(requestId: number, listener: Listener): void {
    this.listeners.set(requestId, listener);
  }

  /** Whether the event was one of these requests' (and so delivered here). */
  abstract deliver(ev: WorkerEvent): boolean;

  /** The worker died: every request it owed fails with `message`. */
  abstract failAll(message: string): void;

  /** The listener of a request still owed, or undefined (an id of no such request, or none). */
  protected listenerOf(requestId: number | undefined): Listener | undefined {
    return requestId === undefined ? undefined : this.listeners.get(requestId);
  }

  /** The request is answered for good: its listener hears no more. */
  protected settle(requestId: number): void {
    this.listeners.delete(requestId);
  }

  /** Forgets every request owed, then tells each listener with `fail`. */
  protected failEach(fail: (listener: Listener) => void): void {
    const owed = [...this.listeners.values()];
    this.listeners.clear();
    for (const listener of owed) fail(listener);
  }
}
