import { archInfo, type ArchId } from '../engine/model/arch';
import { grouped, shown } from './explain';
import type { WeightedLayer } from './model-import-topology';
import { declaredBytes, MAX_WEIGHT_BYTES, type ManifestWeight } from './model-json';
import { firstNonFinite } from './model-weights';

/*
 * The weights of an imported model, checked against its topology and gathered into the engine's
 * order: the manifest's names ('dense_1/kernel', 'sequential/conv2d/kernel:0') map to the positional
 * ones ('fc2/kernel', 'conv1/kernel') by layer, dtypes and shapes are checked, the shards' lengths
 * against the manifest, and only then is one buffer allocated and every value checked finite.
 */

export interface ManifestGroup {
  paths: string[];
  weights: ManifestWeight[];
}

export type GatherResult = { ok: true; weights: Uint8Array; notes: string[] } | { ok: false; message: string };

/** The file name a manifest path refers to ('./group1-shard1of2.bin' → 'group1-shard1of2.bin'). */
export const baseName = (path: string): string => path.split(/[/\\]/).at(-1) ?? path;

const isOptimizer = (w: ManifestWeight) => w.group === 'optimizer';
const BYTES_PER: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
const QUANTIZED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };
const sizeOf = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);

/** 'sequential/dense_1/kernel:0' → { layer: 'dense_1', kind: 'kernel' } */
function nameParts(name: string): { layer: string; kind: string } {
  const parts = name.replace(/:\d+$/, '').split('/');
  return { layer: parts.at(-2) ?? '', kind: parts.at(-1) ?? '' };
}

/** Positional name of each model weight (by index into `weights`), by its layer's name, else by order; or why neither works. */
function positionalNames(weights: ManifestWeight[], weighted: WeightedLayer[], notes: string[]): Map<number, string> | string {
  const byName = new Map<number, string>();
  let unmatched: ManifestWeight | null = null;
  for (const [i, w] of weights.entries()) {
    if (isOptimizer(w)) continue;
    const { layer, kind } = nameParts(w.name);
    const owner = weighted.find((l) => l.sourceName === layer);
    if (!owner || (kind !== 'kernel' && kind !== 'bias')) unmatched ??= w;
    else byName.set(i, `${owner.position}/${kind}`);
  }
  if (!unmatched) return byName;
  // some exporters name weights by variable, not by layer: fall back to the order, kernel then bias per layer
  const model = [...weights.entries()].filter(([, w]) => !isOptimizer(w));
  const kinds = model.map(([, w]) => nameParts(w.name).kind);
  if (model.length === 2 * weighted.length && kinds.every((k, j) => k === (j % 2 === 0 ? 'kernel' : 'bias'))) {
    notes.push('the weights were matched to the layers by their order (their names do not name the layers)');
    return new Map(model.map(([i], j) => [i, `${weighted[j >> 1].position}/${kinds[j]}`]));
  }
  const layers = weighted.map((l) => shown(l.sourceName)).join(', ');
  return `weight ${shown(unmatched.name)} is not the kernel or bias of a Dense or Conv2D layer of the topology (layers with weights: ${layers})`;
}

/** The first weight whose dtype, quantization, name or shape is not what the architecture needs. */
function specError(weights: ManifestWeight[], names: Map<number, string>, arch: ArchId): string | null {
  const { params } = archInfo(arch);
  const seen = new Map<string, string>();
  for (const [i, w] of weights.entries()) {
    if (w.quantization !== undefined) return `weight ${shown(w.name)} is quantized; export it without quantization (float32 weights)`;
    if (isOptimizer(w)) {
      if (!(w.dtype in BYTES_PER)) return `weight ${shown(w.name)} has dtype ${shown(w.dtype)}; expected float32`;
      continue;
    }
    if (w.dtype !== 'float32') return `weight ${shown(w.name)} is ${shown(w.dtype)}; only float32 weights are supported`;
    const position = names.get(i) ?? '';
    const other = seen.get(position);
    if (other !== undefined) return `weights ${shown(other)} and ${shown(w.name)} both are ${position}`;
    seen.set(position, w.name);
    const expected = params.find((p) => p.name === position);
    if (!expected) return `weight ${shown(w.name)} (${position}) is not a weight of ${arch}`;
    if (w.shape.join(',') !== expected.shape.join(',')) {
      return `weight ${shown(w.name)} (${position}) has shape [${w.shape.join(', ')}]; the topology needs [${expected.shape.join(', ')}]`;
    }
  }
  const missing = params.find((p) => !seen.has(p.name));
  return missing ? `has no weight for ${missing.name} (the topology's ${missing.role} of that layer)` : null;
}

const byteCount = (w: ManifestWeight) => {
  const per = w.quantization !== undefined ? (QUANTIZED_BYTES[String((w.quantization as { dtype?: unknown }).dtype)] ?? 4) : (BYTES_PER[w.dtype] ?? 4);
  return sizeOf(w.shape) * per;
};

/** Each group's shards against the bytes its weights declare: cut short or too long, by how much. */
function lengthError(groups: ManifestGroup[], shards: Map<string, Uint8Array>, file: string): string | null {
  for (const group of groups) {
    const declared = group.weights.reduce((n, w) => n + byteCount(w), 0);
    const found = group.paths.reduce((n, p) => n + (shards.get(baseName(p))?.byteLength ?? 0), 0);
    if (found === declared) continue;
    const files = group.paths.map((p) => shown(baseName(p))).join(', ');
    const why = found < declared ? `cut short by ${grouped(declared - found)} bytes` : `${grouped(found - declared)} bytes too long`;
    return `weight shard${group.paths.length > 1 ? 's' : ''} ${files} hold${group.paths.length > 1 ? '' : 's'} ${grouped(found)} bytes; ${file} declares ${grouped(declared)}: ${why}`;
  }
  return null;
}

/** Copies `length` bytes from `start` of the shards read as one stream into `out` at `at`. */
function copyRange(parts: Uint8Array[], start: number, length: number, out: Uint8Array, at: number): void {
  let skip = start;
  let left = length;
  for (const part of parts) {
    if (left === 0) return;
    if (skip >= part.byteLength) {
      skip -= part.byteLength;
      continue;
    }
    const take = Math.min(part.byteLength - skip, left);
    out.set(part.subarray(skip, skip + take), at + length - left);
    left -= take;
    skip = 0;
  }
}

/**
 * The model's weights as one float32 buffer in archInfo(arch).params order, after every check;
 * allocates nothing before the declared size passed the cap and the shards their lengths. `file`
 * names the model.json in messages.
 */
export function gatherWeights(
  arch: ArchId,
  groups: ManifestGroup[],
  shards: Map<string, Uint8Array>,
  weighted: WeightedLayer[],
  file = 'model.json',
): GatherResult {
  const fail = (message: string): GatherResult => ({ ok: false, message });
  const all = groups.flatMap((g) => g.weights);
  const declared = declaredBytes(all);
  if (declared > MAX_WEIGHT_BYTES) return fail(`${file} declares ${grouped(declared)} bytes of weights; the limit is ${grouped(MAX_WEIGHT_BYTES)}`);
  const notes: string[] = [];
  const names = positionalNames(all, weighted, notes);
  if (typeof names === 'string') return fail(`${file}: ${names}`);
  const specProblem = specError(all, names, arch);
  if (specProblem) return fail(`${file}${specProblem.startsWith('has ') ? ' ' : ': '}${specProblem}`);
  const lengthProblem = lengthError(groups, shards, file);
  if (lengthProblem) return fail(lengthProblem);

  const { params } = archInfo(arch);
  const offsets = new Map<string, { parts: Uint8Array[]; start: number; source: string }>();
  let index = 0;
  for (const group of groups) {
    const parts = group.paths.map((p) => shards.get(baseName(p)) ?? new Uint8Array(0));
    let start = 0;
    for (const w of group.weights) {
      const position = names.get(index++);
      if (position) offsets.set(position, { parts, start, source: w.name });
      start += byteCount(w);
    }
  }
  const values = new Float32Array(params.reduce((n, p) => n + sizeOf(p.shape), 0));
  const bytes = new Uint8Array(values.buffer);
  let at = 0;
  for (const p of params) {
    const from = offsets.get(p.name);
    const size = sizeOf(p.shape);
    if (from) copyRange(from.parts, from.start, size * 4, bytes, at * 4);
    const bad = firstNonFinite(values, at, size);
    if (bad >= 0)
      return fail(`weight ${shown(from?.source)} (${p.name}) holds ${values[at + bad]} at index ${grouped(bad)} of ${grouped(size)}: the model is broken`);
    at += size;
  }
  return { ok: true, weights: bytes, notes };
}
