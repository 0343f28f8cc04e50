/** How long a silent worker is given (src/compute/client.ts). */
export interface WatchdogTimes {
  /** silence, while the client waits for an answer, before it asks whether the worker is alive */
  pingAfterMs: number;
  /** silence after that question before the worker counts as dead */
  deadAfterMs: number;
}

/**
 * Generous: the worker answers a ping at its next cancel point (between training steps and between
 * evaluations, src/engine/cancel.ts), but one evaluation pass is synchronous and can take tens of
 * seconds on the CPU backend, and WebGL compiles its shaders on the worker's thread.
 */
export const WATCHDOG_TIMES: WatchdogTimes = { pingAfterMs: 20_000, deadAfterMs: 120_000 };

/**
 * Notices a worker that stopped answering. While the client waits for something, silence longer
 * than pingAfterMs sends a ping; no word at all for deadAfterMs after it calls `onDead`. An idle
 * worker (nothing asked) is never suspected. Any message from the worker counts as an answer.
 */
export class Watchdog {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ping: () => void,
    private readonly onDead: () => void,
    private readonly times: WatchdogTimes = WATCHDOG_TIMES,
  ) {}

  /** The worker said something: the silence starts again, if the client still waits. */
  heard(waiting: boolean): void {
    this.stop();
    if (waiting) this.expect();
  }

  /** The client asked for something: start timing the silence, unless it already is. */
  expect(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.ping();
      this.timer = setTimeout(() => {
        this.timer = null;
        this.onDead();
      }, this.times.deadAfterMs);
    }, this.times.pingAfterMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
