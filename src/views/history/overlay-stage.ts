import type { StageRecord } from '../../engine/trace';

/** The overlay run's stage drawn against the selected one: the same round and stage, else its last stage. */
export function overlayStage(stages: StageRecord[], round: number, stage: number): StageRecord | null {
  return stages.find((s) => s.round === round && s.stage === stage) ?? stages[stages.length - 1] ?? null;
}

/** Dash-dot, unlike the dashed untrained straight line of the shown run (src/views/loss-curve/CurveMarks.tsx). */
export const OVERLAY_DASH = '9 3 2 3';
