/**
 * `value` when it is neither null nor undefined, else a clear Error naming what was missing. Used
 * where a value must exist (an id looked up in a list it is known to be in, a result the code has
 * just produced) in place of a non-null assertion, which would fail later with a bare TypeError.
 */
export function defined<T>(value: T, what: string): NonNullable<T> {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}
