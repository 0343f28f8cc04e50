import { cancelledError } from './sgd';

export type CheckpointKind = 'epoch' | 'stage';

/**
 * Pause / resume / step-one-stage for a long run. The run awaits `checkpoint` after every epoch
 * and after every stage; a requested pause takes effect at the next one. `step` lets the run go
 * until the end of the current stage and pauses it there. Cancelling (the signal) ends a pause.
 */
export class PauseGate {
  private pauseRequested = false;
  private stepping = false;
  private release: (() => void) | null = null;

  /** `onPause(true)` when the run actually stops at a checkpoint, `onPause(false)` when it goes on */
  constructor(public onPause: (paused: boolean, at: CheckpointKind) => void = () => {}) {}

  get paused(): boolean {
    return this.release !== null;
  }

  pause(): void {
    this.pauseRequested = true;
    this.stepping = false;
  }

  resume(): void {
    this.pauseRequested = false;
    this.stepping = false;
    this.release?.();
  }

  /** run on to the end of the current stage, then pause */
  step(): void {
    this.pauseRequested = false;
    this.stepping = true;
    this.release?.();
  }

  async checkpoint(at: CheckpointKind, signal?: AbortSignal): Promise<void> {
    if (at === 'stage' && this.stepping) {
      this.stepping = false;
      this.pauseRequested = true;
    }
    if (!this.pauseRequested) return;
    this.pauseRequested = false;
    await new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelledError());
      const onAbort = () => {
        this.release = null;
        reject(cancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.release = () => {
        this.release = null;
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.onPause(true, at);
    });
    this.onPause(false, at);
  }
}
