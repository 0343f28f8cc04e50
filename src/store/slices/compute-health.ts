import type { BackendLoss, BackendName, WorkerMemory } from '../../protocol/messages';
import type { SliceCreator } from '../app-state';

/** Something that broke under the page's computations, for the notice that says so (src/views/RecoveryNotice.tsx). */
export interface ComputeRecovery {
  kind: 'backend-lost' | 'worker-restarted';
  /** what happened, in the worker's or the client's words */
  message: string;
  /** the backend that stopped working (kind 'backend-lost') */
  lost: BackendName | null;
  /** the run it took down, if one was running: the notice offers to run again */
  runId: number | null;
}

/** The compute worker's health: a lost backend or a restarted worker, and its tfjs memory after the last run. */
export interface ComputeHealthSlice {
  recovery: ComputeRecovery | null;
  /** the worker's tf.memory() read after the last run ended (src/compute/client.ts) */
  workerMemory: WorkerMemory | null;
  backendLost: (loss: BackendLoss) => void;
  workerRestarted: (message: string, runId: number | null) => void;
  dismissRecovery: () => void;
  setWorkerMemory: (memory: WorkerMemory) => void;
}

export const createComputeHealthSlice: SliceCreator<ComputeHealthSlice> = (set, get) => ({
  recovery: null,
  workerMemory: null,
  backendLost: (loss) => {
    const s = get();
    // The run it stopped fails with this reason, whether its run-failed (a readback that rejected
    // with no message, or the worker's own words) came before this event or comes after it.
    const stopped = loss.runId !== null && loss.runId === s.runId && (s.status === 'running' || s.status === 'failed');
    set({
      recovery: { kind: 'backend-lost', message: loss.message, lost: loss.backend, runId: stopped ? loss.runId : null },
      ...(stopped && {
        status: 'failed',
        runError: `Stopped: the ${loss.backend} device was lost (${loss.message}). The stages that finished stay on screen.`,
        runProgress: null,
        paused: null,
      }),
    });
  },
  // The new worker starts its backend again: the chip waits for it.
  workerRestarted: (message, runId) =>
    set({ recovery: { kind: 'worker-restarted', message, lost: null, runId }, backend: null, backendError: null, workerMemory: null }),
  dismissRecovery: () => set({ recovery: null }),
  setWorkerMemory: (memory) => set({ workerMemory: memory }),
});
