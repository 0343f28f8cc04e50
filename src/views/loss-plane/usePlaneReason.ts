import { selectedStage, useAppStore } from '../../store/store';

export const PRECOMPUTED_NO_WEIGHTS = 'A precomputed trace has no weights in this page: press Run live, then compute.';

/** Why the plane of the selected stage cannot be computed now, or null when it can. */
export function usePlaneReason(): string | null {
  const restored = useAppStore((s) => s.restored !== null);
  const precomputed = useAppStore((s) => s.precomputed !== null);
  const stageDone = useAppStore((s) => selectedStage(s) !== undefined);
  const defense = useAppStore((s) => s.trace?.defense ?? s.settings.defense);
  const training = useAppStore((s) => s.status === 'running' && s.paused === null);
  if (precomputed) return PRECOMPUTED_NO_WEIGHTS;
  if (restored) return 'This run was restored from an earlier visit without its weights: run it again to compute its loss plane.';
  if (!stageDone) return 'Run a defense: the plane needs a fitted curve of the selected stage.';
  if (defense === 'line') return 'The straight line spans no plane: pick TSC or MCR.';
  if (training) return 'Pause the run (or let it finish) first: the plane and the training would share the backend.';
  return null;
}
