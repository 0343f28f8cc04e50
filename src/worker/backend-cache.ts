import { get, set } from 'idb-keyval';
import type { CachedChoice } from './backend-choice';

/**
 * The probe's result, kept in this browser's IndexedDB (workers have no localStorage) so that the
 * next visit starts the measured winner at once. src/worker/backend-choice.ts decides when it no
 * longer holds (new release, new WebGPU adapter, isolation switched on or off).
 */
const KEY = 'tsc-visualizer:backend-choice';

export async function loadChoice(): Promise<unknown> {
  try {
    return await get(KEY);
  } catch {
    return null; // IndexedDB unavailable (private mode): probe every time
  }
}

export async function saveChoice(choice: CachedChoice): Promise<void> {
  try {
    await set(KEY, choice);
  } catch {
    // not kept: the next visit probes again
  }
}
