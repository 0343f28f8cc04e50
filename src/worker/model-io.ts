import { cachedImageSets, urlSource } from '../engine/data/load';
import type { DatasetId, Split } from '../engine/data/datasets';
import type { ImageSet } from '../engine/data/format';
import { paramsFromLayersFiles } from '../engine/model/layers-format';
import type { Params } from '../engine/model/params';
import { isUserModel, type ModelEntry } from '../engine/zoo';
import type { ModelFiles } from '../protocol/messages';
import { checkModelFiles } from '../schema/model-weights';

let loader: { baseUrl: string; load: ReturnType<typeof cachedImageSets> } | null = null;

/** A dataset split, fetched once per worker. */
export function imageSet(dataBaseUrl: string, dataset: DatasetId, split: Split): Promise<ImageSet> {
  if (loader?.baseUrl !== dataBaseUrl) loader = { baseUrl: dataBaseUrl, load: cachedImageSets(urlSource(dataBaseUrl)) };
  return loader.load(dataset, split);
}

export async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not fetch ${url}: HTTP ${res.status}`);
  return res;
}

/** A model's weights as engine params (caller disposes), after both files pass src/schema/model-weights.ts. A user model's files are blob: URLs (src/compute/model-files.ts). */
export async function loadZooParams(entry: ModelEntry, files: ModelFiles): Promise<Params> {
  const [text, weights] = await Promise.all([fetchOk(files.modelJsonUrl).then((r) => r.text()), fetchOk(files.weightsUrl).then((r) => r.arrayBuffer())]);
  // a user model's files have no paths under models/: its messages name it by id
  const refs = isUserModel(entry) ? { id: entry.id, arch: entry.arch, modelJson: `${entry.id}/model.json`, weights: `${entry.id}/weights.bin` } : entry;
  const checked = checkModelFiles(refs, text, new Uint8Array(weights));
  if (!checked.ok) throw new Error(checked.message);
  return paramsFromLayersFiles(entry.arch, checked.modelJson, weights);
}
