import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomPatchSpec } from '../engine/attacks/types';
import type { Trace } from '../engine/trace';
import { parseHistoryRun, toStoredHistoryRun } from './run-history';
import { parseStoredRun, toStoredRun } from './stored-run';
import { parseTracePack } from './trace-pack';

// A real trace (the pack the engine tests verify), given the trigger a run records (src/engine/run-defense.ts).
const pack = parseTracePack(readFileSync(join(import.meta.dirname, '../engine/trace-pack/fixtures/mnist-cnn-badnet.tsc.json'), 'utf8'));
if (!pack.ok) throw new Error(pack.message);
const patch: CustomPatchSpec = {
  kind: 'custom-patch',
  pattern: Array.from({ length: 784 }, (_, i) => (i % 3) / 2),
  mask: Array.from({ length: 784 }, (_, i) => (i < 28 * 4 ? 1 : 0)),
  x: 2,
  y: -1,
};
const withTrigger = (spec: unknown, target: number): Trace => ({ ...pack.pack.trace, trigger: { spec, target } as Trace['trigger'] });
const stored = (trace: Trace) => structuredClone(toStoredRun({ savedAt: 1, modelId: trace.model, trace }));
const history = (trace: Trace) => structuredClone(toStoredHistoryRun({ id: 'k', name: 'n', savedAt: 1, modelId: trace.model, trace }));

describe('a trace records the trigger its ASR was measured with', () => {
  it('a described patch (2 × 784 numbers) and its target survive the stored-run and history schemas', () => {
    const trace = withTrigger(patch, 7);
    const kept = parseStoredRun(stored(trace));
    expect(kept.ok && kept.run?.trace.trigger).toEqual({ spec: patch, target: 7 });
    const listed = parseHistoryRun('k', history(trace));
    expect(listed.ok && listed.run.trace.trigger).toEqual({ spec: patch, target: 7 });
  });

  it('a trace from before the trigger was recorded still reads', () => {
    const kept = parseStoredRun(stored(pack.pack.trace));
    expect(kept.ok && kept.run?.trace.trigger).toBeUndefined();
  });

  it('a patch of the wrong size is refused with the trigger schema’s words', () => {
    const kept = parseStoredRun(stored(withTrigger({ ...patch, mask: patch.mask.slice(1) }, 7)));
    expect(kept).toEqual({
      ok: false,
      message:
        'The run saved on your last visit could not be read (at trace.trigger.spec: {"kind":"custom-patch","pattern":[0,0.5…, ' +
        'expected a valid trigger (trigger mask is a list of 783 values, expected 784 numbers from 0 to 1 (28×28, row by row))) and was discarded.',
    });
  });

  it('a target outside 0–9 is refused', () => {
    const listed = parseHistoryRun('k', history(withTrigger(patch, 10)));
    expect(listed).toEqual({ ok: false, message: expect.stringContaining('trace.trigger.target') });
  });
});
