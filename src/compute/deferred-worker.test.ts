import { describe, expect, it } from 'vitest';
import type { WorkerEvent, WorkerRequest } from '../protocol/messages';
import type { WorkerLike } from './client';
import { DeferredWorker } from './deferred-worker';

function fakeWorker() {
  const sent: WorkerRequest[] = [];
  const worker: WorkerLike = { postMessage: (m) => sent.push(m), onmessage: null, onerror: null };
  return { worker, sent };
}

describe('DeferredWorker', () => {
  it('keeps messages in order until started, then passes them and every later one straight through', () => {
    const fake = fakeWorker();
    let created = 0;
    const deferred = new DeferredWorker(() => (created++, fake.worker));
    deferred.postMessage({ type: 'cancel', requestId: 1 });
    deferred.postMessage({ type: 'cancel', requestId: 2 });
    expect([created, fake.sent.length, deferred.started]).toEqual([0, 0, false]);
    deferred.start();
    deferred.start(); // once only
    deferred.postMessage({ type: 'cancel', requestId: 3 });
    expect(created).toBe(1);
    expect(fake.sent.map((m) => ('requestId' in m ? m.requestId : -1))).toEqual([1, 2, 3]);
  });

  it("hands the real worker's answers and errors to its own handlers, set before or after start", () => {
    const fake = fakeWorker();
    const deferred = new DeferredWorker(() => fake.worker);
    const got: string[] = [];
    deferred.onmessage = (ev) => got.push(ev.data.type);
    deferred.start();
    deferred.onerror = (ev) => got.push(`error ${ev.message}`);
    fake.worker.onmessage?.({ data: { type: 'error', message: 'x' } as WorkerEvent } as MessageEvent<WorkerEvent>);
    fake.worker.onerror?.({ message: 'boom' } as ErrorEvent);
    expect(got).toEqual(['error', 'error boom']);
  });
});
