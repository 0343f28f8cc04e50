import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedImageSets } from '../../src/engine/data/load';
import { fileSource } from '../../src/engine/data/node-source';
import { paramsFromLayersFiles } from '../../src/engine/model/layers-format';
import type { Params } from '../../src/engine/model/params';
import type { DefenseInput } from '../../src/engine/run-defense';
import type { ZooEntry, ZooManifest } from '../../src/engine/zoo';

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
