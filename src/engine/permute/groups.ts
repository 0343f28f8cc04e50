import { archInfo, type ArchId } from '../model/arch';

/**
 * The permutable hidden-unit groups of any architecture arch.ts describes (docs/method.md §8) and the parameter axes
 * each group's permutation reorders (docs/method.md §1.3 "Applying a permutation to unit group l").
 * Input pixels and output logits are never permuted (§1.3 "Which layers").
 */

/** One group of interchangeable hidden units (a dense layer's units or a conv layer's channels). */
export interface UnitGroup {
  /** layer that produces the units ('fc1', 'conv2', …; also the param-name prefix) */
  name: string;
  /** number of units (channels for conv layers) */
  size: number;
  /** index into forwardWithHidden(...).hidden holding this group's pre-activations */
  hiddenIndex: number;
}

/**
 * One parameter axis that a group's permutation reorders.
 * - 'producer': the producing layer's output axis (kernel's last axis, the bias) — reorder the units.
 * - 'consumer': the next layer's input axis — reorder its inputs the same way, which undoes the
 *   reordering, so the network computes exactly the same function (§1.3).
 * `repeat` > 1 marks the conv→flatten→dense case (§8): with tfjs's NHWC flatten the axis holds
 * `repeat` spatial positions × `size` channels, channel c of position p at index p·size + c, so the
 * consumer rows are permuted block-wise: new row p·size + i = old row p·size + perm[i].
 */
export interface PermutedAxis {
  param: string;
  axis: number;
  role: 'producer' | 'consumer';
  repeat: number;
}

/** The architecture's dense and conv layers (the ones with weights), in order. */
function weightLayers(arch: ArchId) {
  return archInfo(arch).layers.flatMap((l, index) => (l.kind === 'dense' || l.kind === 'conv' ? [{ layer: l, index }] : []));
}

/** The permutable groups, front to back (the order of PermutationSet entries): every dense or conv layer but the last (the logits). */
export function unitGroups(arch: ArchId): UnitGroup[] {
  return weightLayers(arch)
    .slice(0, -1)
    .map(({ layer }, hiddenIndex) => ({ name: layer.name, size: layer.kind === 'dense' ? layer.units : layer.filters, hiddenIndex }));
}

/**
 * groupAxes(arch)[g] = the axes permuted by group g (same order as unitGroups): the producer's
 * kernel out-axis (its last: 1 for dense [in,out], 3 for conv [k,k,in,out]) and bias, and the next
 * weight layer's kernel in-axis (2 for conv, 0 for dense). Pools between them keep channels in
 * place; a flatten between a conv and a dense layer spreads each channel over `positions` NHWC rows,
 * hence `repeat` (zoo CNN: conv2 → fc1/kernel [1568,128], 7·7 = 49 blocks of 32).
 */
export function groupAxes(arch: ArchId): PermutedAxis[][] {
  const layers = archInfo(arch).layers;
  const weighted = weightLayers(arch);
  return weighted.slice(0, -1).map(({ layer, index }, g) => {
    const next = weighted[g + 1];
    const flatten = layers.slice(index + 1, next.index).find((l) => l.kind === 'flatten');
    const repeat = flatten?.kind === 'flatten' ? flatten.positions : 1;
    return [
      prod(`${layer.name}/kernel`, layer.kind === 'dense' ? 1 : 3),
      prod(`${layer.name}/bias`, 0),
      cons(`${next.layer.name}/kernel`, next.layer.kind === 'dense' ? 0 : 2, repeat),
    ];
  });
}

function prod(param: string, axis: number): PermutedAxis {
  return { param, axis, role: 'producer', repeat: 1 };
}
function cons(param: string, axis: number, repeat = 1): PermutedAxis {
  return { param, axis, role: 'consumer', repeat };
}
