import * as tf from '@tensorflow/tfjs';
import type { Params } from '../model/params';
import './host-kernels';
import { SPLIT_FLAT } from './kernel-names';

/** Where each named parameter lies in one flat float32 buffer (names in the order of the Params). */
export interface FlatLayout {
  names: string[];
  shapes: number[][];
  offsets: number[];
  /** total number of values */
  size: number;
}

export function layoutOf(params: Params): FlatLayout {
  const names = Object.keys(params);
  const shapes = names.map((n) => params[n].shape);
  const offsets: number[] = [];
  let size = 0;
  for (const n of names) {
    offsets.push(size);
    size += params[n].size;
  }
  return { names, shapes, offsets, size };
}

/** All of `params` in layout order as one [size] tensor (new; inputs untouched). */
export function flatten(params: Params, layout: FlatLayout): tf.Tensor1D {
  return tf.tidy(() => tf.concat(layout.names.map((n) => tf.reshape(params[n], [-1]))) as tf.Tensor1D);
}

/**
 * Each parameter's values from `flat` (whose first layout.size values are read; a longer buffer,
 * such as the optimizer state [θ; velocity], is fine): new tensors. On cpu and wasm one kernel
 * copies all pieces (src/engine/step/host-kernels.ts); elsewhere one slice each.
 */
export function viewsOf(flat: tf.Tensor1D, layout: FlatLayout): Params {
  return tf.tidy(() => {
    const sizes = layout.shapes.map(sizeOf);
    const pieces = tf.getKernel(SPLIT_FLAT, tf.getBackend())
      ? (tf.engine().runKernel(SPLIT_FLAT, { x: flat }, { sizes }) as unknown as tf.Tensor[])
      : sizes.map((size, i) => tf.slice(flat, layout.offsets[i], size));
    return Object.fromEntries(layout.names.map((n, i) => [n, tf.reshape(pieces[i], layout.shapes[i])]));
  });
}

const sizeOf = (shape: number[]) => shape.reduce((a, c) => a * c, 1);
