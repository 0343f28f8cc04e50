import { describe, expect, it } from 'vitest';
import type { ComputeSink, ModelExport, WorkerEvent, WorkerRequest } from '../protocol/messages';
import { ComputeClient, type WorkerLike } from './client';

/** A worker that records requests and answers when told to. */
class FakeWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  sent: WorkerRequest[] = [];
  postMessage(msg: WorkerRequest): void {
    this.sent.push(msg);
  }
  answer(ev: WorkerEvent): void {
    this.onmessage?.({ data: ev } as MessageEvent<WorkerEvent>);
  }
}

/** A sink that records the names of the calls it gets. */
function recordingSink(calls: string[]): ComputeSink {
  return new Proxy({} as ComputeSink, { get: (_, name) => () => calls.push(String(name)) });
}

const files = (requestId: number): ModelExport => ({
  requestId,
  modelJson: { modelTopology: {}, weightsManifest: [{ paths: ['w.bin'], weights: [] }] },
  weights: new Uint8Array([1, 2]),
  weightsFileName: 'w.bin',
});

describe('ComputeClient.exportModel', () => {
  it('resolves with the worker’s files, and rejects with its error without a notice to the evaluation', async () => {
    const worker = new FakeWorker();
    const calls: string[] = [];
    const client = new ComputeClient(worker, recordingSink(calls), 'auto', 'http://x/data/', { watchdog: { pingAfterMs: 1e6, deadAfterMs: 1e6 } });
    const first = client.exportModel('w.bin');
    const request = worker.sent.at(-1);
    expect(request).toMatchObject({ type: 'export-model', weightsFileName: 'w.bin' });
    const id = (request as { requestId: number }).requestId;
    worker.answer({ type: 'model-export', result: files(id) });
    expect((await first).weights).toEqual(new Uint8Array([1, 2]));

    const second = client.exportModel('w.bin');
    const id2 = (worker.sent.at(-1) as { requestId: number }).requestId;
    worker.answer({ type: 'error', requestId: id2, message: 'No purified model in this session' });
    await expect(second).rejects.toThrow('No purified model in this session');
    expect(calls).not.toContain('fail');
  });
});
