import { describe, expect, it } from 'vitest';
import { TRAP_REPLACE_DEFAULTS } from '../engine/defenses/trap-replace-settings';
import type { ZooEntry } from '../engine/zoo';
import type { TrapReplaceOutcome } from '../protocol/messages';
import { fakeClient } from './test/fake-client';

const entry = { id: 'mnist-mlp-badnet', arch: 'mlp', dataset: 'mnist' } as ZooEntry;

describe('ComputeClient.trapReplace', () => {
  it('sends the entry and settings, routes progress, the result and a failure to the sink, and cancels by its id', () => {
    const { workers, calls: sinkCalls, client } = fakeClient();
    const [worker] = workers;
    sinkCalls.length = 0;
    const id = client.trapReplace(entry, TRAP_REPLACE_DEFAULTS);
    expect(worker.sent.at(-1)).toEqual({ type: 'trap-replace', requestId: id, entry, settings: TRAP_REPLACE_DEFAULTS });
    expect(sinkCalls).toEqual([`startTrapReplace ${id} mnist-mlp-badnet`]);

    const progress = { kind: 'training', stage: 1, epoch: 1, epochs: 4, done: 3, total: 9, seconds: 1 } as const;
    worker.answer({ type: 'trap-replace-progress', requestId: id, progress });
    expect(sinkCalls.at(-1)).toBe(`setTrapReplaceProgress ${id} ${JSON.stringify(progress)}`);
    client.cancel(id);
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', requestId: id });
    worker.answer({ type: 'trap-replace-failed', requestId: id, message: 'Cancelled', cancelled: true });
    expect(sinkCalls.at(-1)).toBe(`failTrapReplace ${id} Cancelled true`);
    // the worker's memory is read after it, as after a run
    expect(worker.sent.at(-1)?.type).toBe('memory');

    const again = client.trapReplace(entry, TRAP_REPLACE_DEFAULTS);
    const result: TrapReplaceOutcome = {
      requestId: again,
      modelId: entry.id,
      acc: 0.9,
      asr: 0.1,
      cleanCount: 10,
      poisonedCount: 9,
      seconds: 2,
      settings: TRAP_REPLACE_DEFAULTS,
      backend: 'wasm',
    };
    worker.answer({ type: 'trap-replace-done', result });
    expect(sinkCalls.at(-1)).toBe(`finishTrapReplace ${JSON.stringify(result)}`);
  });

  it('a worker that crashes mid-run fails it with the reason (and only the one still owed)', () => {
    const { workers, calls: sinkCalls, client } = fakeClient();
    const done = client.trapReplace(entry, TRAP_REPLACE_DEFAULTS);
    workers[0].answer({ type: 'trap-replace-failed', requestId: done, message: 'x', cancelled: false });
    const id = client.trapReplace(entry, TRAP_REPLACE_DEFAULTS);
    sinkCalls.length = 0;
    workers[0].die('boom');
    const failed = sinkCalls.filter((c) => c.startsWith('failTrapReplace '));
    expect(failed).toEqual([`failTrapReplace ${id} The compute worker crashed: boom; a new one was started. false`]);
  });
});
