import { SIDE } from '../data/datasets';
import { makeRng, permutationOf } from '../random';
import { badnetOrigin, badnetTrigger } from './badnet';
import { gatherImages, imageCount, scatterImages } from './batch';
import { blendedTrigger } from './blended';
import { customBlendTrigger, customPatchTrigger } from './custom';
import { sigTrigger } from './sig';
import type { AttackKind, AttackSpec, TriggerSpec } from './types';
import { wanetNoisyTrigger, wanetTrigger } from './wanet';

export * from './types';
export { gatherImages } from './batch';
export { badnetOrigin, badnetTrigger } from './badnet';
export { blendInto, blendPattern, blendedTrigger } from './blended';
export { customBlendTrigger, customPatchTrigger } from './custom';
export { blendImageFromRgba, patchFromRgba, type RgbaPixels } from './rgba';
export { sigSignal, sigTrigger } from './sig';
export { warpField, warpImages, wanetTrigger, wanetNoisyTrigger } from './wanet';

/** Default parameters of each attack (docs/method.md §8). */
export function defaultAttack(kind: AttackKind): AttackSpec {
  switch (kind) {
    case 'badnet':
      return { kind, patchSize: 3, value: 1 };
    case 'blended':
      return { kind, alpha: 0.2, patternSeed: 1234 };
    case 'sig':
      return { kind, amplitude: 20 / 255, frequency: 6 };
    case 'wanet':
      return { kind, k: 4, strength: 0.5, fieldSeed: 4321, noiseMode: false, crossRatio: 2 };
  }
}

/** Test-time trigger on every image of the batch; returns a new array. */
export function applyTrigger(spec: TriggerSpec, images: Float32Array): Float32Array {
  switch (spec.kind) {
    case 'badnet':
      return badnetTrigger(spec, images);
    case 'blended':
      return blendedTrigger(spec, images);
    case 'sig':
      return sigTrigger(spec, images);
    case 'wanet':
      return wanetTrigger(spec, images);
    case 'custom-patch':
      return customPatchTrigger(spec, images);
    case 'custom-blend':
      return customBlendTrigger(spec, images);
  }
}

export interface PoisonOptions {
  target: number;
  rate: number;
  seed: number;
}

export interface PoisonedSet {
  images: Float32Array;
  labels: Uint8Array;
  poisonedIndices: Int32Array;
  crossIndices: Int32Array;
}

/** `count` seeded picks from `pool`, returned sorted ascending. */
function pick(pool: number[], count: number, rng: () => number): Int32Array {
  const perm = permutationOf(pool.length, rng);
  const chosen = new Int32Array(count);
  for (let k = 0; k < count; k++) chosen[k] = pool[perm[k]];
  return chosen.sort();
}

/**
 * All-to-one training-set poisoning (docs/method.md §8). n = round(rate·N).
 * - badnet / blended / wanet / custom-patch / custom-blend: n samples with label ≠ target get the trigger and label := target.
 * - sig (clean-label): min(n, #target) samples already labelled target get the trigger; labels kept.
 * - wanet noiseMode: round(crossRatio·n) further, non-poisoned samples get a noisy warp, labels kept.
 * Inputs are not modified; all random choices come from `opts.seed`.
 */
export function poisonTrainingSet(spec: TriggerSpec, images: Float32Array, labels: Uint8Array, opts: PoisonOptions): PoisonedSet {
  const N = imageCount(images);
  if (labels.length !== N) throw new Error(`labels length ${labels.length} ≠ image count ${N}`);
  if (!(opts.rate >= 0 && opts.rate <= 1)) throw new Error(`poison rate must be in [0,1], got ${opts.rate}`);
  const { target } = opts;
  const rng = makeRng(`poison:${spec.kind}:${opts.seed}`);
  const n = Math.round(opts.rate * N);

  const cleanLabel = spec.kind === 'sig';
  const pool: number[] = [];
  for (let i = 0; i < N; i++) if ((labels[i] === target) === cleanLabel) pool.push(i);
  // Clean-label can only use target-class samples; dirty-label is capped by non-target ones.
  const poisonedIndices = pick(pool, Math.min(n, pool.length), rng);

  const outImages = new Float32Array(images);
  const outLabels = new Uint8Array(labels);
  scatterImages(outImages, applyTrigger(spec, gatherImages(images, poisonedIndices)), poisonedIndices);
  if (!cleanLabel) for (const i of poisonedIndices) outLabels[i] = target;

  let crossIndices: Int32Array = new Int32Array(0);
  if (spec.kind === 'wanet' && spec.noiseMode) {
    const poisoned = new Set(poisonedIndices);
    const rest: number[] = [];
    for (let i = 0; i < N; i++) if (!poisoned.has(i)) rest.push(i);
    const nCross = Math.min(Math.round(spec.crossRatio * n), rest.length);
    crossIndices = pick(rest, nCross, rng);
    scatterImages(outImages, wanetNoisyTrigger(spec, gatherImages(images, crossIndices), rng), crossIndices);
  }

  return { images: outImages, labels: outLabels, poisonedIndices, crossIndices };
}

/** Short human-readable description for the UI. */
export function describeAttack(spec: TriggerSpec): string {
  switch (spec.kind) {
    case 'badnet': {
      const s = `${spec.patchSize}×${spec.patchSize}`;
      const colour = spec.value >= 1 ? 'white' : `value ${spec.value.toFixed(2)}`;
      const { x, y } = badnetOrigin(spec);
      const corner = SIDE - spec.patchSize;
      const where = x === corner && y === corner ? 'bottom-right' : `at x ${x}, y ${y}`;
      return `BadNet ${s} ${colour} patch (${where})`;
    }
    case 'blended':
      return `Blended noise pattern (α = ${spec.alpha}, seed ${spec.patternSeed})`;
    case 'sig':
      return `SIG sinusoid, clean-label (Δ = ${Math.round(spec.amplitude * 255)}/255, f = ${spec.frequency})`;
    case 'wanet': {
      const base = `WaNet warp (k = ${spec.k}, s = ${spec.strength})`;
      return spec.noiseMode ? `${base} + noise mode (cross ratio ${spec.crossRatio})` : base;
    }
    case 'custom-patch': {
      const drawn = spec.mask.filter((m) => m > 0).length;
      return `Custom patch (${drawn} pixels, shifted x ${spec.x}, y ${spec.y})`;
    }
    case 'custom-blend':
      return `Custom blend image (α = ${spec.alpha})`;
  }
}
