/**
 * Which implementation trains: 'lean' (src/engine/step/flat-stepper.ts, one flat buffer, fused
 * kernels; the default) or 'reference' (src/engine/step/reference-stepper.ts, plain ops per
 * tensor). Both are the same math; the reference stays so that tests and `npm run bench` can
 * compare the two in one process.
 */
export type StepPath = 'lean' | 'reference';

let current: StepPath = 'lean';

export function stepPath(): StepPath {
  return current;
}

/** Runs `f` with `path` selected, restoring the previous one after. Not for concurrent runs. */
export async function withStepPath<T>(path: StepPath, f: () => Promise<T>): Promise<T> {
  const previous = current;
  current = path;
  try {
    return await f();
  } finally {
    current = previous;
  }
}
