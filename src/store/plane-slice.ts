import type { PlaneSettingsFields } from '../schema/settings';
import type { PlaneResult } from '../protocol/messages';

/** Knobs of the loss-plane computation (persisted with the other settings; ranges in the schema). */
export type PlaneSettings = PlaneSettingsFields;

export type PlaneStatus = 'computing' | 'done' | 'failed' | 'cancelled';

export interface PlaneView {
  requestId: number;
  round: number;
  stage: number;
  status: PlaneStatus;
  /** the latest (possibly partial) grid from the worker */
  result: PlaneResult | null;
  error: string | null;
}

export const startPlaneView = (requestId: number, round: number, stage: number): PlaneView => ({
  requestId,
  round,
  stage,
  status: 'computing',
  result: null,
  error: null,
});

/** A worker update for the plane in view; updates of an older request are ignored (null). */
export function applyPlaneResult(view: PlaneView | null, result: PlaneResult): PlaneView | null {
  if (!view || view.requestId !== result.requestId) return null;
  return { ...view, result, status: result.finished ? 'done' : 'computing' };
}

export function failPlaneView(view: PlaneView | null, requestId: number, message: string, cancelled: boolean): PlaneView | null {
  if (!view || view.requestId !== requestId) return null;
  return { ...view, status: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : message };
}
