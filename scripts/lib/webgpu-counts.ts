import * as tf from '@tensorflow/tfjs';
import { fitBezierCurve, midpoint } from '../../src/engine/curve';
import { PIXELS } from '../../src/engine/data/datasets';
import { toFloatImages } from '../../src/engine/data/format';
import { EvalSet, evaluateCurve } from '../../src/engine/evaluate';
import { disposeParams } from '../../src/engine/model/params';
import { installDawn } from '../../src/engine/node/dawn';
import { defenseInput } from '../../src/engine/node/zoo';
import { TSC_DEFAULTS } from '../../src/engine/settings';
import { DeviceDataset } from '../../src/engine/sgd';
import { withStepPath } from '../../src/engine/step/step-path';
import { withEvalPath } from '../../src/engine/eval-batch';
import { countWebGpu, type GpuCounts } from './webgpu-counters';

const line = (label: string, c: GpuCounts, per = 1) =>
  console.log(
    `  ${label.padEnd(46)} ${(c.dispatches / per).toFixed(1).padStart(7)} dispatches  ${(c.readbacks / per).toFixed(1).padStart(5)} read-backs  ${(c.readbackBytes / per / 1e3).toFixed(1).padStart(8)} kB read back`,
  );

/**
 * What the GPU is asked per curve step (each step path) and per 21-point curve evaluation (each
 * evaluation path) on tfjs-backend-webgpu
 * (Dawn in Node; counts do not depend on the adapter's speed). A step's figure is marginal: the
 * counts of a k-step fit minus a 1-step fit, over k − 1, so variable set-up is left out.
 */
export async function printWebGpuCounts(models: string[]): Promise<void> {
  installDawn();
  // the backend registers itself only if navigator.gpu exists when it is imported
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu').catch(() => false)) || tf.getBackend() !== 'webgpu') {
    console.log('\n[webgpu counts] WebGPU did not start in Node (run through `npm run bench`, which sets the SwiftShader paths); skipped');
    return;
  }
  await tf.ready();
  console.log(`\n[webgpu counts] tfjs-backend-webgpu on Dawn (${TSC_DEFAULTS.curveBatchSize}-image curve steps)`);
  const counter = countWebGpu(tf.backend());
  try {
    for (const id of models) {
      const input = await defenseInput(id);
      const batch = TSC_DEFAULTS.curveBatchSize;
      const images = toFloatImages(input.train, 0, 4 * batch);
      const fit = async (steps: number): Promise<GpuCounts> => {
        const data = new DeviceDataset(images.subarray(0, steps * batch * PIXELS), input.train.labels.subarray(0, steps * batch));
        counter.reset();
        const c = await fitBezierCurve(input.arch, input.params, input.params, data, {
          epochs: 1,
          batchSize: batch,
          lr: TSC_DEFAULTS.curveLr,
          momentum: TSC_DEFAULTS.momentum,
          weightDecay: TSC_DEFAULTS.weightDecay,
          l2: TSC_DEFAULTS.curveL2,
          seed: 1,
        });
        const counts = { ...counter.counts };
        disposeParams(c);
        data.dispose();
        return counts;
      };
      // before (reference, plain ops per tensor) and after (lean: flat buffer, fused kernels)
      for (const path of ['reference', 'lean', 'lean-mlp-backward'] as const) {
        if (path === 'lean-mlp-backward' && input.arch !== 'mlp') continue;
        await withStepPath(path, async () => {
          await fit(1); // warm-up: pipelines compiled once
          const one = await fit(1);
          const four = await fit(4);
          line(
            `${id}: one curve step (marginal), ${path}`,
            {
              dispatches: four.dispatches - one.dispatches,
              readbacks: four.readbacks - one.readbacks,
              readbackBytes: four.readbackBytes - one.readbackBytes,
            },
            3,
          );
          line(`${id}: curve fit set-up + 1 step, ${path}`, one);
        });
      }
      const evalSet = EvalSet.build(toFloatImages(input.test), input.test.labels, input.attack, input.target, 100); // one batch per set, as 1000 images would be
      const mid = midpoint(input.params, input.params);
      // before (per-point) and after (batched: the MLP's points together, src/engine/eval-batch.ts)
      for (const path of ['per-point', 'batched'] as const) {
        if (path === 'batched' && input.arch !== 'mlp') continue;
        await withEvalPath(path, async () => {
          await evaluateCurve(input.arch, input.params, mid, input.params, evalSet, 21); // warm-up: pipelines compiled once
          counter.reset();
          await evaluateCurve(input.arch, input.params, mid, input.params, evalSet, 21);
          line(`${id}: 21-point curve eval (${evalSet.clean.count}+${evalSet.poisoned.count} imgs), ${path}`, counter.counts);
        });
      }
      disposeParams(mid);
      evalSet.dispose();
      disposeParams(input.params);
    }
  } finally {
    counter.stop();
  }
  console.log(`  tensors alive: ${tf.memory().numTensors}`);
}
