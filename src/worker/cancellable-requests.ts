/**
 * Worker requests in flight that a 'cancel' with their id aborts: the frame that the page's training
 * (src/worker/train-model.ts) and Trap and Replace (src/worker/trap-replace-run.ts) share. A request's
 * work gets the signal; when it throws, its failure says 'Cancelled' for a cancel, else the error.
 */
export class CancellableRequests {
  private readonly running = new Map<number, AbortController>();

  /** Aborts the request with this id; false when there is none here (the id may be another kind of request's). */
  cancel(requestId: number): boolean {
    const controller = this.running.get(requestId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Runs `work` with a signal that cancel(requestId) aborts; if it throws, `fail` answers with the message and whether a cancel caused it. */
  async serve(requestId: number, work: (signal: AbortSignal) => Promise<void>, fail: (message: string, cancelled: boolean) => void): Promise<void> {
    const controller = new AbortController();
    this.running.set(requestId, controller);
    try {
      await work(controller.signal);
    } catch (err) {
      const cancelled = err instanceof DOMException && err.name === 'AbortError';
      fail(cancelled ? 'Cancelled' : (err as Error)?.message || String(err), cancelled);
    } finally {
      this.running.delete(requestId);
    }
  }
}
