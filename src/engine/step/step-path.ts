import * as tf from '@tensorflow/tfjs';
import { scopedChoice } from '../scoped-choice';

/**
 * Which implementation trains: 'lean' (src/engine/step/flat-stepper.ts, one flat buffer, fused
 * kernels) or 'reference' (src/engine/step/reference-stepper.ts, plain ops per
 * tensor). On cpu and wasm the two give the same bits (host-kernels.ts rounds like the plain ops),
 * so a trace recomputed on either is the same; the reference stays so that tests and
 * `npm run bench` can compare them in one process. 'lean-mlp-backward' is 'lean' with the MLP's
 * backward pass written out instead of tf.grad's tape (src/engine/step/mlp-backward.ts): faster
 * on WASM, equal only up to float rounding, which flips discrete choices (a permutation) over a
 * full TSC run, so it is opt-in. 'fused-per-tensor' is the reference's per-tensor layout with each
 * tensor's update as one kernel and θ(t) as one kernel per tensor (src/engine/step/per-tensor-stepper.ts),
 * the same bits as 'reference' on cpu and wasm.
 */
export type StepPath = 'lean' | 'reference' | 'lean-mlp-backward' | 'fused-per-tensor';

/**
 * Unless a caller picks one: 'lean' on GPU backends, where it halves the dispatches of a step, and
 * 'fused-per-tensor' on cpu and wasm, where the lean path's flat buffer (θ(t), the split, the
 * gradients' concat) costs more than its kernels save, while the per-tensor kernels made the MNIST
 * MLP's step faster than the reference's on both: `npx tsx scripts/profile-step.ts --compare
 * reference,fused-per-tensor,lean [--backend cpu]` prints the ratios (docs/runtime.md, "The lean curve
 * step", has the figures). All give the same bits there, so the choice changes speed only.
 */
const HOST_BACKENDS = new Set(['cpu', 'wasm']);
const choice = scopedChoice<StepPath>(() => (HOST_BACKENDS.has(tf.getBackend()) ? 'fused-per-tensor' : 'lean'));

export const stepPath = (): StepPath => choice.get();

/** Runs `f` with `path` selected, restoring the previous one after. Not for concurrent runs. */
export const withStepPath = <T>(path: StepPath, f: () => Promise<T>): Promise<T> => choice.with(path, f);
