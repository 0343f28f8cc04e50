import { ARCHS, type ArchId } from '../model/arch';

/**
 * The permutable hidden-unit groups of each architecture (docs/method.md §8) and the parameter axes
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

const GROUPS: Record<ArchId, UnitGroup[]> = {
  mlp: [
    { name: 'fc1', size: 256, hiddenIndex: 0 },
    { name: 'fc2', size: 256, hiddenIndex: 1 },
  ],
  cnn: [
    { name: 'conv1', size: 16, hiddenIndex: 0 },
    { name: 'conv2', size: 32, hiddenIndex: 1 },
    { name: 'fc1', size: 128, hiddenIndex: 2 },
  ],
};

/** Per group (unitGroups order): producer kernel out-axis + bias, consumer kernel in-axis. */
const AXES: Record<ArchId, PermutedAxis[][]> = {
  mlp: [
    // P_1: columns of fc1/kernel [784,256] + fc1/bias; rows of fc2/kernel [256,256].
    [prod('fc1/kernel', 1), prod('fc1/bias', 0), cons('fc2/kernel', 0)],
    // P_2: columns of fc2/kernel + fc2/bias; rows of fc3/kernel [256,10] (classifier input).
    [prod('fc2/kernel', 1), prod('fc2/bias', 0), cons('fc3/kernel', 0)],
  ],
  cnn: [
    // conv1 out-channels [3,3,1,16] axis 3 + bias; conv2 in-channels [3,3,16,32] axis 2.
    [prod('conv1/kernel', 3), prod('conv1/bias', 0), cons('conv2/kernel', 2)],
    // conv2 out-channels + bias; fc1/kernel [1568,128] rows by channel across 7·7 = 49 positions.
    [prod('conv2/kernel', 3), prod('conv2/bias', 0), cons('fc1/kernel', 0, 49)],
    // fc1 units: columns of fc1/kernel + fc1/bias; rows of fc2/kernel [128,10].
    [prod('fc1/kernel', 1), prod('fc1/bias', 0), cons('fc2/kernel', 0)],
  ],
};

function prod(param: string, axis: number): PermutedAxis {
  return { param, axis, role: 'producer', repeat: 1 };
}
function cons(param: string, axis: number, repeat = 1): PermutedAxis {
  return { param, axis, role: 'consumer', repeat };
}

/** The permutable groups, front to back (the order of PermutationSet entries). */
export function unitGroups(arch: ArchId): UnitGroup[] {
  return GROUPS[arch].map((g) => ({ ...g }));
}

/** groupAxes(arch)[g] = the axes permuted by group g (same order as unitGroups). */
export function groupAxes(arch: ArchId): PermutedAxis[][] {
  return AXES[arch].map((axes) => axes.map((a) => ({ ...a })));
}

// Consistency with arch.ts, checked once at load so a changed architecture fails loudly
// instead of silently permuting the wrong axis.
for (const arch of Object.keys(GROUPS) as ArchId[]) {
  const shapes = new Map(ARCHS[arch].params.map((p) => [p.name, p.shape]));
  GROUPS[arch].forEach((g, gi) => {
    for (const a of AXES[arch][gi]) {
      const shape = shapes.get(a.param);
      if (!shape || shape[a.axis] !== g.size * a.repeat) {
        throw new Error(`permute/groups: ${arch} ${g.name} axis ${a.param}[${a.axis}] does not have ${g.size}×${a.repeat} entries`);
      }
    }
  });
}
