import type { CurvePointRecord } from '../engine/evaluate';
import { LIVE_DEMO } from '../schema/presets';
import type { RunSettingsFields } from '../schema/settings';
import { stageKey, type RoundRecord, type StageRecord, type Trace, type TraceEvent } from '../engine/trace';
import type { PreviewFailure, PreviewResult } from '../protocol/messages';

/** The knobs the page exposes (the rest stay at TSC_DEFAULTS; see src/engine/settings.ts); their ranges live in the schema. */
export type RunSettings = RunSettingsFields;

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunProgress {
  round: number;
  stage: number;
  phase: string;
  epoch: number;
  epochs: number;
  /** share of the whole run done, 0–1 (curve steps of all stages) */
  fraction: number;
  startedAt: number;
}

export interface RunState {
  settings: RunSettings;
  runId: number | null;
  runModelId: string | null;
  status: RunStatus;
  runError: string | null;
  runProgress: RunProgress | null;
  stages: StageRecord[];
  rounds: RoundRecord[];
  /** growing curves while a stage trains, keyed "round/stage" */
  liveCurves: Record<string, CurvePointRecord[]>;
  trace: Trace | null;
  selected: { round: number; stage: number; layer: number };
  viewT: number;
  preview: PreviewResult | null;
  /** the latest θ(t) preview failed: shown in place of the older predictions until a preview succeeds or the stage changes */
  previewError: PreviewFailure | null;
  /** when the running run stopped at a pause (ms since epoch); null while it computes */
  paused: number | null;
  /** set when the shown run was restored from a previous visit (measurements only, no weights) */
  restored: { savedAt: number } | null;
}

/** RunState's fields that other slices own: settings (slices/settings.ts) and the selection (slices/selection.ts). */
export type NotRunFields = 'settings' | 'selected' | 'viewT' | 'preview' | 'previewError';

/** The run's own fields before any run (the run slice starts from these). */
export const initialRunFields = (): Omit<RunState, NotRunFields> => ({
  runId: null,
  runModelId: null,
  status: 'idle',
  runError: null,
  runProgress: null,
  stages: [],
  rounds: [],
  liveCurves: {},
  trace: null,
  paused: null,
  restored: null,
});

export const initialRunState = (settings: RunSettings = LIVE_DEMO): RunState => ({
  ...initialRunFields(),
  settings,
  selected: { round: 1, stage: 1, layer: 0 },
  viewT: settings.t,
  preview: null,
  previewError: null,
});

/** Stages in a run of these settings (for the progress fraction). */
export function stagesInRun(s: RunSettings): number {
  return s.defense === 'tsc' ? 2 * s.rounds : s.defense === 'mcr' || s.defense === 'ft' || s.defense === 'line' ? 1 : 0;
}

/** Pure reducer: how one worker event changes the run state. */
export function applyTraceEvent(state: RunState, event: TraceEvent): Partial<RunState> {
  switch (event.type) {
    case 'progress': {
      const perStage = 1 / Math.max(1, stagesInRun(state.settings));
      const stageIndex = (event.round - 1) * 2 + (event.stage - 1);
      const within = event.totalSteps > 0 ? event.step / event.totalSteps : 0;
      return {
        runProgress: {
          round: event.round,
          stage: event.stage,
          phase: event.phase,
          epoch: event.epoch,
          epochs: event.epochs,
          fraction: Math.min(1, (stageIndex + within) * perStage),
          startedAt: state.runProgress?.startedAt ?? Date.now(),
        },
      };
    }
    case 'curve-epoch':
      return { liveCurves: { ...state.liveCurves, [stageKey(event.round, event.stage)]: event.curve } };
    case 'stage':
      return { stages: [...state.stages, event.record], selected: { round: event.record.round, stage: event.record.stage, layer: state.selected.layer } };
    case 'round':
      return { rounds: [...state.rounds, event.record] };
  }
}

/** Pausing stops the clock: on resume the run's start moves forward by the pause, so the ETA ignores it. */
export function applyPause(state: RunState, paused: boolean, now: number): Partial<RunState> {
  if (paused) return { paused: state.paused ?? now };
  if (state.paused === null) return {};
  const progress = state.runProgress && { ...state.runProgress, startedAt: state.runProgress.startedAt + (now - state.paused) };
  return { paused: null, runProgress: progress };
}

/** Seconds left, extrapolated from the elapsed time and the share done (null until 2 % is done). */
export function estimateSecondsLeft(progress: RunProgress | null, now: number): number | null {
  if (!progress || progress.fraction < 0.02) return null;
  const elapsed = (now - progress.startedAt) / 1000;
  return (elapsed * (1 - progress.fraction)) / progress.fraction;
}

/**
 * The selection to show for a finished trace's stages: the current one when the trace has that
 * (round, stage), so a deep link survives a trace arriving later; else its first stage, layer 0.
 */
export function keepSelection(selected: RunState['selected'], stages: StageRecord[]): RunState['selected'] {
  if (stages.some((r) => r.round === selected.round && r.stage === selected.stage)) return selected;
  return { round: stages[0]?.round ?? 1, stage: stages[0]?.stage ?? 1, layer: 0 };
}
