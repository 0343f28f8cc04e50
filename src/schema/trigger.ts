import * as v from 'valibot';
import { PIXELS, SIDE } from '../engine/data/datasets';
import type { TriggerKind, TriggerSpec } from '../engine/attacks/types';
import { describeRule, issueWords, shown } from './explain';
import { intIn, isRecord, numberIn } from './fields';

/*
 * A trigger the user described (the page's trigger editor, the CLI's --trigger, a file): each kind's
 * parameters with their ranges. The built-ins' ranges are the zoo manifest's (src/schema/manifest.ts),
 * widened where the attack allows it (a BadNet patch of any size, anywhere).
 */

const SEED = intIn(0, Number.MAX_SAFE_INTEGER);
const SHARE = v.pipe(v.number(), v.gtValue(0), v.maxValue(1));
const unitValues = v.pipe(v.array(numberIn(0, 1)), v.length(PIXELS));

export const TRIGGER_FIELDS = {
  badnet: {
    patchSize: intIn(1, SIDE),
    value: numberIn(0, 1),
    x: v.optional(intIn(0, SIDE - 1)),
    y: v.optional(intIn(0, SIDE - 1)),
  },
  blended: { alpha: SHARE, patternSeed: SEED },
  sig: { amplitude: SHARE, frequency: v.pipe(v.number(), v.gtValue(0), v.maxValue(SIDE)) },
  wanet: {
    k: intIn(1, SIDE),
    strength: v.pipe(v.number(), v.gtValue(0), v.maxValue(SIDE)),
    fieldSeed: SEED,
    noiseMode: v.boolean(),
    crossRatio: v.pipe(v.number(), v.finite(), v.minValue(0)),
  },
  'custom-patch': { pattern: unitValues, mask: unitValues, x: intIn(-(SIDE - 1), SIDE - 1), y: intIn(-(SIDE - 1), SIDE - 1) },
  'custom-blend': { image: unitValues, alpha: SHARE },
} as const;

export const TRIGGER_KINDS = Object.keys(TRIGGER_FIELDS) as TriggerKind[];

const PICTURE_RULE = `${PIXELS} numbers from 0 to 1 (${SIDE}×${SIDE}, row by row)`;

/** A field's rule in words ("an integer from 1 to 28"), for messages. */
export function triggerFieldRule(kind: TriggerKind, field: string): string {
  const schema = (TRIGGER_FIELDS[kind] as Record<string, v.GenericSchema>)[field];
  if (field === 'pattern' || field === 'mask' || field === 'image') return PICTURE_RULE;
  const inner = (schema as unknown as { type: string; wrapped?: v.GenericSchema }).wrapped ?? schema;
  return describeRule(inner);
}

const SCHEMAS = {
  badnet: v.object({ kind: v.literal('badnet'), ...TRIGGER_FIELDS.badnet }),
  blended: v.object({ kind: v.literal('blended'), ...TRIGGER_FIELDS.blended }),
  sig: v.object({ kind: v.literal('sig'), ...TRIGGER_FIELDS.sig }),
  wanet: v.object({ kind: v.literal('wanet'), ...TRIGGER_FIELDS.wanet }),
  'custom-patch': v.object({ kind: v.literal('custom-patch'), ...TRIGGER_FIELDS['custom-patch'] }),
  'custom-blend': v.object({ kind: v.literal('custom-blend'), ...TRIGGER_FIELDS['custom-blend'] }),
};

/** What was wrong: the field (absent when the whole value was), and the sentence. */
export type TriggerResult = { ok: true; spec: TriggerSpec } | { ok: false; field?: string; problem: string; message: string };

const isKind = (kind: unknown): kind is TriggerKind => typeof kind === 'string' && (TRIGGER_KINDS as string[]).includes(kind);

/**
 * Checks an untrusted trigger description. Never throws. `problem` is the found-and-expected part
 * ("40, expected an integer from 1 to 28"), so a caller that names fields differently (the CLI's
 * "size" for patchSize) can say it in its own words; `message` is the whole sentence.
 */
export function parseTrigger(input: unknown): TriggerResult {
  const fail = (problem: string, field?: string, label = field): TriggerResult => ({
    ok: false,
    field,
    problem,
    message: label ? `trigger ${label} is ${problem}` : `trigger is ${problem}`,
  });
  if (!isRecord(input)) return fail(`${shown(input)}, expected an object with a kind and its parameters`);
  if (!isKind(input.kind)) return fail(`${shown(input.kind)}, expected one of ${TRIGGER_KINDS.join(', ')}`, 'kind');
  const kind = input.kind;
  const parsed = v.safeParse(SCHEMAS[kind], input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const field = String(issue.path?.[0]?.key ?? 'kind');
    const rule = triggerFieldRule(kind, field);
    if (issue.type === 'length' && Array.isArray(issue.input)) return fail(`a list of ${issue.input.length} values, expected ${rule}`, field);
    const index = issue.path?.[1]?.key;
    if (typeof index === 'number') return fail(`${shown(issue.input)}, expected a number from 0 to 1`, field, `${field} value ${index + 1}`);
    return fail(issueWords(issue, { [field]: rule }), field);
  }
  const spec = parsed.output as TriggerSpec;
  if (spec.kind === 'badnet' && (spec.x !== undefined || spec.y !== undefined)) {
    const corner = SIDE - spec.patchSize;
    const [x, y] = [spec.x ?? corner, spec.y ?? corner];
    const field = x > corner ? 'x' : y > corner ? 'y' : null;
    if (field)
      return fail(`${field === 'x' ? x : y}, expected at most ${corner} so that a ${spec.patchSize}×${spec.patchSize} patch fits in ${SIDE}×${SIDE}`, field);
  }
  return { ok: true, spec };
}
