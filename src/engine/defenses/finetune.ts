import type { ArchId } from '../model/arch';
import { crossEntropy, forward } from '../model/forward';
import type { Params } from '../model/params';
import { cloneParams } from '../model/params';
import { sgdMomentumLoop, type DeviceDataset, type SgdOptions } from '../sgd';

/**
 * Plain fine-tuning on the clean subset: the inter-round step of TSC (method.md §4.2),
 * MCR's second endpoint (§6) and the FT baseline. Returns new params; `params` untouched.
 */
export function finetune(arch: ArchId, params: Params, data: DeviceDataset, opts: SgdOptions): Promise<Params> {
  return sgdMomentumLoop(cloneParams(params), data, opts, (vars, x, y) => crossEntropy(forward(arch, vars, x), y));
}
