import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

export function readManifest(): ZooManifest {
  return JSON.parse(readFileSync(join(MODELS, 'manifest.json'), 'utf8')) as ZooManifest;
}

export function zooEntry(id: string): ZooEntry {
  const manifest = readManifest();
  const entry = manifest.models.find((m) => m.id === id);
  if (!entry) throw new Error(`Unknown model "${id}". Known: ${manifest.models.map((m) => m.id).join(', ')}`);
  return entry;
}

export function loadZooParams(entry: ZooEntry): Params {
  const modelJson = JSON.parse(readFileSync(join(MODELS, entry.modelJson), 'utf8'));
  return paramsFromLayersFiles(entry.arch, modelJson, readFileSync(join(MODELS, entry.weights)));
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
