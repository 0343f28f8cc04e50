import * as tf from '@tensorflow/tfjs';
import type { TriggerSpec } from '../attacks/types';
import type { EvalSet } from '../evaluate';
import type { ArchId } from '../model/arch';
import { forward } from '../model/forward';
import type { Params } from '../model/params';
import type { CheckpointKind } from '../pause-gate';
import type { TscSettings } from '../settings';
import type { DeviceDataset } from '../sgd';
import type { TraceEvent } from '../trace';
import type { CurveEvaluator } from './curve-evaluator';

/** Everything a defense run needs, prepared once by runDefense. */
export interface DefenseContext {
  arch: ArchId;
  attack: TriggerSpec;
  target: number;
  settings: TscSettings;
  /** clean subset D_c: on the device for training, as floats for permutation statistics */
  clean: DeviceDataset;
  cleanImages: Float32Array;
  /** fixed test subset for the curve landscapes */
  evalSet: EvalSet;
  /** measures each fitted curve and line on evalSet; default: in this thread (curve-evaluator.ts) */
  curveEvaluator?: CurveEvaluator;
  /** the full test split for ACC/ASR of outputs */
  testSet: EvalSet;
  emit: (event: TraceEvent) => void;
  signal?: AbortSignal;
  /** evaluate the growing curve every N epochs for live views (0 = never) */
  liveEvalEvery: number;
  /** the images those live snapshots are measured on: a prefix of evalSet, or evalSet itself */
  liveSet: EvalSet;
  /** called with each fitted curve's endpoints and control point before they are disposed (the page keeps clones to preview θ(t)) */
  onCurve?: (round: number, stage: number, a: Params, control: Params, b: Params) => void;
  /** awaited after every training epoch and every TSC stage: where a paused run waits (PauseGate) */
  checkpoint?: (at: CheckpointKind) => Promise<void>;
}

/** max |logits(p) − logits(q)| on the first n clean eval images: the π(θ) ≡ θ check. */
export async function maxLogitDifference(ctx: DefenseContext, p: Params, q: Params, n = 256): Promise<number> {
  const diff = tf.tidy(() => {
    const x = tf.slice(ctx.evalSet.clean.images, [0, 0], [Math.min(n, ctx.evalSet.clean.count), -1]);
    return tf.max(tf.abs(tf.sub(forward(ctx.arch, p, x), forward(ctx.arch, q, x))));
  });
  const value = (await diff.data())[0];
  diff.dispose();
  return value;
}
