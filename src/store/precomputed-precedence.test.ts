import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './store';
import { packTrace, testPack } from './test/pack';

const MODEL = 'mnist-mlp-badnet';
const state = () => useAppStore.getState();

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ selectedModelId: MODEL, viewT: 0.37, selected: { round: 2, stage: 2, layer: 3 } });
});

describe('precomputed slice: restored runs and model changes', () => {
  it("the user's restored run of the same model wins, whichever comes first", () => {
    const archived = { savedAt: 5, modelId: MODEL, trace: packTrace(MODEL) };
    state().showPrecomputed(MODEL, testPack());
    state().restoreRun(archived);
    expect([state().precomputed, state().restored, state().trace]).toEqual([null, { savedAt: 5 }, archived.trace]);
    state().precomputedLoading(MODEL);
    state().showPrecomputed(MODEL, testPack());
    expect([state().precomputed, state().restored, state().precomputedStatus]).toEqual([null, { savedAt: 5 }, null]);
  });

  it('a restored run of another model replaces the trace; the pack yields to it only at start-up', () => {
    const other = { savedAt: 6, modelId: 'mnist-mlp-blended', trace: packTrace('mnist-mlp-blended') };
    state().showPrecomputed(MODEL, testPack());
    state().restoreRun(other);
    expect([state().precomputed, state().trace, state().runModelId]).toEqual([null, other.trace, 'mnist-mlp-blended']);
    state().showPrecomputed(MODEL, testPack(), { yieldToRestored: true });
    expect([state().precomputed, state().restored]).toEqual([null, { savedAt: 6 }]);
    state().showPrecomputed(MODEL, testPack());
    expect([state().precomputed?.modelId, state().restored, state().runModelId]).toEqual([MODEL, null, MODEL]);
  });

  it("loading another model takes the previous model's precomputed run off the screen; failures name their model", () => {
    state().showPrecomputed(MODEL, testPack());
    useAppStore.setState({ selectedModelId: 'mnist-mlp-blended' });
    state().precomputedLoading('mnist-mlp-blended');
    expect([state().precomputed, state().trace, state().stages, state().status, state().viewT]).toEqual([null, null, [], 'idle', 0.37]);
    state().precomputedFailed(MODEL, 'failed', 'stale');
    expect(state().precomputedStatus).toEqual({ modelId: 'mnist-mlp-blended', state: 'loading', message: null });
    state().precomputedFailed('mnist-mlp-blended', 'missing', 'none yet');
    expect(state().precomputedStatus).toEqual({ modelId: 'mnist-mlp-blended', state: 'missing', message: 'none yet' });
  });
});
