import * as v from 'valibot';
import { describeNumber, picklistOptions } from './describe';

/*
 * Words for messages about untrusted files: what was found (quoted, cut short, so a hostile name
 * stays one line of plain text) and what was expected (read from the field's own schema).
 */

const MAX_SHOWN = 40;

/** A value from an untrusted file as short plain text: strings quoted and cut, numbers as written (NaN, Infinity included). */
export function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** 1234567 → "1,234,567" (sizes and counts in messages). */
export const grouped = (n: number): string => n.toLocaleString('en-US');

/** The rule a schema enforces, in words: "one of mlp, cnn", "an integer from 0 to 9", "true or false". */
export function describeRule(schema: v.GenericSchema): string {
  const options = picklistOptions(schema);
  if (options) return `one of ${options.join(', ')}`;
  const type = (schema as unknown as { pipe?: { type: string }[]; type: string }).pipe?.[0]?.type ?? schema.type;
  if (type === 'number') return describeNumber(schema);
  if (type === 'boolean') return 'true or false';
  if (type === 'string') return 'a string';
  return `a valid ${type}`;
}

/**
 * One valibot issue as "<path> is <value>, expected <rule>": the rule comes from `rules` by the
 * field's name (the last key of the path), or from the issue itself when the field has none.
 */
export function explainIssue(issue: v.BaseIssue<unknown>, rules: Record<string, string>, path = v.getDotPath(issue) ?? '(top)'): string {
  const key = issue.path?.at(-1)?.key;
  const rule = (typeof key === 'string' ? rules[key] : undefined) ?? issue.expected ?? 'a valid value';
  if (issue.input === undefined) return `${path} is missing (expected ${rule})`;
  return `${path} is ${shown(issue.input)}, expected ${rule}`;
}
