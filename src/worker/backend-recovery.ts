import type { BackendName, BackendStatus } from '../protocol/messages';
import { fallbackOrder, wasmThreadsChoice } from './backend-choice';
import type { StartResult } from './start-backend';

/**
 * After `lost` stopped working under the worker: starts the next backend (fallbackOrder) and returns
 * its status, which keeps how the first was chosen and says why it fell back. `start` is
 * startBackend in the worker (a parameter so that Node tests can start backends their own way).
 * Rejects when none starts.
 */
export async function fallBackFrom(
  lost: BackendStatus,
  why: string,
  start: (name: BackendName, threads?: number) => Promise<StartResult>,
): Promise<BackendStatus> {
  const reasons = [`${lost.name}: ${why}`];
  for (const name of fallbackOrder(lost.name, lost.probes)) {
    // WASM on the thread count its probe picked, as the first start did (src/worker/backend.ts)
    const started = await start(name, name === 'wasm' ? wasmThreadsChoice(lost.probes) : undefined);
    if (!started.ok) {
      reasons.push(`${name}: ${started.reason}`);
      continue;
    }
    const status: BackendStatus = { ...lost, name, detail: started.detail, fallbackReasons: reasons, wasmThreads: started.threads };
    if (status.wasmThreads === undefined) delete status.wasmThreads;
    return status;
  }
  throw new Error(`No TensorFlow.js backend could start after ${why}: ${reasons.join('; ')}`);
}
