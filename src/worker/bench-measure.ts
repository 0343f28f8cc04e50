import type { AttackSpec } from '../engine/attacks/types';
import { fitBezierCurve, midpoint } from '../engine/curve';
import { PIXELS } from '../engine/data/datasets';
import { toFloatImages, type ImageSet } from '../engine/data/format';
import { EvalSet, evaluateCurve } from '../engine/evaluate';
import type { ArchId } from '../engine/model/arch';
import { disposeParams, type Params } from '../engine/model/params';
import { permuteLayers } from '../engine/permute/permute-layers';
import { cleanSubset } from '../engine/run-defense';
import { TSC_DEFAULTS } from '../engine/settings';
import { DeviceDataset } from '../engine/sgd';
import type { BenchRow, BenchSizes } from '../protocol/messages';

/** One model to time: its weights (not disposed here) and the splits it was trained and is tested on. */
export interface BenchModel {
  id: string;
  arch: ArchId;
  params: Params;
  attack: AttackSpec;
  target: number;
  train: ImageSet;
  test: ImageSet;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median of `repeats` timed calls after one untimed warm-up (kernel compilation, first allocations). */
async function timeMedian(repeats: number, f: () => Promise<void>): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** A model with what every measure needs prepared once: its clean subset D_c as floats. */
export interface PreparedModel extends BenchModel {
  subset: ImageSet;
  cleanImages: Float32Array;
}

export function prepareModel(model: BenchModel): PreparedModel {
  const subset = cleanSubset(model.train, TSC_DEFAULTS.cleanFraction, 0);
  return { ...model, subset, cleanImages: toFloatImages(subset) };
}

type Measure = (model: PreparedModel, sizes: BenchSizes) => Promise<Omit<BenchRow, 'model' | 'measure' | 'repeats'>>;

/** One curve step as the marginal cost (T(k steps) − T(1 step)) / (k − 1), without the per-fit setup. */
const curveStep: Measure = async (model, sizes) => {
  const { subset, cleanImages } = model;
  const batch = Math.min(TSC_DEFAULTS.curveBatchSize, subset.count);
  const k = Math.min(sizes.curveSteps, Math.floor(subset.count / batch));
  if (k < 2)
    throw new RangeError(`A marginal curve step needs 2 batches of ${batch}: curveSteps is ${sizes.curveSteps}, the clean subset has ${subset.count} images.`);
  const fitSteps = async (steps: number) => {
    const data = new DeviceDataset(cleanImages.subarray(0, steps * batch * PIXELS), subset.labels.subarray(0, steps * batch));
    try {
      const curve = await fitBezierCurve(model.arch, model.params, model.params, data, {
        epochs: 1,
        batchSize: batch,
        lr: TSC_DEFAULTS.curveLr,
        momentum: TSC_DEFAULTS.momentum,
        weightDecay: TSC_DEFAULTS.weightDecay,
        l2: TSC_DEFAULTS.curveL2,
        seed: 1,
      });
      disposeParams(curve);
    } finally {
      data.dispose();
    }
  };
  const one = await timeMedian(sizes.repeats, () => fitSteps(1));
  const many = await timeMedian(sizes.repeats, () => fitSteps(k));
  return { ms: (many - one) / (k - 1), detail: `batch ${batch}, marginal over ${k} steps` };
};

/** One 21-point evaluation of a curve, on clean and triggered test images. */
const curveEval: Measure = async (model, sizes) => {
  const evalSet = EvalSet.build(toFloatImages(model.test), model.test.labels, model.attack, model.target, sizes.evalSamples);
  const mid = midpoint(model.params, model.params);
  try {
    const ms = await timeMedian(sizes.repeats, async () => {
      await evaluateCurve(model.arch, model.params, mid, model.params, evalSet, 21);
    });
    const images = evalSet.clean.count + evalSet.poisoned.count;
    return { ms, images, detail: `${evalSet.clean.count} clean + ${evalSet.poisoned.count} triggered images` };
  } finally {
    disposeParams(mid);
    evalSet.dispose();
  }
};

/** One PERMUTELAYERS call as TSC makes it: un-align, by activation matching on D_c. */
const permute: Measure = async (model, sizes) => {
  const ms = await timeMedian(sizes.repeats, async () => {
    await permuteLayers(model.arch, model.params, model.params, model.cleanImages, { objective: 'unalign', method: 'activation' });
  });
  return { ms, images: model.subset.count, detail: `un-align, activation matching on ${model.subset.count} images` };
};

/**
 * The measures in the order they run, cheapest first (scripts/bench.ts times the same engine calls
 * in Node), so that a backend stopped for time still has its cheap figures on every model.
 */
export const BENCH_MEASURES: { measure: BenchRow['measure']; run: Measure }[] = [
  { measure: 'curve-step', run: curveStep },
  { measure: 'permute-layers', run: permute },
  { measure: 'curve-eval-21', run: curveEval },
];

/** Times `measure` on `model`; null when its sizes skip it (no evaluation images). */
export async function measure(model: PreparedModel, which: (typeof BENCH_MEASURES)[number], sizes: BenchSizes): Promise<BenchRow | null> {
  if (which.measure === 'curve-eval-21' && sizes.evalSamples === 0) return null;
  return { model: model.id, measure: which.measure, repeats: sizes.repeats, ...(await which.run(model, sizes)) };
}
