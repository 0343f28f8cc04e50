import type { BackendName, BackendStatus, WorkerEvent } from '../protocol/messages';
import { fallBackFrom } from './backend-recovery';
import { watchDeviceLoss, type DeviceLossInfo } from './device-loss';
import type { StartResult } from './start-backend';

/**
 * The compute worker's backend over the worker's life: chosen once by `init`, watched for a lost
 * WebGPU device, and replaced by the next backend when that happens. Requests await `ready`.
 */
export class BackendKeeper {
  /** resolves once a backend is usable; null before `init` */
  ready: Promise<void> | null = null;
  /** set once a backend was lost: what the readbacks that then reject with no message meant */
  lostMessage: string | null = null;
  private stopWatching = () => {};

  constructor(
    private readonly post: (e: WorkerEvent) => void,
    /** stops what runs on the lost backend; returns the id of the run it interrupted, if any */
    private readonly interrupt: (why: string) => number | null,
    /** startBackend in the worker; Node tests start backends their own way */
    private readonly startBackend: (name: BackendName, threads?: number) => Promise<StartResult>,
  ) {}

  start(select: () => Promise<BackendStatus>): Promise<void> {
    this.ready = select().then((status) => this.use(status));
    return this.ready;
  }

  private use(status: BackendStatus): void {
    this.post({ type: 'backend', status });
    this.stopWatching();
    this.stopWatching = watchDeviceLoss((info) => this.lost(status, info));
  }

  /**
   * The device is gone: the run on it stops at its next cancel point (its tensors are freed as it
   * unwinds; freeing on a lost device is harmless), the page hears why, and the next backend starts.
   */
  private lost(status: BackendStatus, info: DeviceLossInfo): void {
    const said = [info.reason, info.message].filter(Boolean).join(': ');
    const why = `device lost (${said})`;
    this.lostMessage = `the ${status.name} device was lost (${said})`;
    const runId = this.interrupt(`Stopped: ${this.lostMessage}. The stages that finished stay on screen.`);
    this.post({ type: 'backend-lost', loss: { backend: status.name, message: said, runId } });
    this.ready = fallBackFrom(status, why, this.startBackend).then((next) => this.use(next));
    this.ready.catch((err: Error) => this.post({ type: 'error', message: err.message }));
  }
}
