import type * as tf from '@tensorflow/tfjs';
import type { AttackSpec } from '../engine/attacks';
import { fitBezierCurve } from '../engine/curve';
import { PIXELS } from '../engine/data/datasets';
import { EvalSet, evaluateModel } from '../engine/evaluate';
import type { ArchId } from '../engine/model/arch';
import { paramsFromLayersFiles } from '../engine/model/layers-format';
import { disposeParams, type Params } from '../engine/model/params';
import { TSC_DEFAULTS } from '../engine/settings';
import { DeviceDataset } from '../engine/sgd';
import type { BackendName, BackendProbe } from '../protocol/messages';
import { PROBE_EVAL_IMAGES, PROBE_TIMED_STEPS } from './backend-choice';
import { startBackend } from './start-backend';

/** What a probe worker gets: the backend to time and the default model with a few test images. */
export interface ProbeRequest {
  name: BackendName;
  /** WASM only: the thread pool to time it on */
  threads?: number;
  arch: ArchId;
  modelJson: tf.io.ModelJSON;
  weights: ArrayBuffer;
  /** at least PROBE_EVAL_IMAGES test images as floats in [0,1], and their labels */
  images: Float32Array;
  labels: Uint8Array;
  attack: AttackSpec;
  target: number;
}

/**
 * Times `req.name` on the page's own work: curve steps (one warm-up, then PROBE_TIMED_STEPS) of
 * the engine's FITQUADCURVE at the default batch size, then one evaluation of clean and triggered
 * test images. Runs in a worker of its own (src/worker/probe-runner.ts), which is stopped if it
 * runs over its budget; `onStarted` tells that worker's owner what the backend runs on before the timing.
 */
export async function probeBackend(req: ProbeRequest, onStarted: (about: BackendProbe) => void): Promise<BackendProbe> {
  const started = await startBackend(req.name, req.threads);
  if (!started.ok) return { name: req.name, detail: '', lost: started.reason };
  const about: BackendProbe = {
    name: req.name,
    detail: started.software ? 'software adapter' : '',
    ...(started.software && { software: true }),
    ...(started.threads !== undefined && { threads: started.threads }),
  };
  onStarted(about);
  const batch = TSC_DEFAULTS.curveBatchSize;
  const params: Params = paramsFromLayersFiles(req.arch, req.modelJson, req.weights);
  let data: DeviceDataset | null = null;
  let evalSet: EvalSet | null = null;
  try {
    data = new DeviceDataset(req.images.subarray(0, batch * PIXELS), req.labels.subarray(0, batch));
    evalSet = EvalSet.build(req.images, req.labels, req.attack, req.target, PROBE_EVAL_IMAGES);
    // One step per epoch: each epoch ends with a readback, so its end is when the device finished.
    const ends: number[] = [];
    const curve = await fitBezierCurve(req.arch, params, params, data, {
      epochs: 1 + PROBE_TIMED_STEPS,
      batchSize: batch,
      lr: TSC_DEFAULTS.curveLr,
      momentum: TSC_DEFAULTS.momentum,
      weightDecay: TSC_DEFAULTS.weightDecay,
      l2: TSC_DEFAULTS.curveL2,
      seed: 0,
      onEpoch: () => {
        ends.push(performance.now());
      },
    });
    const t0 = performance.now();
    try {
      await evaluateModel(req.arch, curve, evalSet);
    } finally {
      disposeParams(curve);
    }
    return { ...about, msPerStep: (ends[ends.length - 1] - ends[0]) / PROBE_TIMED_STEPS, evalMs: performance.now() - t0 };
  } finally {
    evalSet?.dispose();
    data?.dispose();
    disposeParams(params);
  }
}
