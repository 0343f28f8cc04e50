import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../../schema/manifest';
import { checkModelFiles } from '../../schema/model-weights';
import { regenerate } from '../../schema/model-json';
import { cachedImageSets } from '../data/load';
import { paramsFromLayersFiles } from '../model/layers-format';
import type { Params } from '../model/params';
import type { DefenseInput } from '../run-defense';
import type { ZooEntry, ZooManifest } from '../zoo';
import { fileSource } from './file-source';

/*
 * Node-only helpers (src/engine/node/ reads files with node:fs): the zoo models and datasets for
 * tests and scripts. The app bundle (src/worker, src/views) never imports this folder.
 */

const MODELS = join(process.cwd(), 'models');

/** A file under models/ (or `dir`, for tests), or an error that names it and says how to get it back. */
function readModelsFile(dir: string, rel: string, fix: string): Buffer {
  try {
    return readFileSync(join(dir, rel));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `could not be read (${(err as Error).message})`;
    throw new Error(`models/${rel} ${why} — ${fix}.`, { cause: err });
  }
}

/** models/manifest.json, validated (src/schema/manifest.ts); throws with the first problem. */
export function readManifest(dir = MODELS): ZooManifest {
  const result = parseManifest(readModelsFile(dir, 'manifest.json', 'restore it with `git checkout models/manifest.json`').toString('utf8'));
  if (!result.ok) throw new Error(result.message);
  return result.manifest;
}

export function zooEntry(id: string): ZooEntry {
  const manifest = readManifest();
  const entry = manifest.models.find((m) => m.id === id);
  if (!entry) throw new Error(`Unknown model "${id}". Known: ${manifest.models.map((m) => m.id).join(', ')}`);
  return entry;
}

/** A zoo model's weights as engine params (caller disposes), after both files pass src/schema/model-weights.ts. */
export function loadZooParams(entry: ZooEntry, dir = MODELS): Params {
  const text = readModelsFile(dir, entry.modelJson, regenerate(entry.id)).toString('utf8');
  const weights = readModelsFile(dir, entry.weights, regenerate(entry.id));
  const checked = checkModelFiles(entry, text, weights);
  if (!checked.ok) throw new Error(checked.message);
  return paramsFromLayersFiles(entry.arch, checked.modelJson, weights);
}

const split = cachedImageSets(fileSource());

/** Everything runDefense needs for a zoo model, read from models/ and public/data/. */
export async function defenseInput(id: string): Promise<DefenseInput> {
  const entry = zooEntry(id);
  return {
    modelId: entry.id,
    arch: entry.arch,
    params: loadZooParams(entry),
    attack: entry.attack,
    target: entry.target,
    train: await split(entry.dataset, 'train'),
    test: await split(entry.dataset, 'test'),
  };
}
