import * as tf from '@tensorflow/tfjs';
import { gatherImages } from '../engine/attacks';
import { toFloatImages } from '../engine/data/format';
import { accuracy, attackSuccessRate, predictClasses, triggeredNonTarget } from '../engine/metrics';
import { disposeParams } from '../engine/model/params';
import type { ZooEntry } from '../engine/zoo';
import { imageSet, loadZooParams } from './model-io';
import type { BackendName, EvaluationResult, ModelFiles, SampleImage } from '../shared/protocol';

export function toSamples(images: Float32Array, labels: ArrayLike<number>, predictions: ArrayLike<number>, count: number): SampleImage[] {
  return Array.from({ length: count }, (_, k) => ({
    pixels: Uint8Array.from(images.subarray(k * 784, (k + 1) * 784), (v) => Math.round(v * 255)),
    label: labels[k],
    prediction: predictions[k],
  }));
}

/** Loads a zoo model and measures clean accuracy and ASR on the full test split in this worker. */
export async function evaluateZooModel(
  requestId: number,
  entry: ZooEntry,
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
    const images = toFloatImages(test);
    onProgress('clean test set', 1, 3);
    const cleanPred = await predictClasses(entry.arch, params, images);
    const { victims, triggered } = triggeredNonTarget(images, test.labels, entry.attack, entry.target);
    onProgress('triggered test set', 2, 3);
    const trigPred = await predictClasses(entry.arch, params, triggered);
    onProgress('done', 3, 3);
    const victimLabels = Array.from(victims, (i) => test.labels[i]);
    return {
      requestId,
      modelId: entry.id,
      backend: tf.getBackend() as BackendName,
      acc: accuracy(cleanPred, test.labels),
      asr: attackSuccessRate(trigPred, entry.target),
      cleanCount: test.count,
      poisonedCount: victims.length,
      seconds: (performance.now() - t0) / 1000,
      clean: toSamples(
        gatherImages(images, victims.subarray(0, sampleCount)),
        victimLabels,
        Array.from(victims, (i) => cleanPred[i]),
        sampleCount,
      ),
      triggered: toSamples(triggered, victimLabels, trigPred, sampleCount),
    };
  } finally {
    disposeParams(params);
  }
}
