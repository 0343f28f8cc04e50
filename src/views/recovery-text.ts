import type { ComputeRecovery } from '../store/slices/compute-health';
import { BACKEND_TITLES } from './backend-label';

/**
 * The recovery notice's sentence (src/views/RecoveryNotice.tsx): what happened, what stays on
 * screen, and what computes now (`next`: the new backend's title, null while it starts).
 */
export function recoveryText(r: ComputeRecovery, next: string | null, stagesDone: number): string {
  const what = r.kind === 'backend-lost' && r.lost ? `The ${BACKEND_TITLES[r.lost]} device was lost (${r.message}).` : r.message;
  const kept =
    r.runId === null
      ? ''
      : stagesDone === 0
        ? ' The run stopped before a stage finished.'
        : ` The run stopped; ${stagesDone === 1 ? 'the stage that finished stays' : `the ${stagesDone} stages that finished stay`} on screen.`;
  return what + kept + (next ? ` Computing goes on with ${next}.` : ' Starting the next backend…');
}
