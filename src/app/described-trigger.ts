import { entryTrigger, type ModelEntry } from '../engine/zoo';
import type { DescribedTrigger } from '../protocol/messages';
import { parseTrigger } from '../schema/trigger';
import type { TriggerSlice } from '../store/slices/trigger';

/**
 * What a run sends as its trigger: nothing when the user described neither a trigger nor a target (the
 * zoo model's recipe stays), else the described one, each part left out taken from the model. Checked
 * with the trigger schema, the last check before the worker.
 */
export function describedTriggerOf(
  state: Pick<TriggerSlice, 'describedTrigger' | 'describedTarget'>,
  entry: ModelEntry,
): { ok: true; value: DescribedTrigger } | { ok: false; message: string } | null {
  const { describedTrigger, describedTarget } = state;
  if (describedTrigger === null && describedTarget === null) return null;
  const parsed = parseTrigger(describedTrigger ?? entryTrigger(entry).spec);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const target = describedTarget ?? entry.target;
  if (!Number.isInteger(target) || target < 0 || target > 9) return { ok: false, message: `target class is ${target}, expected an integer from 0 to 9` };
  return { ok: true, value: { spec: parsed.spec, target } };
}
