// Test-only helpers shared by the permutation tests (Node: reads models/ and public/data/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { toFloatImages } from '../data/format';
import { loadImageSet } from '../data/load';
import { fileSource } from '../data/node-source';
import type { DatasetId } from '../data/datasets';
import type { ArchId } from '../model/arch';
import { forward } from '../model/forward';
import { paramsFromLayersFiles } from '../model/layers-format';
import type { Params } from '../model/params';
import { makeRng } from '../random';
import type { ZooEntry, ZooManifest } from '../zoo';

/** Models present in models/manifest.json right now (entries are final once listed). */
export function zooEntries(): ZooEntry[] {
  return (JSON.parse(readFileSync(join('models', 'manifest.json'), 'utf8')) as ZooManifest).models;
}

export function loadZooParams(entry: ZooEntry): Params {
  const json = JSON.parse(readFileSync(join('models', entry.modelJson), 'utf8'));
  return paramsFromLayersFiles(entry.arch, json, readFileSync(join('models', entry.weights)));
}

const testImageCache = new Map<DatasetId, Float32Array>();

/** The first n clean test images of a dataset as N·784 floats in [0,1]. */
export async function cleanTestImages(dataset: DatasetId, n: number): Promise<Float32Array> {
  let all = testImageCache.get(dataset);
  if (!all) {
    all = toFloatImages(await loadImageSet(fileSource(), dataset, 'test'));
    testImageCache.set(dataset, all);
  }
  return all.slice(0, n * 784);
}

export function randomImages(n: number, seed: number): Float32Array {
  const rng = makeRng(`permute-images:${seed}`);
  return Float32Array.from({ length: n * 784 }, () => rng());
}

export async function logits(arch: ArchId, params: Params, images: Float32Array): Promise<Float32Array> {
  const out = tf.tidy(() => forward(arch, params, tf.tensor2d(images, [images.length / 784, 784])));
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
