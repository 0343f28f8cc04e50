import { beforeEach, describe, expect, it } from 'vitest';
import { defined } from '../engine/defined';
import type { StageRecord } from '../engine/trace';
import { DEFAULT_MODEL_ID } from '../engine/zoo';
import { PLANE_DEFAULTS, LIVE_DEMO } from '../schema/presets';
import { applyPause, applyTraceEvent, estimateSecondsLeft, initialRunState, keepSelection } from './run-slice';
import { INITIAL_TRAIN_DRAFT } from './slices/train-model';
import { createAppStore, selectedStage, useAppStore } from './store';

const stage = (round: number, stageNo: 1 | 2): StageRecord => ({
  round,
  stage: stageNo,
  kind: stageNo === 1 ? 'unalign-connect' : 'align-connect',
  permutation: null,
  curve: [{ t: 0, cleanLoss: 0.1, poisonedLoss: 0.01, acc: 0.9, asr: 1 }],
  line: [],
  output: { t: 0.4, acc: 0.9, asr: 0.5 },
  timings: { permuteMs: 0, fitMs: 0, evalMs: 0, steps: 0, msPerStep: 0 },
});

beforeEach(() => {
  useAppStore.setState({ ...initialRunState(LIVE_DEMO) });
});

describe('run reducer', () => {
  it('turns progress into a run-wide fraction over all stages', () => {
    const state = initialRunState({ ...LIVE_DEMO, rounds: 2 });
    const patch = applyTraceEvent(state, { type: 'progress', round: 2, stage: 1, phase: 'fitting curve', epoch: 5, epochs: 10, step: 50, totalSteps: 100 });
    // stage index 2 of 4, half done → (2 + 0.5) / 4
    expect(defined(patch.runProgress, 'runProgress').fraction).toBeCloseTo(0.625, 12);
  });

  it('a finished stage is appended and becomes the selection', () => {
    const patch = applyTraceEvent(initialRunState(), { type: 'stage', record: stage(1, 2) });
    expect(patch.stages).toHaveLength(1);
    expect(patch.selected).toEqual({ round: 1, stage: 2, layer: 0 });
  });

  it('live curves are keyed by round/stage', () => {
    const patch = applyTraceEvent(initialRunState(), { type: 'curve-epoch', round: 1, stage: 1, epoch: 3, curve: stage(1, 1).curve });
    expect(Object.keys(defined(patch.liveCurves, 'liveCurves'))).toEqual(['1/1']);
  });

  it('estimates time left from the elapsed time and the share done', () => {
    const p = { round: 1, stage: 1, phase: '', epoch: 1, epochs: 2, fraction: 0.25, startedAt: 0 };
    expect(estimateSecondsLeft(p, 10_000)).toBeCloseTo(30, 12);
    expect(estimateSecondsLeft({ ...p, fraction: 0.01 }, 10_000)).toBeNull();
    expect(estimateSecondsLeft(null, 10_000)).toBeNull();
  });
});

describe('store actions', () => {
  it('ignores events of a run that is no longer current', () => {
    const s = useAppStore.getState();
    s.startRun(7, 'mnist-mlp-badnet');
    s.applyRunEvent(6, { type: 'stage', record: stage(1, 1) });
    expect(useAppStore.getState().stages).toHaveLength(0);
    s.applyRunEvent(7, { type: 'stage', record: stage(1, 1) });
    expect(useAppStore.getState().stages).toHaveLength(1);
    s.failRun(6, 'old', false);
    expect(useAppStore.getState().status).toBe('running');
    s.failRun(7, 'Cancelled', true);
    expect(useAppStore.getState().status).toBe('cancelled');
    expect(useAppStore.getState().runError).toBeNull();
  });

  it('clamps and rounds t, and finds the selected stage', () => {
    const s = useAppStore.getState();
    s.setViewT(1.7);
    expect(useAppStore.getState().viewT).toBe(1);
    s.setViewT(0.12345);
    expect(useAppStore.getState().viewT).toBe(0.123);
    s.startRun(1, 'm');
    s.applyRunEvent(1, { type: 'stage', record: stage(1, 1) });
    s.applyRunEvent(1, { type: 'stage', record: stage(1, 2) });
    s.selectStage(1, 1);
    expect(selectedStage(useAppStore.getState())?.kind).toBe('unalign-connect');
  });

  it('settings updates merge and a new run keeps them', () => {
    const s = useAppStore.getState();
    s.updateSettings({ curveEpochs: 7 });
    s.startRun(2, 'm');
    expect(useAppStore.getState().settings.curveEpochs).toBe(7);
    expect(useAppStore.getState().settings.rounds).toBe(LIVE_DEMO.rounds);
  });
});

describe('pause and loss plane', () => {
  it('a pause stops the ETA clock: on resume the start moves forward by the paused time', () => {
    const s = useAppStore.getState();
    s.startRun(3, 'm');
    s.applyRunEvent(3, { type: 'progress', round: 1, stage: 1, phase: 'fitting curve', epoch: 1, epochs: 2, step: 1, totalSteps: 4 });
    const started = defined(useAppStore.getState().runProgress, 'runProgress').startedAt;
    const state = useAppStore.getState();
    const paused = { ...state, ...applyPause(state, true, started + 5_000) };
    expect(paused.paused).toBe(started + 5_000);
    const resumed = applyPause(paused, false, started + 65_000);
    expect(resumed.paused).toBeNull();
    expect(defined(resumed.runProgress, 'resumed runProgress').startedAt).toBe(started + 60_000);
    s.setRunPaused(2, true); // another run's event
    expect(useAppStore.getState().paused).toBeNull();
    s.setRunPaused(3, true);
    expect(useAppStore.getState().paused).not.toBeNull();
    s.failRun(3, 'Cancelled', true);
    expect(useAppStore.getState().paused).toBeNull();
  });

  it('keeps only the latest plane request and clears the plane on a new run', () => {
    const s = useAppStore.getState();
    const grid = { n: 1, xs: [0], ys: [0], clean: [1], poisoned: [2] };
    const result = (requestId: number, finished: boolean) => ({
      requestId,
      round: 1,
      stage: 1,
      coords: { a: [0, 0] as [number, number], c: [0.5, 1] as [number, number], b: [1, 0] as [number, number] },
      grid,
      equalAxes: true,
      done: 1,
      total: 1,
      cleanCount: 10,
      poisonedCount: 9,
      seconds: 1,
      finished,
    });
    s.startPlane(5, 1, 1);
    s.setPlane(result(4, true)); // stale answer
    expect(defined(useAppStore.getState().plane, 'plane').result).toBeNull();
    s.setPlane(result(5, false));
    expect(defined(useAppStore.getState().plane, 'plane').status).toBe('computing');
    s.setPlane(result(5, true));
    expect(defined(useAppStore.getState().plane, 'plane').status).toBe('done');
    s.failPlane(5, 'boom', false);
    expect(useAppStore.getState().plane).toMatchObject({ status: 'failed', error: 'boom' });
    s.startRun(9, 'm');
    expect(useAppStore.getState().plane).toBeNull();
  });
});

describe('restoring the last run', () => {
  const trace = {
    version: 1 as const,
    model: 'mnist-mlp-badnet',
    defense: 'tsc' as const,
    settings: {} as never,
    backend: 'webgpu',
    cleanSubsetSize: 400,
    evalSubset: { clean: 100, poisoned: 90 },
    testSet: { clean: 200, poisoned: 180 },
    before: { acc: 0.96, asr: 1 },
    after: { acc: 0.9, asr: 0.3 },
    rounds: [{ round: 1, input: { acc: 0.96, asr: 1 }, stages: [stage(1, 1), stage(1, 2)], finetuned: null }],
    wallSeconds: 10,
  };

  it('shows a saved run as done and restored, with its stages', () => {
    useAppStore.getState().restoreRun({ savedAt: 123, modelId: 'mnist-mlp-badnet', trace });
    const s = useAppStore.getState();
    expect(s.status).toBe('done');
    expect(s.stages.map((r) => r.stage)).toEqual([1, 2]);
    expect(s.restored).toEqual({ savedAt: 123 });
    s.startRun(4, 'm');
    expect(useAppStore.getState().restored).toBeNull();
  });

  it('never replaces a run started in this visit', () => {
    useAppStore.getState().startRun(5, 'm');
    useAppStore.getState().restoreRun({ savedAt: 1, modelId: 'x', trace });
    expect(useAppStore.getState().status).toBe('running');
    expect(useAppStore.getState().trace).toBeNull();
  });
});

describe('slices', () => {
  const noStorage = () => {
    throw new Error('no Web Storage here');
  };

  it('compose into one flat state: the same fields and actions as the single store had, plus notices', () => {
    const s = createAppStore(noStorage).getState();
    const entries = Object.entries(s);
    expect(Object.fromEntries(entries.filter(([, x]) => typeof x !== 'function'))).toEqual({
      models: [],
      selectedModelId: DEFAULT_MODEL_ID,
      preferredBackend: 'auto',
      backend: null,
      backendError: null,
      evaluation: null,
      pendingRequest: null,
      progress: null,
      error: null,
      planeSettings: PLANE_DEFAULTS,
      plane: null,
      ...initialRunState(),
      notices: [],
      precomputed: null,
      precomputedStatus: null,
      lecture: { on: false, step: 0, playing: false },
      recovery: null,
      workerMemory: null,
      history: [],
      overlayRun: null,
      imported: null,
      describedTrigger: null,
      describedTarget: null,
      runTrigger: null,
      userModelFiles: {},
      userModelsLoaded: false,
      trapReplaceRun: null,
      trapReplaceResults: {},
      trapReplaceError: null,
      trainDraft: INITIAL_TRAIN_DRAFT,
      training: { requestId: null, status: 'idle', phase: '', epochs: [], totalEpochs: 0, step: null, model: null, error: null },
    });
    const actions = entries.filter(([, x]) => typeof x === 'function').map(([k]) => k);
    expect(actions.sort()).toEqual(
      [
        ...['setManifest', 'selectModel', 'setBackend', 'setBackendError', 'setEvalFallback', 'startEvaluation', 'setProgress', 'finishEvaluation', 'fail'],
        ...['updateSettings', 'updatePlaneSettings', 'setPreferredBackend', 'startRun', 'applyRunEvent', 'finishRun', 'failRun', 'setRunPaused', 'restoreRun'],
        ...['selectStage', 'selectLayer', 'setViewT', 'setPreview', 'failPreview', 'resetView', 'startPlane', 'setPlane', 'failPlane'],
        ...['addNotice', 'dismissNotice'],
        ...['precomputedLoading', 'showPrecomputed', 'precomputedFailed', 'applyPrecomputedSettings'],
        ...['setLecture', 'goToStep', 'nextStep', 'prevStep', 'setPlaying'],
        ...['backendLost', 'workerRestarted', 'dismissRecovery', 'setWorkerMemory'],
        ...['loadHistory', 'addToHistory', 'reopenHistoryRun', 'renameHistoryRun', 'deleteHistoryRun', 'clearHistory', 'setOverlayRun'],
        ...['setDescribedTrigger', 'setDescribedTarget', 'setRunTrigger'],
        'importTrace',
        ...['loadUserModels', 'addUserModel', 'renameUserModel', 'deleteUserModel'],
        ...['startTrapReplace', 'setTrapReplaceProgress', 'finishTrapReplace', 'failTrapReplace', 'markTrapReplaceCancelling', 'loadTrapReplaceResults'],
        ...['updateTrainDraft', 'setTrainNumber', 'startTraining', 'setTrainProgress', 'finishTraining', 'failTraining'],
      ].sort(),
    );
  });

  it('a new run resets the selection and the plane of other slices but keeps the settings and t', () => {
    const store = createAppStore(noStorage);
    const s = store.getState();
    s.updateSettings({ rounds: 2 });
    s.setViewT(0.7);
    s.selectStage(2, 2);
    s.startPlane(1, 2, 2);
    s.startRun(1, 'm');
    expect(store.getState()).toMatchObject({ selected: { round: 1, stage: 1, layer: 0 }, plane: null, viewT: 0.7, status: 'running', runModelId: 'm' });
    expect(store.getState().settings).toEqual({ ...LIVE_DEMO, rounds: 2 });
  });

  it('a failed preview stays until a preview succeeds, the stage changes or a run starts', () => {
    const store = createAppStore(noStorage);
    const failure = { requestId: 4, round: 1, stage: 2, t: 0.3, message: 'Failed to fetch' };
    const samples = { clean: [], triggered: [] };
    store.getState().failPreview(failure);
    store.getState().setViewT(0.5);
    expect(store.getState().previewError).toEqual(failure);
    store.getState().setPreview({ requestId: 5, round: 1, stage: 2, t: 0.5, ...samples });
    expect(store.getState().previewError).toBeNull();
    store.getState().failPreview(failure);
    store.getState().selectStage(1, 1);
    expect(store.getState()).toMatchObject({ previewError: null, preview: null });
    store.getState().failPreview(failure);
    store.getState().startRun(6, 'm');
    expect(store.getState().previewError).toBeNull();
    // the evaluation's requests are another matter: a preview's failure never becomes the page's error
    expect(store.getState().error).toBeNull();
  });

  it('the evaluation ignores answers to requests it no longer waits for', () => {
    const store = createAppStore(noStorage);
    store.getState().startEvaluation(3);
    store.getState().setProgress(2, 'old', 1, 3);
    expect(store.getState().progress).toEqual({ phase: 'queued', done: 0, total: 3 });
    store.getState().fail('late', 2);
    expect(store.getState().error).toBeNull();
    store.getState().fail('boom', 3);
    expect(store.getState()).toMatchObject({ error: 'boom', pendingRequest: null, progress: null });
  });
});

describe('keepSelection', () => {
  it('keeps a selection the trace has, else its first stage with layer 0', () => {
    const stages = [stage(1, 1), stage(1, 2), stage(2, 1), stage(2, 2)];
    expect(keepSelection({ round: 2, stage: 2, layer: 1 }, stages)).toEqual({ round: 2, stage: 2, layer: 1 });
    expect(keepSelection({ round: 3, stage: 1, layer: 1 }, stages)).toEqual({ round: 1, stage: 1, layer: 0 });
    expect(keepSelection({ round: 2, stage: 1, layer: 0 }, [])).toEqual({ round: 1, stage: 1, layer: 0 });
  });
});

describe('evaluation fallback', () => {
  it('marks the backend status, so the chip stops claiming a second worker', () => {
    useAppStore.getState().setBackend({ name: 'wasm', fallbackReasons: [], detail: '', wasmThreads: 2, crossOriginIsolated: true });
    useAppStore.getState().setEvalFallback('no worker');
    expect(useAppStore.getState().backend?.evalFallback).toBe('no worker');
  });
});
