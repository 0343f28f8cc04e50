import type * as tf from '@tensorflow/tfjs';
import { cachedImageSets, urlSource } from '../engine/data/load';
import type { DatasetId, Split } from '../engine/data/datasets';
import type { ImageSet } from '../engine/data/format';
import { paramsFromLayersFiles } from '../engine/model/layers-format';
import type { Params } from '../engine/model/params';
import type { ZooEntry } from '../engine/zoo';
import type { ModelFiles } from '../protocol/messages';

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

/** A zoo model's weights as engine params (caller disposes). */
export async function loadZooParams(entry: ZooEntry, files: ModelFiles): Promise<Params> {
  const [modelJson, weights] = await Promise.all([
    fetchOk(files.modelJsonUrl).then((r) => r.json() as Promise<tf.io.ModelJSON>),
    fetchOk(files.weightsUrl).then((r) => r.arrayBuffer()),
  ]);
  return paramsFromLayersFiles(entry.arch, modelJson, weights);
}
