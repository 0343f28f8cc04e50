import { describe, expect, it } from 'vitest';
import { defined } from '../engine/defined';
import type { AppState } from '../store/store';
import { createAppStore } from '../store/store';
import { showsImported } from '../store/slices/imported';
import { memoryStorage } from '../store/test/memory-storage';
import { trace } from './test/trace-fixture';
import { parseTraceFile, traceToJson } from './export-trace';

/** What the views read of a finished run (src/views/*: one selector per value); the selection is the user's, not the run's. */
const viewed = (s: AppState) => ({
  trace: s.trace,
  stages: s.stages,
  rounds: s.rounds,
  status: s.status,
  runModelId: s.runModelId,
  liveCurves: s.liveCurves,
  plane: s.plane,
  precomputed: s.precomputed,
});

describe('trace JSON export and import', () => {
  it('export → import → the store holds what the views read of the original run, labelled as imported', () => {
    const original = createAppStore(() => memoryStorage().storage);
    original.getState().startRun(7, trace.model);
    original.getState().finishRun(7, trace);
    for (const s of trace.rounds[0].stages) original.getState().applyRunEvent(7, { type: 'stage', record: s });
    original.getState().applyRunEvent(7, { type: 'round', record: trace.rounds[0] });

    const parsed = parseTraceFile(traceToJson(trace), 'run.json');
    if (!parsed.ok) throw new Error(parsed.message);
    const imported = createAppStore(() => memoryStorage().storage);
    imported.getState().importTrace(parsed.trace, 'run.json', 1234);

    expect(viewed(imported.getState())).toEqual(viewed(original.getState()));
    expect(imported.getState().selected).toEqual({ round: 1, stage: 1, layer: 0 });
    expect(imported.getState().imported).toEqual({ fileName: 'run.json', at: 1234 });
    expect(showsImported(imported.getState())).toBe(true);
    // a new run replaces it, and the label goes with it
    imported.getState().startRun(8, trace.model);
    expect(showsImported(imported.getState())).toBe(false);
  });

  it('a bad file is a one-line message naming the file and what is wrong', () => {
    const bad = (text: string) => {
      const r = parseTraceFile(text, 'x.json');
      return r.ok ? 'accepted' : r.message;
    };
    expect(bad('{')).toBe('x.json could not be imported: it is not valid JSON.');
    expect(bad('{"a":1}')).toBe('x.json could not be imported: it is not a trace exported by this page (no "version" and "rounds").');
    expect(bad(JSON.stringify({ ...trace, version: 99 }))).toBe('x.json could not be imported: it is trace version 99; this page reads version 1.');
    expect(bad(JSON.stringify({ ...trace, after: { acc: 1.5, asr: 0 } }))).toBe('x.json could not be imported: at after.acc: 1.5, expected a number ≤ 1.');
    const [round] = trace.rounds;
    const [s1, s2] = round.stages;
    const shortPerm = {
      ...s1,
      permutation: { ...defined(s1.permutation, 'fixture permutation'), layers: [{ ...defined(s1.permutation, 'fixture permutation').layers[0], perm: [0] }] },
    };
    expect(bad(JSON.stringify({ ...trace, rounds: [{ ...round, stages: [shortPerm, s2] }] }))).toBe(
      'x.json could not be imported: trace.rounds[0].stages[0].permutation.layers[0].perm has 1 values, expected 4.',
    );
  });
});
