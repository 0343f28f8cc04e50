import type { PreviewFailure, PreviewResult } from '../../protocol/messages';
import type { SliceCreator } from '../app-state';
import { LIVE_DEMO } from '../../schema/presets';
import type { RunState } from '../run-slice';
import { VIEW_RESETS, type ViewId } from '../view-reset';

/** What the views look at: the (round, stage, layer) in focus, the curve point t and its preview (or why it failed). */
export type SelectionSlice = Pick<RunState, 'selected' | 'viewT' | 'preview' | 'previewError'> & {
  selectStage: (round: number, stage: number) => void;
  selectLayer: (layer: number) => void;
  setViewT: (t: number) => void;
  setPreview: (result: PreviewResult) => void;
  failPreview: (failure: PreviewFailure) => void;
  /** puts back the selection of one panel after it failed (src/store/view-reset.ts) */
  resetView: (view: ViewId) => void;
};

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selected: { round: 1, stage: 1, layer: 0 },
  viewT: LIVE_DEMO.t,
  preview: null,
  previewError: null,

  selectStage: (round, stage) => set({ selected: { ...get().selected, round, stage }, preview: null, previewError: null }),
  selectLayer: (layer) => set({ selected: { ...get().selected, layer } }),
  setViewT: (t) => set({ viewT: Math.min(1, Math.max(0, Math.round(t * 1000) / 1000)) }),
  setPreview: (result) => set({ preview: result, previewError: null }),
  failPreview: (failure) => set({ previewError: failure }),
  resetView: (view) => set(VIEW_RESETS[view](get())),
});
