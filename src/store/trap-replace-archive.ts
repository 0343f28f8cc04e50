import { createStore, entries, set, type UseStore } from 'idb-keyval';
import type { TrapReplaceOutcome } from '../protocol/trap-replace-messages';
import { parseStoredOutcome, toStoredOutcome } from '../schema/trap-replace-outcome';
import { reason } from './save-failure';

/**
 * The latest Trap and Replace result measured in the page for each model, one IndexedDB record each
 * (its own database), so a result that took minutes survives a reload. Validated on read
 * (src/schema/trap-replace-outcome.ts); every failure is a notice, never a rejection.
 */

const PREFIX = 'trap-replace:';
let db: UseStore | null = null;
// opened on first use: importing this module must not touch IndexedDB (tests, private mode)
const store = () => (db ??= createStore('tsc-visualizer-trap-replace', 'outcomes'));

/** Keeps `outcome` as its model's latest; false (with a notice) when the browser refuses. */
export async function saveTrapReplaceOutcome(outcome: TrapReplaceOutcome, notify: (message: string) => void): Promise<boolean> {
  try {
    await set(`${PREFIX}${outcome.modelId}`, toStoredOutcome(outcome), store());
    return true;
  } catch (err) {
    notify(`This Trap and Replace result could not be saved (${reason(err)}); it stays on screen until you reload.`);
    return false;
  }
}

/** Every readable saved result by model id; a record that fails validation is left out with a notice naming it. */
export async function listTrapReplaceOutcomes(notify: (message: string) => void): Promise<Record<string, TrapReplaceOutcome>> {
  let stored: [IDBValidKey, unknown][];
  try {
    stored = await entries(store());
  } catch {
    return {}; // IndexedDB unavailable (private mode): nothing was saved
  }
  const outcomes: Record<string, TrapReplaceOutcome> = {};
  for (const [key, value] of stored) {
    if (typeof key !== 'string' || !key.startsWith(PREFIX)) continue;
    const parsed = parseStoredOutcome(key, value);
    if (parsed.ok) outcomes[parsed.outcome.modelId] = parsed.outcome;
    else notify(parsed.message);
  }
  return outcomes;
}
