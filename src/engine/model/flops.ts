import { archInfo, type ArchId } from './arch';

/**
 * Multiply-add FLOPs of one image's forward pass (2 per multiply-add; biases, ReLUs and pools left
 * out), from the architecture's layers: a conv costs out-size² · k² · in-channels · filters
 * multiply-adds, a dense layer inputs · units. Turns an evaluation's time into a throughput.
 */
export function forwardFlops(arch: ArchId): number {
  let macs = 0;
  for (const l of archInfo(arch).layers) {
    if (l.kind === 'conv') macs += l.outSize * l.outSize * l.kernel * l.kernel * l.inChannels * l.filters;
    else if (l.kind === 'dense') macs += l.inputs * l.units;
  }
  return 2 * macs;
}
