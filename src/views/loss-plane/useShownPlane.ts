import { useMemo } from 'react';
import { precomputedPlane } from '../../store/precomputed-view';
import { useAppStore } from '../../store/store';
import type { PlaneView } from '../../store/plane-slice';

export interface ShownPlane {
  plane: PlaneView | null;
  /** the plane comes from the precomputed trace */
  precomputed: boolean;
  /** a precomputed run is shown but its pack has no plane for the selected stage: why, for the user */
  missing: string | null;
}

/** The plane computed in this page, else the precomputed run's plane of the selected stage. */
export function useShownPlane(): ShownPlane {
  const computed = useAppStore((s) => s.plane);
  const run = useAppStore((s) => s.precomputed);
  const round = useAppStore((s) => s.selected.round);
  const stage = useAppStore((s) => s.selected.stage);
  const fromPack = useMemo(() => (run ? precomputedPlane(run, round, stage) : null), [run, round, stage]);
  if (computed || !run) return { plane: computed, precomputed: false, missing: null };
  if (fromPack) return { plane: fromPack, precomputed: true, missing: null };
  const what = run.planes.length === 0 ? 'this model' : `round ${round}, stage ${stage}`;
  return { plane: null, precomputed: false, missing: `The precomputed trace has no loss plane for ${what}; press Run live, then compute.` };
}
