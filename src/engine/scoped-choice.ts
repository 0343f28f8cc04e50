/**
 * A module-wide implementation choice (which step path, which evaluation path) with a default that
 * depends on the backend, which benchmarks and tests may override for the length of one async call.
 * Not for concurrent runs: the override is global while `f` runs.
 */
export function scopedChoice<T>(byDefault: () => T) {
  let current: T | null = null;
  return {
    get: (): T => current ?? byDefault(),
    async with<R>(value: T, f: () => Promise<R>): Promise<R> {
      const previous = current;
      current = value;
      try {
        return await f();
      } finally {
        current = previous;
      }
    },
  };
}
