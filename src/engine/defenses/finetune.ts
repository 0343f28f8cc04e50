import type { ArchId } from '../model/arch';
import { crossEntropyGrads } from '../model/forward';
import type { Params } from '../model/params';
import { cloneParams } from '../model/params';
import type { TrainingPhase } from '../divergence';
import { sgdOptions, type SgdPhase } from '../settings';
import { sgdMomentumLoop, type DeviceDataset, type SgdOptions } from '../sgd';
import type { DefenseContext } from './context';

/**
 * Plain fine-tuning on the clean subset: the inter-round step of TSC (docs/method.md §4.2),
 * MCR's second endpoint (§6) and the FT baseline. Returns new params; `params` untouched.
 */
export function finetune(arch: ArchId, params: Params, data: DeviceDataset, opts: SgdOptions): Promise<Params> {
  return sgdMomentumLoop(cloneParams(params), data, opts, (vars, x, y) => {
    const { loss, grads } = crossEntropyGrads(arch, vars, x, y);
    return { loss, grads: Object.fromEntries(Object.entries(grads).map(([n, g]) => [n, [g]])) };
  });
}

/**
 * `finetune` on the run's D_c with its SGD settings, pausing after each epoch and stopping with the
 * run; `where` names the phase in a DivergenceError.
 */
export function finetuneOnClean(ctx: DefenseContext, params: Params, phase: SgdPhase, where: TrainingPhase, onStep?: SgdOptions['onStep']): Promise<Params> {
  return finetune(ctx.arch, params, ctx.clean, {
    ...sgdOptions(ctx.settings, phase),
    signal: ctx.signal,
    where,
    onEpoch: () => ctx.checkpoint?.('epoch'),
    onStep,
  });
}
