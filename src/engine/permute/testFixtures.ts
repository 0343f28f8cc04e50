// Test-only helpers shared by the permutation tests (Node: reads models/ and public/data/).
import * as tf from '@tensorflow/tfjs';
import { toFloatImages } from '../data/format';
import { loadImageSet } from '../data/load';
import { PIXELS, type DatasetId } from '../data/datasets';
import type { ArchId } from '../model/arch';
import { forward } from '../model/forward';
import type { Params } from '../model/params';
import { fileSource } from '../node/file-source';
import { readManifest } from '../node/zoo';
import { makeRng } from '../random';
import type { ZooEntry } from '../zoo';

export { loadZooParams } from '../node/zoo';

/** Models present in models/manifest.json right now (entries are final once listed). */
export function zooEntries(): ZooEntry[] {
  return readManifest().models;
}

const testImageCache = new Map<DatasetId, Float32Array>();

/** The first n clean test images of a dataset as N·784 floats in [0,1]. */
export async function cleanTestImages(dataset: DatasetId, n: number): Promise<Float32Array> {
  let all = testImageCache.get(dataset);
  if (!all) {
    all = toFloatImages(await loadImageSet(fileSource(), dataset, 'test'));
    testImageCache.set(dataset, all);
  }
  return all.slice(0, n * PIXELS);
}

export function randomImages(n: number, seed: number): Float32Array {
  const rng = makeRng(`permute-images:${seed}`);
  return Float32Array.from({ length: n * PIXELS }, () => rng());
}

export async function logits(arch: ArchId, params: Params, images: Float32Array): Promise<Float32Array> {
  const out = tf.tidy(() => forward(arch, params, tf.tensor2d(images, [images.length / PIXELS, PIXELS])));
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
