import * as v from 'valibot';

/** One schema per field of T: each field is checked on its own, so one bad value does not sink its neighbours. */
export type FieldSchemas<T> = { [K in keyof T]-?: v.GenericSchema<unknown, T[K]> };

/** A value rebuilt from untrusted input, and the dotted names of the fields that were present but invalid. */
export interface Parsed<T> {
  value: T;
  dropped: string[];
}

/** An integer within [min, max]. */
export const intIn = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/** A finite number within [min, max]. */
export const numberIn = (min: number, max: number) => v.pipe(v.number(), v.minValue(min), v.maxValue(max));

/** The name `dropped` gives input that was not an object at all (and had no path to name it by). */
export const WHOLE_INPUT = '(all)';

export const isRecord = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

/**
 * Rebuilds T from untrusted input field by field: a field that passes its schema is kept, a missing
 * one takes the fallback silently (an older format may lack it), an invalid one takes the fallback
 * and is named in `dropped`. Unknown keys are ignored. Input that is not an object at all (but is
 * present) drops every field at once, named by `path`.
 */
export function parseFields<T extends object>(schemas: FieldSchemas<T>, input: unknown, fallback: T, path = ''): Parsed<T> {
  if (input === undefined) return { value: fallback, dropped: [] };
  if (!isRecord(input)) return { value: fallback, dropped: [path || WHOLE_INPUT] };
  const value = { ...fallback };
  const dropped: string[] = [];
  for (const key of Object.keys(schemas) as (keyof T & string)[]) {
    if (!Object.hasOwn(input, key) || input[key] === undefined) continue;
    const result = v.safeParse(schemas[key], input[key]);
    if (result.success) value[key] = result.output as T[typeof key];
    else dropped.push(path ? `${path}.${key}` : key);
  }
  return { value, dropped };
}
