import { DATASETS, IMAGE_SHAPE, dataFileName, type DatasetId, type Split } from './datasets';
import { DataFormatError, decodeImageSet, REGENERATE_DATA, type ImageSet } from './format';

/** Where bytes come from: fetch in browsers and workers, fs in Node (see ../node/file-source.ts). */
export type ByteSource = (fileName: string) => Promise<ArrayBuffer | Uint8Array>;

/** Reads files relative to a base URL (the app's `data/` folder). */
export function urlSource(baseUrl: string): ByteSource {
  return async (fileName) => {
    const url = new URL(fileName, baseUrl).toString();
    let res: Response;
    try {
      res = await fetch(url);
    } catch (err) {
      throw new DataFormatError(`Could not fetch ${url}: ${(err as Error).message}`);
    }
    if (!res.ok) {
      throw new DataFormatError(`Could not fetch ${url}: HTTP ${res.status}. ${REGENERATE_DATA}`);
    }
    return res.arrayBuffer();
  };
}

/**
 * Each (dataset, split) loaded once per source; a failed load is forgotten so a retry can succeed.
 * Used by the worker (fetch) and the Node scripts (fs).
 */
export function cachedImageSets(source: ByteSource): (dataset: DatasetId, split: Split) => Promise<ImageSet> {
  const cache = new Map<string, Promise<ImageSet>>();
  return (dataset, split) => {
    const key = `${dataset}/${split}`;
    let p = cache.get(key);
    if (!p) {
      p = loadImageSet(source, dataset, split);
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return p;
  };
}

/** The one loader for both runtimes: read, validate magic/version/shape/length, decode. */
export async function loadImageSet(source: ByteSource, dataset: DatasetId, split: Split): Promise<ImageSet> {
  const name = dataFileName(dataset, split);
  const set = decodeImageSet(await source(name), name, IMAGE_SHAPE);
  const info = DATASETS[dataset];
  const expectedCount = split === 'train' ? info.trainCount : info.testCount;
  if (set.count !== expectedCount) {
    throw new DataFormatError(`${name}: ${set.count} images, expected ${expectedCount}. ${REGENERATE_DATA}`);
  }
  return set;
}
