import * as v from 'valibot';
import type { AttackKind } from '../engine/attacks/types';
import type { DatasetId } from '../engine/data/datasets';
import type { ArchId } from '../engine/model/arch';
import type { ZooEntry, ZooManifest } from '../engine/zoo';
import { describeRule, explainIssue, shown } from './explain';
import { intIn, isRecord, numberIn } from './fields';
import { MODEL_ID_RULE, ModelIdSchema } from './settings';

/*
 * The zoo manifest (models/manifest.json, written by scripts/train-models.ts), checked before any
 * entry reaches the page's model picker or a Node script: every field's type and range, ids unique,
 * file paths inside models/.
 */

const finiteIn = (min: number) => v.pipe(v.number(), v.finite(), v.minValue(min));
const open01 = v.pipe(v.number(), v.gtValue(0), v.ltValue(1));
const positive = v.pipe(v.number(), v.finite(), v.gtValue(0));
/** "mnist-mlp-badnet/model.json": one folder and one file under models/, no "..", no absolute path */
const modelPath = (ext: string) => v.pipe(v.string(), v.regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]*/[A-Za-z0-9][A-Za-z0-9._-]*\\.${ext}$`)));

const ATTACK_KINDS = ['badnet', 'blended', 'sig', 'wanet'] satisfies AttackKind[];
const ATTACK_FIELDS = {
  patchSize: v.picklist([3, 4]),
  value: numberIn(0, 1),
  alpha: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  patternSeed: intIn(0, Number.MAX_SAFE_INTEGER),
  amplitude: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  frequency: v.pipe(v.number(), v.gtValue(0), v.maxValue(28)),
  k: intIn(1, 28),
  strength: v.pipe(v.number(), v.gtValue(0), v.maxValue(28)),
  fieldSeed: intIn(0, Number.MAX_SAFE_INTEGER),
  noiseMode: v.boolean(),
  crossRatio: finiteIn(0),
};
const a = ATTACK_FIELDS;
const AttackSchema = v.variant('kind', [
  v.object({ kind: v.literal('badnet'), patchSize: a.patchSize, value: a.value }),
  v.object({ kind: v.literal('blended'), alpha: a.alpha, patternSeed: a.patternSeed }),
  v.object({ kind: v.literal('sig'), amplitude: a.amplitude, frequency: a.frequency }),
  v.object({ kind: v.literal('wanet'), k: a.k, strength: a.strength, fieldSeed: a.fieldSeed, noiseMode: a.noiseMode, crossRatio: a.crossRatio }),
]);

const EVALUATED_FIELDS = { clean: intIn(1, 1_000_000), poisoned: intIn(0, 1_000_000), backend: v.pipe(v.string(), v.maxLength(40)) };

const ENTRY_FIELDS = {
  id: ModelIdSchema,
  arch: v.picklist(['mlp', 'cnn'] satisfies ArchId[]),
  dataset: v.picklist(['mnist', 'fashion-mnist'] satisfies DatasetId[]),
  attack: AttackSchema,
  attackDescription: v.pipe(v.string(), v.maxLength(200)),
  target: intIn(0, 9),
  poisonRate: open01,
  poisonedCount: intIn(1, 1_000_000),
  seed: intIn(0, Number.MAX_SAFE_INTEGER),
  epochs: intIn(1, 10_000),
  batchSize: intIn(1, 100_000),
  learningRate: positive,
  cleanAccuracy: numberIn(0, 1),
  attackSuccessRate: numberIn(0, 1),
  meetsBars: v.boolean(),
  evaluatedOn: v.object(EVALUATED_FIELDS),
  trainSeconds: finiteIn(0),
  modelJson: modelPath('json'),
  weights: modelPath('bin'),
};
const EntrySchema = v.object(ENTRY_FIELDS);

/** Each field's rule in words, by field name, for messages. */
const RULES: Record<string, string> = {
  ...Object.fromEntries(Object.entries({ ...ENTRY_FIELDS, ...EVALUATED_FIELDS, ...ATTACK_FIELDS }).map(([k, s]) => [k, describeRule(s)])),
  kind: `one of ${ATTACK_KINDS.join(', ')}`,
  id: MODEL_ID_RULE,
  modelJson: 'a path "<folder>/<file>.json" inside models/',
  weights: 'a path "<folder>/<file>.bin" inside models/',
  attackDescription: 'text of at most 200 characters',
  backend: 'a backend name of at most 40 characters',
  evaluatedOn: 'an object with clean, poisoned and backend',
  attack: 'an object with a kind and its parameters',
};

export const MANIFEST_VERSION = 1;

export type ManifestResult = { ok: true; manifest: ZooManifest } | { ok: false; message: string; usable: ZooEntry[] };

const RESTORE = 'restore the shipped file with `git checkout models/manifest.json`';
const retrain = (id: string) => `retrain that model with \`npm run train-models -- --only ${id}\` or ${RESTORE}`;

/** What is wrong with one entry ("cleanAccuracy is 1.5, expected a number from 0 to 1"), or null; scripts/train-models.ts checks what it writes with it. */
export function zooEntryError(entry: unknown): string | null {
  const parsed = v.safeParse(EntrySchema, entry);
  if (parsed.success) return null;
  if (!isRecord(entry)) return `the entry is ${shown(entry)}, expected an object`;
  const issue = parsed.issues[0];
  return explainIssue(issue, RULES, (issue.path ?? []).map((p) => String(p.key)).join('.'));
}

/** An entry's problem as one line with its fix, or null if it is valid. */
function entryError(entry: unknown, i: number): string | null {
  const what = zooEntryError(entry);
  if (what === null) return null;
  const id = isRecord(entry) && v.is(ModelIdSchema, entry.id) ? entry.id : null;
  return id ? `model ${i + 1} (${id}): ${what}; ${retrain(id)}` : `model ${i + 1}: ${what}; ${RESTORE}`;
}

/**
 * Validates the zoo manifest from its JSON text (or an already parsed value). Never throws. On
 * failure, `usable` holds the entries that are valid on their own (the page can still offer them).
 */
export function parseManifest(input: unknown, source = 'models/manifest.json'): ManifestResult {
  // "models/manifest.json is not valid JSON…", "models/manifest.json: model 3 (…): …"
  const fail = (what: string, usable: ZooEntry[] = []): ManifestResult => {
    const joint = /^(is|has|lists) /.test(what) ? ' ' : ': ';
    return { ok: false, message: `${source}${joint}${what}.`, usable };
  };
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return fail(`is not valid JSON; ${RESTORE}`);
    }
  }
  if (!isRecord(value)) return fail(`is not a zoo manifest (expected an object with version, generatedBy and models); ${RESTORE}`);
  if (value.version !== MANIFEST_VERSION) return fail(`is manifest version ${shown(value.version)}; this app reads version ${MANIFEST_VERSION}: ${RESTORE}`);
  if (!Array.isArray(value.models) || value.models.length === 0) return fail(`lists no models (expected a non-empty "models" list); ${RESTORE}`);
  const models: unknown[] = value.models;
  // the first entry of each id that is valid on its own
  const usable: ZooEntry[] = [];
  for (const entry of models) {
    const parsed = v.safeParse(EntrySchema, entry);
    if (parsed.success && !usable.some((m) => m.id === parsed.output.id)) usable.push(parsed.output);
  }
  for (const [i, entry] of models.entries()) {
    const error = entryError(entry, i);
    if (error) return fail(error, usable);
  }
  const ids = models.map((m) => (m as ZooEntry).id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) return fail(`lists model ${twice} twice; ${RESTORE}`, usable);
  const generatedBy = typeof value.generatedBy === 'string' ? value.generatedBy : '';
  return { ok: true, manifest: { version: MANIFEST_VERSION, generatedBy, models: usable } };
}
