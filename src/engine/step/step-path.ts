/**
 * Which implementation trains: 'lean' (src/engine/step/flat-stepper.ts, one flat buffer, fused
 * kernels; the default) or 'reference' (src/engine/step/reference-stepper.ts, plain ops per
 * tensor). On cpu and wasm the two give the same bits (host-kernels.ts rounds like the plain ops),
 * so a trace recomputed on either is the same; the reference stays so that tests and
 * `npm run bench` can compare them in one process. 'lean-mlp-backward' is 'lean' with the MLP's
 * backward pass written out instead of tf.grad's tape (src/engine/step/mlp-backward.ts): faster
 * on WASM, equal only up to float rounding, which flips discrete choices (a permutation) over a
 * full TSC run, so it is opt-in.
 */
export type StepPath = 'lean' | 'reference' | 'lean-mlp-backward';

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
