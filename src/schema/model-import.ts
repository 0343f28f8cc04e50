import * as v from 'valibot';
import { archInfo, paramCount, type ArchId } from '../engine/model/arch';
import { explainIssue, grouped, shown } from './explain';
import { isRecord } from './fields';
import { canonicalModelJson } from './model-import-canonical';
import { readTopology } from './model-import-topology';
import { baseName, gatherWeights } from './model-import-weights';
import { MANIFEST_RULES, pathOf, WeightsManifestSchema, type CheckedModelJson } from './model-json';

/*
 * "Bring your own model": a tfjs Layers model folder (model.json and its weight shards, as
 * model.save('file://…'), tfjs.converters.save_keras_model or tensorflowjs_converter write it)
 * becomes an architecture the engine runs, or a message that names the layer or file at fault and
 * says what is supported. Pure TypeScript, no tfjs: the page's main thread, its worker and the CLI
 * (scripts/tsc.ts --model-dir) all call it.
 */

export interface ImportFile {
  /** the file's name; a path is read by its last part */
  name: string;
  bytes: Uint8Array;
}

export type ImportResult =
  | {
      ok: true;
      arch: ArchId;
      title: string;
      /** the canonical model.json (src/schema/model-import-canonical.ts) */
      modelJson: CheckedModelJson;
      /** its one shard, weights.bin */
      weights: Uint8Array;
      paramCount: number;
      /** what was left out or changed on the way (softmax, dropout, folded activations), one sentence each */
      notes: string[];
    }
  | { ok: false; message: string };

/** A model.json of a model the engine can run is a few kB; a bigger one is refused unread. */
export const MAX_MODEL_JSON_BYTES = 4 * 1024 * 1024;

type Found = { ok: true; name: string; value: Record<string, unknown> } | { ok: false; message: string };

/** What a parsed JSON file is: a tfjs Layers model, a tfjs graph model, or something else. */
function kindOf(value: unknown): 'layers' | 'graph' | 'other' {
  if (!isRecord(value)) return 'other';
  if (value.format === 'graph-model' || (isRecord(value.modelTopology) && 'node' in value.modelTopology)) return 'graph';
  if (value.format === 'layers-model' || (value.format === undefined && isRecord(value.modelTopology))) return 'layers';
  return 'other';
}

/** The one layers-model JSON among the files. */
function findModelJson(files: ImportFile[]): Found {
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  if (jsons.length === 0)
    return {
      ok: false,
      message: `no model.json among the ${files.length} files (${files.map((f) => shown(baseName(f.name))).join(', ')}): give the folder model.save or tensorflowjs_converter wrote`,
    };
  const layers: { name: string; value: Record<string, unknown> }[] = [];
  let graph: string | null = null;
  for (const file of jsons) {
    const name = baseName(file.name);
    if (file.bytes.byteLength > MAX_MODEL_JSON_BYTES) {
      return { ok: false, message: `${shown(name)} is ${grouped(file.bytes.byteLength)} bytes; a model.json is at most ${grouped(MAX_MODEL_JSON_BYTES)}` };
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(file.bytes));
    } catch {
      if (jsons.length === 1) return { ok: false, message: `${shown(name)} is not valid JSON` };
      continue;
    }
    const kind = kindOf(value);
    if (kind === 'layers' && isRecord(value)) layers.push({ name, value });
    if (kind === 'graph') graph ??= name;
  }
  if (layers.length === 1) return { ok: true, ...layers[0] };
  if (layers.length > 1)
    return { ok: false, message: `${layers.map((l) => shown(l.name)).join(' and ')} are both tfjs Layers models; give one model at a time` };
  if (graph) {
    return {
      ok: false,
      message: `${shown(graph)} is a tfjs graph model (format "graph-model"); only Layers models are supported: export with model.save, tfjs.converters.save_keras_model or tensorflowjs_converter --output_format tfjs_layers_model`,
    };
  }
  return {
    ok: false,
    message: `no tfjs Layers model.json among ${jsons.map((f) => shown(baseName(f.name))).join(', ')} (expected format "layers-model" with a modelTopology)`,
  };
}

/** The shards the manifest names, by base name; a missing shard or an extra file (hidden files aside) is an error. */
function shardsOf(files: ImportFile[], jsonName: string, paths: string[]): Map<string, Uint8Array> | string {
  const byName = new Map<string, Uint8Array>();
  for (const f of files) {
    const name = baseName(f.name);
    if (name === jsonName) continue;
    if (byName.has(name)) return `two files are named ${shown(name)}`;
    byName.set(name, f.bytes);
  }
  const wanted = new Set(paths.map(baseName));
  const missing = [...wanted].find((p) => !byName.has(p));
  if (missing !== undefined) return `weight shard ${shown(missing)}, named in ${shown(jsonName)}, is missing (give every file of the folder)`;
  // hidden files (.DS_Store, editor files) are never part of an export; other JSON files are read by findModelJson
  const extra = [...byName.keys()].find((n) => !wanted.has(n) && !/\.json$/i.test(n) && !n.startsWith('.'));
  if (extra !== undefined) return `file ${shown(extra)} is not a shard that ${shown(jsonName)} names (it names ${[...wanted].map(shown).join(', ')})`;
  return byName;
}

/** Reads a tfjs Layers model folder's files into the architecture, canonical model.json and weights the engine runs. Never throws. */
export function importLayersModel(files: ImportFile[]): ImportResult {
  const fail = (message: string): ImportResult => ({ ok: false, message });
  const found = findModelJson(files);
  if (!found.ok) return found;
  const { name, value } = found;
  if (!isRecord(value.modelTopology)) return fail(`${shown(name)} has no modelTopology`);
  if (value.weightsManifest === undefined) return fail(`${shown(name)} has no weightsManifest, so its weights cannot be found`);
  const manifest = v.safeParse(WeightsManifestSchema, value.weightsManifest);
  if (!manifest.success) return fail(`${shown(name)}: ${explainIssue(manifest.issues[0], MANIFEST_RULES, `weightsManifest${pathOf(manifest.issues[0])}`)}`);
  // the file's own name starts the messages that follow, plain when it is a plain file name
  const file = /^[\w.-]{1,60}$/.test(name) ? name : shown(name);
  const topology = readTopology(value.modelTopology, file);
  if (!topology.ok) return fail(topology.message);
  const shards = shardsOf(
    files,
    name,
    manifest.output.flatMap((g) => g.paths),
  );
  if (typeof shards === 'string') return fail(shards);
  const gathered = gatherWeights(topology.arch, manifest.output, shards, topology.weighted, file);
  if (!gathered.ok) return gathered;
  return {
    ok: true,
    arch: topology.arch,
    title: archInfo(topology.arch).title,
    modelJson: canonicalModelJson(topology.arch),
    weights: gathered.weights,
    paramCount: paramCount(topology.arch),
    notes: [...topology.notes, ...gathered.notes],
  };
}
