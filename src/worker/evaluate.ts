import * as tf from '@tensorflow/tfjs';
import { applyTrigger, gatherImages, type TriggerSpec } from '../engine/attacks';
import { PIXELS } from '../engine/data/datasets';
import { toFloatImages, type ImageSet } from '../engine/data/format';
import { measureAccAndAsr } from '../engine/evaluate';
import { nonTargetIndices, predictClasses } from '../engine/metrics';
import type { ArchId } from '../engine/model/arch';
import { disposeParams, type Params } from '../engine/model/params';
import { entryTrigger, type ModelEntry } from '../engine/zoo';
import { imageSet, loadZooParams } from './model-io';
import type { BackendName, EvaluationResult, ModelFiles, SampleImage } from '../protocol/messages';

export function toSamples(images: Float32Array, labels: ArrayLike<number>, predictions: ArrayLike<number>, count: number): SampleImage[] {
  return Array.from({ length: count }, (_, k) => ({
    pixels: Uint8Array.from(images.subarray(k * PIXELS, (k + 1) * PIXELS), (v) => Math.round(v * 255)),
    label: labels[k],
    prediction: predictions[k],
  }));
}

/** Predictions of `params` on the first `count` non-target test images, clean and triggered (the pages' sample strips). */
export async function sampleImages(
  arch: ArchId,
  params: Params,
  test: ImageSet,
  attack: TriggerSpec,
  target: number,
  count: number,
): Promise<{ clean: SampleImage[]; triggered: SampleImage[] }> {
  const victims = nonTargetIndices(test.labels, target).subarray(0, count);
  // only the images up to the last victim are converted to floats
  const clean = gatherImages(toFloatImages(test, 0, Math.max(...victims) + 1), victims);
  const triggered = applyTrigger(attack, clean);
  const labels = Array.from(victims, (i) => test.labels[i]);
  return {
    clean: toSamples(clean, labels, await predictClasses(arch, params, clean), victims.length),
    triggered: toSamples(triggered, labels, await predictClasses(arch, params, triggered), victims.length),
  };
}

/** Loads a model (zoo or user) and measures clean accuracy and ASR with its own trigger on the full test split in this worker. */
export async function evaluateZooModel(
  requestId: number,
  entry: ModelEntry,
  files: ModelFiles,
  sampleCount: number,
  dataBaseUrl: string,
  onProgress: (phase: string, done: number, total: number) => void,
): Promise<Omit<EvaluationResult, 'backend'> & { backend: BackendName }> {
  const t0 = performance.now();
  onProgress('loading model and test data', 0, 3);
  const test = await imageSet(dataBaseUrl, entry.dataset, 'test');
  const params = await loadZooParams(entry, files); // after the data: a failed fetch leaks nothing
  try {
    onProgress('clean and triggered test sets', 1, 3);
    // the engine's measurement, the same one the zoo's manifest numbers come from
    const { spec, target } = entryTrigger(entry);
    const m = await measureAccAndAsr(entry.arch, params, toFloatImages(test), test.labels, spec, target);
    onProgress('sample images', 2, 3);
    const samples = await sampleImages(entry.arch, params, test, spec, target, sampleCount);
    onProgress('done', 3, 3);
    return {
      requestId,
      modelId: entry.id,
      backend: tf.getBackend() as BackendName,
      acc: m.acc,
      asr: m.asr,
      cleanCount: m.cleanCount,
      poisonedCount: m.poisonedCount,
      seconds: (performance.now() - t0) / 1000,
      ...samples,
    };
  } finally {
    disposeParams(params);
  }
}
