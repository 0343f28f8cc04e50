import { beforeEach, describe, expect, it } from 'vitest';
import { RUN_SETTINGS_FIELDS } from '../schema/settings';
import { useAppStore } from './store';
import { testPack } from './test/pack';

const MODEL = 'mnist-mlp-badnet';
const state = () => useAppStore.getState();

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ selectedModelId: MODEL, viewT: 0.37, selected: { round: 2, stage: 2, layer: 3 } });
});

describe('precomputed slice', () => {
  it('shows a pack as the finished run: trace, stages, rounds, round 1 stage 1 (round 2 is not in it), t kept', () => {
    const pack = testPack();
    state().precomputedLoading(MODEL);
    expect(state().precomputedStatus).toEqual({ modelId: MODEL, state: 'loading', message: null });
    state().showPrecomputed(MODEL, pack);
    const s = state();
    expect(s.trace).toBe(pack.trace);
    expect(s.stages.map((r) => [r.round, r.stage])).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(s.rounds).toBe(pack.trace.rounds);
    expect([s.status, s.runModelId, s.runId, s.restored, s.precomputedStatus]).toEqual(['done', MODEL, null, null, null]);
    expect(s.selected).toEqual({ round: 1, stage: 1, layer: 0 });
    expect(s.viewT).toBe(0.37);
    expect(s.precomputed).toEqual({
      modelId: MODEL,
      defense: 'tsc',
      meta: pack.meta,
      samples: pack.samples,
      predictionTs: [0, 0.5, 1],
      predictions: pack.predictions,
      planes: pack.planes,
    });
  });

  it("keeps a selection the trace has (a deep link's round, stage and layer) and t; one it lacks goes to round 1 stage 1", () => {
    useAppStore.setState({ selected: { round: 1, stage: 2, layer: 3 }, viewT: 0.7 });
    const selected = state().selected;
    state().showPrecomputed(MODEL, testPack());
    expect(state().selected).toBe(selected);
    expect([state().selected, state().viewT]).toEqual([{ round: 1, stage: 2, layer: 3 }, 0.7]);
    useAppStore.setState({ selected: { round: 2, stage: 1, layer: 3 } });
    state().showPrecomputed(MODEL, testPack());
    expect([state().selected, state().viewT]).toEqual([{ round: 1, stage: 1, layer: 0 }, 0.7]);
  });

  it('does nothing while a live run goes, or for a model no longer selected', () => {
    state().startRun(4, MODEL);
    state().showPrecomputed(MODEL, testPack());
    expect([state().status, state().precomputed, state().trace]).toEqual(['running', null, null]);
    useAppStore.setState({ status: 'done' });
    state().showPrecomputed('mnist-mlp-blended', testPack('mnist-mlp-blended'));
    expect(state().precomputed).toBeNull();
  });

  it('a live run clears it', () => {
    state().showPrecomputed(MODEL, testPack());
    state().startRun(1, MODEL);
    expect([state().precomputed, state().stages, state().status]).toEqual([null, [], 'running']);
  });

  it("copies the trace's run settings into the settings, and nothing without a precomputed run", () => {
    const before = state().settings;
    state().applyPrecomputedSettings();
    expect(state().settings).toBe(before);
    const pack = testPack();
    state().showPrecomputed(MODEL, pack);
    state().applyPrecomputedSettings();
    const s = pack.trace.settings as unknown as Record<string, unknown>;
    expect(state().settings).toEqual(Object.fromEntries(Object.keys(RUN_SETTINGS_FIELDS).map((k) => [k, s[k]])));
    expect(state().settings).toMatchObject({
      defense: 'tsc',
      rounds: 1,
      curveEpochs: 3,
      t: 0.3,
      cleanFraction: 0.02,
      evalSamples: 111,
      testSamples: 222,
      seed: 5,
    });
  });
});
