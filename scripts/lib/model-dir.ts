/*
 * --model-dir: a tfjs Layers model folder read from disk, imported (src/schema/model-import.ts) and
 * turned into what runDefense takes, like src/engine/node/zoo.ts does for a zoo model.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DatasetId } from '../../src/engine/data/datasets';
import { toFloatImages } from '../../src/engine/data/format';
import { cachedImageSets } from '../../src/engine/data/load';
import { measureAccAndAsr } from '../../src/engine/evaluate';
import type { TriggerSpec } from '../../src/engine/attacks/types';
import { paramsFromLayersFiles } from '../../src/engine/model/layers-format';
import { fileSource } from '../../src/engine/node/file-source';
import type { DefenseInput } from '../../src/engine/run-defense';
import { importLayersModel, MAX_MODEL_JSON_BYTES, type ImportFile } from '../../src/schema/model-import';
import { grouped } from '../../src/schema/explain';
import { MAX_WEIGHT_BYTES } from '../../src/schema/model-json';
import { InputError } from './cli';

/** More files than any exported model has (model.json and a few shards); a bigger folder is not read. */
const MAX_FILES = 64;
/** The trace's model field holds at most 100 characters (src/schema/trace.ts). */
const MAX_LABEL = 100;

/** Every plain file of the folder, each checked against the size caps before it is read. */
export function readModelDir(dir: string): ImportFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new InputError(`--model-dir ${dir}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (err as Error).message}`, { cause: err });
  }
  const files = names.filter((n) => statSync(join(dir, n)).isFile());
  if (files.length > MAX_FILES) throw new InputError(`${dir} holds ${files.length} files; a model folder has model.json and its shards (at most ${MAX_FILES})`);
  return files.map((name) => {
    const size = statSync(join(dir, name)).size;
    const cap = name.toLowerCase().endsWith('.json') ? MAX_MODEL_JSON_BYTES : MAX_WEIGHT_BYTES;
    if (size > cap) throw new InputError(`${join(dir, name)} is ${grouped(size)} bytes; the limit is ${grouped(cap)}`);
    return { name, bytes: new Uint8Array(readFileSync(join(dir, name))) };
  });
}

/** What the trace calls the model: the folder and the architecture ("test/…/mlp-3-hidden (seq:d16-d16-d16-d10)"), the folder's last name when that is too long. */
export function modelDirLabel(dir: string, arch: string): string {
  const full = `${dir.replace(/\/+$/, '')} (${arch})`;
  return full.length <= MAX_LABEL ? full : `${basename(dir)} (${arch})`.slice(0, MAX_LABEL);
}

export interface ModelDirInput {
  input: DefenseInput;
  title: string;
  paramCount: number;
  notes: string[];
}

const split = cachedImageSets(fileSource());

/** The folder's model as runDefense input (params: caller disposes), or an InputError with the import's message. */
export async function modelDirInput(dir: string, dataset: DatasetId, trigger: TriggerSpec, target: number): Promise<ModelDirInput> {
  const imported = importLayersModel(readModelDir(dir));
  if (!imported.ok) throw new InputError(`${dir}: ${imported.message}`);
  const [train, test] = [await split(dataset, 'train'), await split(dataset, 'test')];
  return {
    input: {
      modelId: modelDirLabel(dir, imported.arch),
      arch: imported.arch,
      params: paramsFromLayersFiles(imported.arch, imported.modelJson, imported.weights),
      attack: trigger,
      target,
      train,
      test,
    },
    title: imported.title,
    paramCount: imported.paramCount,
    notes: imported.notes,
  };
}

/** The imported model's clean ACC and ASR on the whole test split (as the zoo's are measured, scripts/train-models.ts), in one line. */
export async function measuredLine(m: ModelDirInput): Promise<string> {
  const { arch, params, test, attack, target, modelId } = m.input;
  const r = await measureAccAndAsr(arch, params, toFloatImages(test), test.labels, attack, target);
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  return `${modelId}: ${m.title}, ${grouped(m.paramCount)} params; clean ACC ${pct(r.acc)} on ${grouped(r.cleanCount)} test images, ASR ${pct(r.asr)} on ${grouped(r.poisonedCount)} triggered ones`;
}
