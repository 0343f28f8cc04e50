import type { TrapReplaceSettings } from '../../engine/defenses/trap-replace-settings';
import { TRAP_REPLACE_KEYS, trapReplaceFieldError } from '../../schema/trap-replace-settings';

/** What the panel's inputs hold: the text typed in each, so that a half-typed value stays on screen. */
export type TrapReplaceDraft = Record<keyof TrapReplaceSettings, string>;

export const draftOf = (settings: TrapReplaceSettings): TrapReplaceDraft =>
  Object.fromEntries(TRAP_REPLACE_KEYS.map((k) => [k, String(settings[k])])) as TrapReplaceDraft;

/** The draft as settings, or each field's problem in words (src/schema/trap-replace-settings.ts). */
export function parseDraft(draft: TrapReplaceDraft): { settings: TrapReplaceSettings; errors: null } | { settings: null; errors: Partial<TrapReplaceDraft> } {
  const errors: Partial<TrapReplaceDraft> = {};
  const settings = {} as TrapReplaceSettings;
  for (const key of TRAP_REPLACE_KEYS) {
    const text = draft[key].trim();
    // an empty field is not 0: Number('') would pass a range that includes 0
    const value = text === '' ? text : Number(text);
    const error = trapReplaceFieldError(key, value);
    if (error) errors[key] = error;
    else settings[key] = value as number;
  }
  return Object.keys(errors).length > 0 ? { settings: null, errors } : { settings, errors: null };
}

/** Steps the number inputs' arrows take: whole numbers for counts and the seed, else any value. */
export const INTEGER_KEYS: ReadonlySet<keyof TrapReplaceSettings> = new Set(['stage1Epochs', 'stage1BatchSize', 'stage2Epochs', 'stage2BatchSize', 'seed']);
