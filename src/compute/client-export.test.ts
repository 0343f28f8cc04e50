import { describe, expect, it } from 'vitest';
import type { ModelExport } from '../protocol/messages';
import { fakeClient } from './test/fake-client';

const files = (requestId: number): ModelExport => ({
  requestId,
  modelJson: { modelTopology: {}, weightsManifest: [{ paths: ['w.bin'], weights: [] }] },
  weights: new Uint8Array([1, 2]),
  weightsFileName: 'w.bin',
});

describe('ComputeClient.exportModel', () => {
  it('resolves with the worker’s files, and rejects with its error without a notice to the evaluation', async () => {
    const {
      workers: [worker],
      calls,
      client,
    } = fakeClient();
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
    expect(calls.filter((c) => c.startsWith('fail '))).toEqual([]);
  });
});
