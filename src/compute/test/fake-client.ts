import type { ComputeSink, WorkerEvent, WorkerRequest } from '../../protocol/messages';
import { ComputeClient, type WorkerLike } from '../client';

/** A worker that records what it is sent and can answer, throw an `error` event, or be terminated. */
export class FakeWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  sent: WorkerRequest[] = [];
  terminated = false;
  postMessage(msg: WorkerRequest): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(ev: WorkerEvent): void {
    this.onmessage?.({ data: ev } as MessageEvent<WorkerEvent>);
  }
  die(message = 'Uncaught RangeError: out of memory'): void {
    this.onerror?.({ message } as ErrorEvent);
  }
  types(): string[] {
    return this.sent.map((m) => m.type);
  }
}

/** Every sink call, as "method arg arg…" (objects as JSON). */
export function recordingSink(): { sink: ComputeSink; calls: string[] } {
  const calls: string[] = [];
  const sink = new Proxy({} as ComputeSink, {
    get:
      (_, name) =>
      (...args: unknown[]) =>
        calls.push([String(name), ...args.map((a) => (typeof a === 'object' ? JSON.stringify(a) : String(a)))].join(' ')),
  });
  return { sink, calls };
}

/** Watchdog times no test reaches: the worker is never pinged. */
const NEVER = { pingAfterMs: 1e6, deadAfterMs: 1e6 };

/** A client on a fake worker and a recording sink; a worker that dies is replaced by the next one in `workers`. */
export function fakeClient(watchdog = NEVER) {
  const workers: FakeWorker[] = [new FakeWorker()];
  const { sink, calls } = recordingSink();
  const client = new ComputeClient(workers[0], sink, 'auto', 'http://x/data/', {
    respawn: () => {
      workers.push(new FakeWorker());
      return workers[workers.length - 1];
    },
    watchdog,
  });
  return { workers, calls, client, sink };
}
