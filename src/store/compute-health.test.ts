import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';

const noStorage = () => {
  throw new Error('no Web Storage here');
};
const loss = { backend: 'webgpu' as const, message: 'unknown: GPU process gone', runId: 4 };
const STOPPED = 'Stopped: the webgpu device was lost (unknown: GPU process gone). The stages that finished stay on screen.';

describe('compute health: a lost backend, a restarted worker', () => {
  it('a lost device fails the run it stopped, with its reason, whichever message came first', () => {
    const first = createAppStore(noStorage);
    first.getState().startRun(4, 'm');
    first.getState().backendLost(loss);
    first.getState().failRun(4, STOPPED, false); // the worker's own words follow
    // a readback on the lost device rejected with no message before the loss was seen
    const second = createAppStore(noStorage);
    second.getState().startRun(4, 'm');
    second.getState().failRun(4, '', false);
    second.getState().backendLost(loss);
    for (const store of [first, second]) {
      expect(store.getState()).toMatchObject({ status: 'failed', runError: STOPPED, recovery: { kind: 'backend-lost', lost: 'webgpu', runId: 4 } });
    }
  });

  it('a loss while no run computes leaves the run alone and offers no run again', () => {
    const store = createAppStore(noStorage);
    store.getState().startRun(4, 'm');
    store.getState().failRun(4, 'Cancelled', true);
    store.getState().backendLost(loss);
    expect(store.getState()).toMatchObject({ status: 'cancelled', recovery: { runId: null } });
  });

  it('a restarted worker drops the old backend until the new one reports; a new run clears the notice', () => {
    const store = createAppStore(noStorage);
    store.getState().setBackend({ name: 'wasm', fallbackReasons: [], detail: '' });
    store.getState().setWorkerMemory({ requestId: 1, numTensors: 36, numBytes: 100, backend: 'wasm' });
    store.getState().workerRestarted('The compute worker crashed; a new one was started.', 7);
    expect(store.getState()).toMatchObject({ backend: null, workerMemory: null, recovery: { kind: 'worker-restarted', runId: 7 } });
    store.getState().startRun(8, 'm');
    expect(store.getState().recovery).toBeNull();
  });
});
