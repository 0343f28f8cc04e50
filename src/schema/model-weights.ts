import { grouped } from './explain';
import { checkModelJson, regenerate, type CheckedModelJson, type ModelFileRefs } from './model-json';

/*
 * A zoo model's weights shard, checked against its checked model.json before tfjs decodes it: the
 * byte length must be what the manifest declares (a short file would otherwise fail halfway through
 * decoding), and every value finite (tfjs would load NaN or Infinity without a word, and every
 * curve fitted from them would be NaN).
 */

/** Index of the first NaN or ±Infinity among `count` values from `start`, or -1. */
export function firstNonFinite(values: Float32Array, start: number, count: number): number {
  for (let i = 0; i < count; i++) if (!Number.isFinite(values[start + i])) return i;
  return -1;
}

/** A Float32Array over the bytes (a view when 4-byte aligned; Node's file buffers may start anywhere in a pool, so else a copy). */
export const float32View = (bytes: Uint8Array, count: number): Float32Array =>
  bytes.byteOffset % 4 === 0 ? new Float32Array(bytes.buffer, bytes.byteOffset, count) : new Float32Array(bytes.slice(0, count * 4).buffer);

/** The first problem with the weights bytes, as a message, or null. Reads the bytes only; allocates no tensor. */
export function weightsError(modelJson: CheckedModelJson, bytes: Uint8Array, refs: ModelFileRefs): string | null {
  const file = `models/${refs.weights}`;
  const fix = regenerate(refs.id);
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const sizes = specs.map((s) => s.shape.reduce((n, d) => n * d, 1));
  const declared = sizes.reduce((a, b) => a + b, 0) * 4;
  if (bytes.byteLength !== declared) {
    const why = bytes.byteLength < declared ? 'the file is cut short' : `the file has ${grouped(bytes.byteLength - declared)} bytes too many`;
    return `${file} is ${grouped(bytes.byteLength)} bytes; model.json declares ${grouped(declared)}: ${why} — ${fix}.`;
  }
  const values = float32View(bytes, declared / 4);
  let offset = 0;
  for (const [k, spec] of specs.entries()) {
    const i = firstNonFinite(values, offset, sizes[k]);
    if (i >= 0)
      return `${file}: weight "${spec.name}" holds ${values[offset + i]} at index ${grouped(i)} of ${grouped(sizes[k])}: the model is broken — ${fix}.`;
    offset += sizes[k];
  }
  return null;
}

export type ModelFilesResult = { ok: true; modelJson: CheckedModelJson } | { ok: false; message: string };

/** Both files of a zoo model, model.json first (its JSON text or parsed value), then the weights against it. Never throws. */
export function checkModelFiles(refs: ModelFileRefs, modelJson: unknown, weights: Uint8Array): ModelFilesResult {
  const checked = checkModelJson(modelJson, refs);
  if (!checked.ok) return checked;
  const error = weightsError(checked.modelJson, weights, refs);
  return error ? { ok: false, message: error } : checked;
}
