import * as v from 'valibot';
import type { UserModelEntry } from '../engine/zoo';
import { archIdError } from '../engine/model/arch';
import type { DatasetId } from '../engine/data/datasets';
import { issueWords } from './explain';
import { intIn, isRecord, numberIn } from './fields';
import { MODEL_ID_RULE, ModelIdSchema } from './settings';
import { parseTrigger } from './trigger';
import { MAX_WEIGHT_BYTES } from './model-json';

/*
 * A model the user imported or trained in the page, as src/store/user-models.ts keeps it in
 * IndexedDB: its entry and its two canonical files. Every record read back is checked here (another
 * tab, an older build or a full disk may have written it). Bump USER_MODEL_VERSION when the shape changes.
 */
export const USER_MODEL_VERSION = 1;
export const USER_MODEL_NAME_MAX = 120;
/** model.json of any architecture the engine runs is far below this (its weights live in the shard) */
const MODEL_JSON_MAX_CHARS = 1_000_000;

export interface UserModelRecord {
  version: typeof USER_MODEL_VERSION;
  entry: UserModelEntry;
  /** the canonical model.json text */
  modelJson: string;
  /** its one weights shard */
  weights: Uint8Array;
}

const finiteMin0 = v.pipe(v.number(), v.finite(), v.minValue(0));
const EntrySchema = v.object({
  origin: v.picklist(['imported', 'trained']),
  id: v.pipe(ModelIdSchema, v.startsWith('user-')),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(USER_MODEL_NAME_MAX)),
  arch: v.pipe(
    v.string(),
    v.check((id) => archIdError(id) === null),
  ),
  dataset: v.picklist(['mnist', 'fashion-mnist'] satisfies DatasetId[]),
  trigger: v.unknown(),
  target: intIn(0, 9),
  cleanAccuracy: numberIn(0, 1),
  attackSuccessRate: numberIn(0, 1),
  evaluatedOn: v.object({ clean: intIn(1, 1_000_000), poisoned: intIn(0, 1_000_000), backend: v.pipe(v.string(), v.maxLength(40)) }),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  recipe: v.optional(
    v.object({
      poisonRate: numberIn(0, 1),
      poisonedCount: intIn(0, 1_000_000),
      seed: intIn(0, Number.MAX_SAFE_INTEGER),
      epochs: intIn(1, 10_000),
      batchSize: intIn(1, 100_000),
      learningRate: v.pipe(v.number(), v.finite(), v.gtValue(0)),
      trainSeconds: finiteMin0,
    }),
  ),
});

const RecordSchema = v.object({
  version: v.literal(USER_MODEL_VERSION),
  entry: EntrySchema,
  modelJson: v.pipe(v.string(), v.minLength(2), v.maxLength(MODEL_JSON_MAX_CHARS)),
  weights: v.pipe(
    v.instance(Uint8Array),
    v.check((w) => w.byteLength > 0 && w.byteLength <= MAX_WEIGHT_BYTES && w.byteLength % 4 === 0),
  ),
});

/** `why`: what is wrong, without naming the record; `message`: the whole notice. */
export type UserModelResult = { ok: true; record: UserModelRecord } | { ok: false; why: string; message: string };

/** How a notice names a record: its name when readable, else its key. */
function nameOf(key: string, input: unknown): string {
  const entry = isRecord(input) && isRecord(input.entry) ? input.entry : null;
  const name = entry && typeof entry.name === 'string' && entry.name.length > 0 ? entry.name.slice(0, USER_MODEL_NAME_MAX) : null;
  return name ? `"${name}" (${key})` : key;
}

const RULES: Record<string, string> = {
  id: `${MODEL_ID_RULE}, starting with "user-"`,
  arch: 'an architecture id (src/engine/model/arch.ts)',
  weights: `one weights shard of at most ${MAX_WEIGHT_BYTES} bytes`,
};

/** Checks one record read from IndexedDB under `key`. Never throws; the message says what is wrong and that the model was left out. */
export function parseUserModel(key: string, input: unknown): UserModelResult {
  const what = `The saved model ${nameOf(key, input)}`;
  const leftOut = (why: string): UserModelResult => ({ ok: false, why, message: `${what} could not be read (${why}) and was left out of "Your models".` });
  if (!isRecord(input)) return leftOut('not a record');
  if (input.version !== USER_MODEL_VERSION)
    return { ok: false, why: 'another version', message: `${what} is from another version of this page and was left out of "Your models".` };
  const parsed = v.safeParse(RecordSchema, input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? 'the top';
    const field = path.split('.').at(-1) ?? '';
    const archWhy = field === 'arch' ? archIdError((input.entry as Record<string, unknown>).arch) : null;
    return leftOut(`at ${path}: ${archWhy ?? issueWords(issue, RULES)}`);
  }
  const trigger = parseTrigger(parsed.output.entry.trigger);
  if (!trigger.ok) return leftOut(`at entry.trigger: ${trigger.message}`);
  if (parsed.output.entry.id !== key) return leftOut(`its id "${parsed.output.entry.id}" differs from its key`);
  const entry: UserModelEntry = { ...parsed.output.entry, trigger: trigger.spec };
  return { ok: true, record: { version: USER_MODEL_VERSION, entry, modelJson: parsed.output.modelJson, weights: parsed.output.weights } };
}
