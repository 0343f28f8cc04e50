import * as v from 'valibot';
import type { TrapReplaceOutcome } from '../protocol/trap-replace-messages';
import { shown } from './explain';
import { ModelIdSchema } from './settings';
import { trapReplaceSettingsError } from './trap-replace-settings';

/*
 * A Trap and Replace result measured in the page, as src/store/trap-replace-archive.ts keeps it in
 * IndexedDB: checked when read back, so a record from another version or a broken write is left out
 * with a notice instead of reaching the defense table.
 */

export const TRAP_REPLACE_OUTCOME_VERSION = 1;

export interface StoredTrapReplaceOutcome extends TrapReplaceOutcome {
  version: typeof TRAP_REPLACE_OUTCOME_VERSION;
}

const rate = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000));
const OutcomeSchema = v.object({
  version: v.literal(TRAP_REPLACE_OUTCOME_VERSION),
  requestId: v.pipe(v.number(), v.integer(), v.minValue(0)),
  modelId: ModelIdSchema,
  acc: rate,
  asr: rate,
  cleanCount: count,
  poisonedCount: count,
  seconds: v.pipe(v.number(), v.minValue(0), v.finite()),
  settings: v.record(v.string(), v.unknown()),
  backend: v.pipe(v.string(), v.maxLength(40)),
});

export type ParsedOutcome = { ok: true; outcome: TrapReplaceOutcome } | { ok: false; message: string };

/** A stored record (under `key`) as an outcome, or why it cannot be one. Never throws. */
export function parseStoredOutcome(key: string, value: unknown): ParsedOutcome {
  const fail = (why: string): ParsedOutcome => ({ ok: false, message: `A saved Trap and Replace result (${key}) could not be read and was left out: ${why}.` });
  const parsed = v.safeParse(OutcomeSchema, value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = (issue.path ?? []).map((p) => String(p.key)).join('.') || 'the record';
    return fail(`${where} is ${shown(issue.input)}`);
  }
  const settingsError = trapReplaceSettingsError(parsed.output.settings);
  if (settingsError) return fail(settingsError);
  const o = parsed.output;
  const settings = o.settings as unknown as TrapReplaceOutcome['settings']; // every field checked just above
  return {
    ok: true,
    outcome: {
      requestId: o.requestId,
      modelId: o.modelId,
      acc: o.acc,
      asr: o.asr,
      cleanCount: o.cleanCount,
      poisonedCount: o.poisonedCount,
      seconds: o.seconds,
      settings,
      backend: o.backend,
    },
  };
}

export const toStoredOutcome = (outcome: TrapReplaceOutcome): StoredTrapReplaceOutcome => ({ ...outcome, version: TRAP_REPLACE_OUTCOME_VERSION });
