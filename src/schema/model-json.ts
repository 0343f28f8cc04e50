import * as v from 'valibot';
import { archInfo, paramCount, type ArchId, type ZooArchId } from '../engine/model/arch';
import { explainIssue, grouped, shown } from './explain';
import { isRecord } from './fields';

/*
 * A zoo model's model.json (tfjs Layers format), checked before any weight is decoded: the layers
 * must be the ones the engine runs (src/engine/model/arch.ts; the engine reads only the weights and
 * runs its own forward pass, so any other layer would be silently ignored), the weights manifest
 * must name exactly the architecture's weights with their shapes, and the declared size is capped
 * before anything is allocated.
 */

/** A zoo model's files (paths relative to models/), as the manifest lists them. */
export interface ModelFileRefs {
  id: string;
  arch: ArchId;
  modelJson: string;
  weights: string;
}

/** Far above any model the engine runs (the largest, the MLP, is about 1 MB): a bigger declaration is refused unread. */
export const MAX_WEIGHT_BYTES = 50 * 1024 * 1024;

export const SUPPORTED_LAYERS = ['Dense', 'Conv2D', 'MaxPooling2D', 'Flatten', 'InputLayer'];
const SUPPORTED_ACTIVATIONS = ['relu', 'linear'];
const SUPPORTED = `this engine runs only ${SUPPORTED_LAYERS.slice(0, -1).join(', ')} and ${SUPPORTED_LAYERS.at(-1)} layers with relu or linear activations (src/engine/model/arch.ts)`;

/** One layer (InputLayer aside) as src/engine/model/layers-format.ts builds it: class, and name and activation where it has weights. */
export interface ExpectedLayer {
  cls: string;
  name?: string;
  activation?: string;
}

/** An architecture's layers as src/engine/model/layers-format.ts builds them (read from archInfo, so any 'seq:' id has them). */
export function archLayers(arch: ArchId): ExpectedLayer[] {
  return archInfo(arch).layers.map((l): ExpectedLayer => {
    if (l.kind === 'dense') return { cls: 'Dense', name: l.name, activation: l.relu ? 'relu' : 'linear' };
    if (l.kind === 'conv') return { cls: 'Conv2D', name: l.name, activation: 'relu' };
    return { cls: l.kind === 'pool' ? 'MaxPooling2D' : 'Flatten' };
  });
}

/** The zoo's two architectures' layers. */
export const ARCH_LAYERS: Record<ZooArchId, ExpectedLayer[]> = { mlp: archLayers('mlp'), cnn: archLayers('cnn') };

const WeightSpecSchema = v.object({
  name: v.pipe(v.string(), v.maxLength(200)),
  shape: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1))), v.maxLength(8)),
  dtype: v.string(),
  quantization: v.optional(v.unknown()),
  /** tfjs marks optimizer state 'optimizer'; model weights have no group or 'model' */
  group: v.optional(v.string()),
});
export type ManifestWeight = v.InferOutput<typeof WeightSpecSchema>;
export const WeightsManifestSchema = v.array(v.object({ paths: v.pipe(v.array(v.string()), v.minLength(1)), weights: v.array(WeightSpecSchema) }));
export const MANIFEST_RULES: Record<string, string> = {
  weightsManifest: 'a list of {paths, weights} groups',
  paths: 'a non-empty list of file names',
  weights: 'a list of {name, shape, dtype}',
  name: 'a string of at most 200 characters',
  shape: 'a list of at most 8 integers from 0 to 2147483647',
  dtype: 'a string',
};

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** A model.json that passed every check; assignable to tf.io.ModelJSON. */
export interface CheckedModelJson {
  format: 'layers-model';
  modelTopology: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

export type ModelJsonResult = { ok: true; modelJson: CheckedModelJson } | { ok: false; message: string };

/** The fix for any broken zoo file. */
export const regenerate = (id: string) => `regenerate with \`npm run train-models -- --only ${id}\``;

/** The layer list of a Sequential topology, also when Keras wraps it in model_config or writes config as the bare list. */
export function layersOf(topology: Record<string, unknown>): unknown[] | null {
  const model = isRecord(topology.model_config) ? topology.model_config : topology;
  const config = model.config;
  if (Array.isArray(config)) return config;
  return isRecord(config) && Array.isArray(config.layers) ? config.layers : null;
}

/** The first layer that is not what the architecture has, as a message (without the fix). */
function layersError(layers: unknown[], arch: ArchId): string | null {
  const title = archInfo(arch).title;
  const found: { cls: string; name: unknown; activation: unknown }[] = [];
  for (const [i, layer] of layers.entries()) {
    const config = isRecord(layer) && isRecord(layer.config) ? layer.config : {};
    const cls = isRecord(layer) ? layer.class_name : undefined;
    if (typeof cls !== 'string') return `layer ${i + 1} has no class_name`;
    const label = `layer ${i + 1} (${shown(config.name)})`;
    if (!SUPPORTED_LAYERS.includes(cls)) return `${label} is a ${shown(cls)} layer; ${SUPPORTED}`;
    if (config.activation !== undefined && !SUPPORTED_ACTIVATIONS.includes(String(config.activation))) {
      return `${label} has activation ${shown(config.activation)}; ${SUPPORTED}`;
    }
    if (cls !== 'InputLayer') found.push({ cls, name: config.name, activation: config.activation });
  }
  const want = archLayers(arch);
  const words = (l: { cls: string; name?: unknown }) => (l.name === undefined ? l.cls : `${l.cls} ${shown(l.name)}`);
  for (let i = 0; i < Math.max(found.length, want.length); i++) {
    const [got, expected] = [found[i], want[i]];
    if (!got) return `has ${found.length} layers; the ${title} has ${want.length} (${want.map(words).join(', ')})`;
    if (!expected) return `layer ${i + 1} (${words(got)}) is one too many: the ${title} has ${want.length} layers`;
    if (got.cls !== expected.cls || (expected.name !== undefined && got.name !== expected.name)) {
      return `layer ${i + 1} is ${words(got)}; the ${title} has ${words(expected)} there`;
    }
    if (expected.activation !== undefined && (got.activation ?? 'linear') !== expected.activation) {
      return `layer ${i + 1} (${shown(got.name)}) has activation ${shown(got.activation ?? 'linear')}; the ${title} has ${expected.activation} there`;
    }
  }
  return null;
}

/** The first weight that is not what the architecture needs, as a message (without the fix). */
function weightsError(specs: ManifestWeight[], arch: ArchId): string | null {
  const { title, params } = archInfo(arch);
  const bytes = declaredBytes(specs);
  if (bytes > MAX_WEIGHT_BYTES) {
    return `declares ${grouped(bytes)} bytes of weights; the limit is ${grouped(MAX_WEIGHT_BYTES)} (the ${title} needs ${grouped(paramCount(arch) * 4)})`;
  }
  const seen = new Set<string>();
  for (const spec of specs) {
    const expected = params.find((p) => p.name === spec.name);
    if (!expected) return `declares weight ${shown(spec.name)}, which the ${title} does not have`;
    if (seen.has(spec.name)) return `declares weight ${shown(spec.name)} twice`;
    seen.add(spec.name);
    if (spec.quantization !== undefined) return `weight ${shown(spec.name)} is quantized; this engine reads plain float32 weights`;
    if (spec.dtype !== 'float32') return `weight ${shown(spec.name)} is ${shown(spec.dtype)}; this engine reads float32 weights only`;
    if (spec.shape.join(',') !== expected.shape.join(',')) {
      return `weight ${shown(spec.name)} has shape [${spec.shape.join(', ')}]; the ${title} needs [${expected.shape.join(', ')}]`;
    }
  }
  const missing = params.find((p) => !seen.has(p.name));
  return missing ? `has no weight ${shown(missing.name)} (is this really the ${title}?)` : null;
}

/** Validates a zoo model's model.json (its JSON text, or the parsed value) against the architecture its manifest entry names. Never throws. */
export function checkModelJson(input: unknown, refs: ModelFileRefs): ModelJsonResult {
  const file = `models/${refs.modelJson}`;
  // "models/x/model.json has no weightsManifest", "models/x/model.json: layer 3 (…) is …"
  const fail = (what: string): ModelJsonResult => {
    const joint = /^(is|has|declares|lists) /.test(what) ? ' ' : ': ';
    return { ok: false, message: `${file}${joint}${what} — ${regenerate(refs.id)}.` };
  };
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return fail('is not valid JSON');
    }
  }
  if (!isRecord(value)) return fail('is not a tfjs Layers model (expected an object with format, modelTopology and weightsManifest)');
  if (value.format !== 'layers-model') return fail(`has format ${shown(value.format)}, expected "layers-model" (a tfjs Layers model)`);
  if (!isRecord(value.modelTopology)) return fail('has no modelTopology');
  if (value.weightsManifest === undefined) return fail('has no weightsManifest, so its weights cannot be found');
  const layers = layersOf(value.modelTopology);
  if (!layers || layers.length === 0) return fail('has no layers in its modelTopology');
  const layerError = layersError(layers, refs.arch);
  if (layerError) return fail(layerError);
  const manifest = v.safeParse(WeightsManifestSchema, value.weightsManifest);
  if (!manifest.success) return fail(explainIssue(manifest.issues[0], MANIFEST_RULES, `weightsManifest${pathOf(manifest.issues[0])}`));
  const paths = manifest.output.flatMap((g) => g.paths);
  if (paths.length !== 1) return fail(`lists ${paths.length} weight files; this engine reads one (models/${refs.weights})`);
  const specs = manifest.output.flatMap((g) => g.weights);
  const weightError = weightsError(specs, refs.arch);
  if (weightError) return fail(weightError);
  return {
    ok: true,
    modelJson: {
      ...value,
      format: 'layers-model',
      modelTopology: value.modelTopology,
      weightsManifest: manifest.output as CheckedModelJson['weightsManifest'],
    },
  };
}

/** Bytes a manifest declares, counting every value as 4 bytes (float32; the caps are checked on this before any file is read). */
export const declaredBytes = (specs: readonly { shape: readonly number[] }[]): number =>
  specs.reduce((sum, s) => sum + s.shape.reduce((n, d) => n * d, 1) * 4, 0);

/** ".0.weights.2.shape" for an issue's path, "" at the top. */
export const pathOf = (issue: v.BaseIssue<unknown>): string =>
  (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('');
