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

/** "("tsc" | "mcr")" → "tsc, mcr": valibot's list of the allowed values, as plain words. */
const choices = (expected: string): string =>
  expected
    .replace(/^\((.*)\)$/, '$1')
    .split(' | ')
    .map((option) => (/^".*"$/.test(option) ? option.slice(1, -1) : option))
    .join(', ');

/** The rule a failed check stood for, in words, read from the issue alone. */
function expectedWords(issue: v.BaseIssue<unknown>): string {
  const r = (issue as { requirement?: unknown }).requirement;
  switch (issue.type) {
    case 'finite':
      return 'a finite number';
    case 'integer':
      return 'an integer';
    case 'min_value':
      return `a number ≥ ${String(r)}`;
    case 'max_value':
      return `a number ≤ ${String(r)}`;
    case 'gt_value':
      return `a number > ${String(r)}`;
    case 'lt_value':
      return `a number < ${String(r)}`;
    case 'min_length':
      return typeof issue.input === 'string' ? `text of at least ${String(r)} characters` : `at least ${String(r)} items`;
    case 'max_length':
      return typeof issue.input === 'string' ? `text of at most ${String(r)} characters` : `at most ${String(r)} items`;
    case 'picklist':
    case 'variant':
    case 'union':
      return `one of ${choices(issue.expected ?? '')}`;
    case 'literal':
      return choices(issue.expected ?? '');
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    default:
      return issue.expected ?? 'a valid value';
  }
}

/**
 * What one valibot issue found and what was expected: `1.5, expected a number ≤ 1`. The rule comes
 * from `rules` by the field's name (the last named key of the path, so a list's items take the
 * list's rule), else from the issue itself. A missing field is "missing" (with its rule when known).
 */
export function issueWords(issue: v.BaseIssue<unknown>, rules: Record<string, string> = {}): string {
  const key = [...(issue.path ?? [])].reverse().find((p) => typeof p.key === 'string')?.key;
  const rule = typeof key === 'string' ? rules[key] : undefined;
  if (issue.input === undefined) return rule ? `missing, expected ${rule}` : 'missing';
  return `${shown(issue.input)}, expected ${rule ?? expectedWords(issue)}`;
}

/** One valibot issue as "<path> is <found>, expected <rule>" (see issueWords). */
export const explainIssue = (issue: v.BaseIssue<unknown>, rules: Record<string, string>, path = v.getDotPath(issue) ?? '(top)'): string =>
  `${path} is ${issueWords(issue, rules)}`;
