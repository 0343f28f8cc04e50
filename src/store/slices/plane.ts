import type { PlaneResult } from '../../protocol/messages';
import type { SliceCreator } from '../app-state';
import { applyPlaneResult, failPlaneView, startPlaneView, type PlaneView } from '../plane-slice';

/** The loss plane being computed or shown; its knobs live in the settings slice. */
export interface PlaneSlice {
  /** null until asked for, and again once a new run starts */
  plane: PlaneView | null;

  startPlane: (requestId: number, round: number, stage: number) => void;
  setPlane: (result: PlaneResult) => void;
  failPlane: (requestId: number, message: string, cancelled: boolean) => void;
}

export const createPlaneSlice: SliceCreator<PlaneSlice> = (set, get) => ({
  plane: null,

  startPlane: (requestId, round, stage) => set({ plane: startPlaneView(requestId, round, stage) }),
  setPlane: (result) => {
    const next = applyPlaneResult(get().plane, result);
    if (next) set({ plane: next });
  },
  failPlane: (requestId, message, cancelled) => {
    const next = failPlaneView(get().plane, requestId, message, cancelled);
    if (next) set({ plane: next });
  },
});
