import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZooEntry } from '../engine/zoo';
import type { BackendStatus } from '../protocol/messages';
import { MAX_RESTARTS, type ComputeClient } from './client';
import { fakeClient, type FakeWorker } from './test/fake-client';

const entry = { id: 'mnist-mlp-badnet' } as ZooEntry;
const files = { modelJsonUrl: 'm.json', weightsUrl: 'w.bin' };
const status: BackendStatus = { name: 'wasm', fallbackReasons: [], detail: '' };

const setup = () => fakeClient({ pingAfterMs: 1000, deadAfterMs: 5000 });

describe('ComputeClient restarts a worker that dies', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('on its error event: fails the run it owed, starts a new worker with the same init, and goes on working', () => {
    const { workers, calls, client } = setup();
    const [first] = workers;
    first.answer({ type: 'backend', status });
    const runId = client.run(entry, files, { curveEpochs: 2 });
    first.answer({
      type: 'run-event',
      requestId: runId,
      event: { type: 'progress', round: 1, stage: 1, phase: 'fitting curve', epoch: 1, epochs: 2, step: 1, totalSteps: 4 },
    });
    calls.length = 0;
    first.die();

    expect(first.terminated).toBe(true);
    expect(workers.length).toBe(2);
    const second = workers[1];
    expect(second.sent[0]).toEqual(first.sent[0]); // the same init
    expect(calls[0]).toMatch(
      new RegExp(
        `^failRun ${runId} The compute worker crashed: Uncaught RangeError: out of memory; a new one was started\\. The stages that finished stay on screen\\. false$`,
      ),
    );
    expect(calls[1]).toMatch(new RegExp(`^workerRestarted The compute worker crashed.*started\\. ${runId}$`));

    // A late answer from the dead worker is not delivered.
    first.answer({ type: 'run-done', requestId: runId, trace: {} as never });
    expect(calls.some((c) => c.startsWith('finishRun'))).toBe(false);

    // The page stays usable: the next run goes to the new worker and its answers arrive.
    second.answer({ type: 'backend', status });
    const next = client.run(entry, files, {});
    expect(second.types()).toEqual(['init', 'run']);
    second.answer({ type: 'run-failed', requestId: next, message: 'Cancelled', cancelled: true });
    expect(calls).toContain(`failRun ${next} Cancelled true`);
  });

  it('on silence while it owes an answer: pings, then restarts; an idle or answering worker is left alone', () => {
    const { workers, calls, client } = setup();
    const [first] = workers;
    first.answer({ type: 'backend', status });
    vi.advanceTimersByTime(60_000); // idle: nothing asked, nothing suspected
    expect(first.types()).toEqual(['init']);

    const runId = client.run(entry, files, {});
    vi.advanceTimersByTime(1000);
    expect(first.types()).toEqual(['init', 'run', 'ping']);
    first.answer({ type: 'pong', requestId: 99 }); // alive (a paused run, say): the silence starts again
    vi.advanceTimersByTime(1000 + 4999); // a second ping, not answered yet
    expect(first.types().filter((t) => t === 'ping').length).toBe(2);
    expect(workers.length).toBe(1);
    vi.advanceTimersByTime(1);
    expect(workers.length).toBe(2);
    expect(first.terminated).toBe(true);
    expect(calls).toContain(`failRun ${runId} The compute worker stopped answering; a new one was started. The stages that finished stay on screen. false`);
  });

  it(`stops restarting after ${MAX_RESTARTS} restarts and says so`, () => {
    const { workers, calls } = setup();
    for (let k = 0; k <= MAX_RESTARTS; k++) workers[workers.length - 1].die('boom');
    expect(workers.length).toBe(MAX_RESTARTS + 1);
    expect(calls[calls.length - 1]).toBe('setBackendError The compute worker crashed: boom; reload the page to start a new one.');
  });

  it('reads the worker memory after every run, and answers memory() from the reply', async () => {
    const { workers, calls, client } = setup();
    const [w] = workers;
    w.answer({ type: 'backend', status });
    const runId = client.run(entry, files, {});
    w.answer({ type: 'run-failed', requestId: runId, message: 'x', cancelled: false });
    const request = w.sent[w.sent.length - 1];
    expect(request.type).toBe('memory');
    const asked = client.memory();
    const ids = w.sent.filter((m) => m.type === 'memory').map((m) => (m as { requestId: number }).requestId);
    w.answer({ type: 'memory', memory: { requestId: ids[1], numTensors: 36, numBytes: 1200, backend: 'wasm' } });
    await expect(asked).resolves.toMatchObject({ numTensors: 36, numBytes: 1200 });
    expect(calls).toContain('setWorkerMemory {"requestId":' + ids[1] + ',"numTensors":36,"numBytes":1200,"backend":"wasm"}');
  });

  it('an error for a run whose backend never started fails that run', () => {
    const { workers, calls, client } = setup();
    const runId = client.run(entry, files, {});
    workers[0].answer({ type: 'error', requestId: runId, message: 'No TensorFlow.js backend could start' });
    expect(calls).toContain(`failRun ${runId} No TensorFlow.js backend could start false`);
  });

  it('passes a lost backend on to the sink and asks the evaluation it owed again', () => {
    const { workers, calls, client } = setup();
    const [w] = workers;
    client.evaluate(entry, files);
    w.answer({ type: 'backend-lost', loss: { backend: 'webgpu', message: 'unknown: GPU process gone', runId: 3 } });
    expect(calls).toContain('backendLost {"backend":"webgpu","message":"unknown: GPU process gone","runId":3}');
    const evaluations = w.sent.filter((m) => m.type === 'evaluate').map((m) => (m as { requestId: number }).requestId);
    expect(evaluations.length).toBe(2);
    expect(calls).toContain(`startEvaluation ${evaluations[1]}`);
  });

  it('asks a new worker for the evaluation the dead one owed', () => {
    const { workers, calls, client } = setup();
    client.evaluate(entry, files);
    workers[0].die();
    expect(workers[1].types()).toEqual(['init', 'evaluate']);
    expect(calls.some((c) => c.startsWith('fail '))).toBe(false);
  });
});

describe('ComputeClient previews', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Sends a preview of t after the debounce; returns its request id. */
  const previewAt = (client: ComputeClient, worker: FakeWorker, t: number) => {
    client.preview(1, 2, t);
    vi.advanceTimersByTime(60);
    const sent = worker.sent[worker.sent.length - 1];
    if (sent.type !== 'preview') throw new Error(`expected a preview request, got ${sent.type}`);
    return sent.requestId;
  };
  const failure = (requestId: number, t: number) => ({ requestId, round: 1, stage: 2, t, message: 'Failed to fetch mnist test images' });

  it('passes a failed preview on when it is the latest request, and drops a stale one', () => {
    const { workers, calls, client } = setup();
    const [w] = workers;
    const older = previewAt(client, w, 0.2);
    const latest = previewAt(client, w, 0.4);
    calls.length = 0;
    w.answer({ type: 'preview-failed', failure: failure(older, 0.2) });
    expect(calls).toEqual([]);
    w.answer({ type: 'preview-failed', failure: failure(latest, 0.4) });
    expect(calls).toEqual([`failPreview ${JSON.stringify(failure(latest, 0.4))}`]);
  });

  it('drops a failure of a preview asked before the current run', () => {
    const { workers, calls, client } = setup();
    const [w] = workers;
    const before = previewAt(client, w, 0.3);
    client.run(entry, files, {});
    calls.length = 0;
    w.answer({ type: 'preview-failed', failure: failure(before, 0.3) });
    expect(calls).toEqual([]);
  });
});

describe('ComputeClient passes on a second worker that failed', () => {
  it('delivers the reason to the sink, which keeps it on the backend status', () => {
    const { workers, calls } = setup();
    workers[0].answer({ type: 'backend', status });
    workers[0].answer({ type: 'eval-fallback', message: 'eval worker did not start' });
    expect(calls.at(-1)).toBe('setEvalFallback eval worker did not start');
  });
});
