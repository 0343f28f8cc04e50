import type * as v from 'valibot';

/*
 * Plain-words descriptions of a field's schema, for messages that must state the rule (the Node CLIs'
 * "--rounds must be an integer from 1 to 10, got 0"): read from the schema itself, so the words
 * cannot drift from the range that is enforced.
 */

type Step = { type: string; requirement?: unknown; options?: readonly unknown[] };

const stepsOf = (schema: v.GenericSchema): Step[] => {
  const s = schema as unknown as Step & { pipe?: Step[] };
  return s.pipe ?? [s];
};

/** The choices of a picklist schema, or null if it is not one. */
export function picklistOptions(schema: v.GenericSchema): string[] | null {
  const first = stepsOf(schema)[0];
  return first.type === 'picklist' && first.options ? first.options.map(String) : null;
}

/** "an integer from 1 to 10", "a number > 0 and ≤ 10", "a number ≥ 0": the numeric rules of a number schema. */
export function describeNumber(schema: v.GenericSchema): string {
  const steps = stepsOf(schema);
  const bound = (type: string) => steps.find((s) => s.type === type)?.requirement as number | undefined;
  const kind = steps.some((s) => s.type === 'integer') ? 'an integer' : 'a number';
  const [min, max, gt, lt] = [bound('min_value'), bound('max_value'), bound('gt_value'), bound('lt_value')];
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  const rules = [gt !== undefined && `> ${gt}`, min !== undefined && `≥ ${min}`, lt !== undefined && `< ${lt}`, max !== undefined && `≤ ${max}`].filter(
    Boolean,
  );
  return rules.length ? `${kind} ${rules.join(' and ')}` : kind;
}
