// Test-only helpers for the defense tests: a DefenseContext over seeded random images (no files read).
import * as tf from '@tensorflow/tfjs';
import { PIXELS } from '../data/datasets';
import { EvalSet } from '../evaluate';
import { cloneParams, type Params } from '../model/params';
import { makeRng } from '../random';
import { withDefaults, type TscSettings } from '../settings';
import { DeviceDataset } from '../sgd';
import type { TraceEvent } from '../trace';
import type { DefenseContext } from './context';

export function randomImages(n: number, seed: number): Float32Array {
  const rng = makeRng(`defense-images:${seed}`);
  return Float32Array.from({ length: n * PIXELS }, () => rng());
}

export const labelsOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) % 10);

/** A run's context with `cleanCount` clean images and `testCount` test images (BadNet, target 0); `dispose` frees its tensors. */
export function tinyContext(settings: Partial<TscSettings>, cleanCount = 48, testCount = 60): DefenseContext & { events: TraceEvent[]; dispose(): void } {
  const cleanImages = randomImages(cleanCount, 1);
  const testImages = randomImages(testCount, 2);
  const testLabels = labelsOf(testCount, 3);
  const attack = { kind: 'badnet', patchSize: 3, value: 1 } as const;
  const events: TraceEvent[] = [];
  const clean = new DeviceDataset(cleanImages, labelsOf(cleanCount, 0));
  const evalSet = EvalSet.build(testImages, testLabels, attack, 0);
  return {
    arch: 'mlp',
    attack,
    target: 0,
    settings: withDefaults(settings),
    clean,
    cleanImages,
    evalSet,
    testSet: evalSet,
    emit: (e) => events.push(e),
    liveEvalEvery: 0,
    liveSet: evalSet,
    events,
    dispose: () => {
      clean.dispose();
      evalSet.dispose();
    },
  };
}

/** Keeps clones of the curve a run reports through onCurve (the run disposes its own). */
export function captureCurve(ctx: DefenseContext): () => { a: Params; c: Params; b: Params } {
  let seen: { a: Params; c: Params; b: Params } | undefined;
  ctx.onCurve = (_round, _stage, a, c, b) => {
    seen = { a: cloneParams(a), c: cloneParams(c), b: cloneParams(b) };
  };
  return () => {
    if (!seen) throw new Error('the run reported no curve');
    return seen;
  };
}

export async function maxAbsDiff(a: Params, b: Params): Promise<number> {
  return Math.max(...(await Promise.all(Object.keys(b).map((n) => scalarOf(() => tf.max(tf.abs(tf.sub(a[n], b[n]))))))));
}

/** max over tensors of max|a − b| / max|b|: for float32 results reached by different op orders. */
export async function relativeDiff(a: Params, b: Params): Promise<number> {
  let worst = 0;
  for (const n of Object.keys(b)) {
    const diff = await scalarOf(() => tf.max(tf.abs(tf.sub(a[n], b[n]))));
    worst = Math.max(worst, diff / Math.max(1e-3, await scalarOf(() => tf.max(tf.abs(b[n])))));
  }
  return worst;
}

async function scalarOf(f: () => tf.Tensor): Promise<number> {
  const t = tf.tidy(f);
  const v = (await t.data())[0];
  t.dispose();
  return v;
}
