import * as tf from '@tensorflow/tfjs';
import { SIDE } from '../data/datasets';
import { defined } from '../defined';
import { archInfo, isZooArch, type ArchId, type ZooArchId } from '../model/arch';
import { forwardWithHidden, maxPool2x2 } from '../model/forward';
import { initParams, type Params } from '../model/params';
import { makeRng } from '../random';

/*
 * Trap and Replace's network on any architecture src/engine/model/arch.ts describes: a shared stem,
 * the classification head (the rest of the architecture, so stem + head is an ordinary model that
 * forward() and the metrics run unchanged) and a small reconstruction decoder on the stem's features.
 * The zoo's two architectures keep the split they were measured with (results/*.trap-replace.json):
 *   'mlp': stem = fc1 (784→256, ReLU); head = fc2, fc3; decoder = dense 256→784 + sigmoid.
 *   'cnn': stem = conv1, pool, conv2, pool (→ 7×7×32); head = fc1, fc2; decoder = two 2×2 stride-2
 *          transposed convolutions (32→16 channels, ReLU; 16→1, sigmoid): 7×7 → 14×14 → 28×28.
 * Any other architecture: stem = every layer but the last dense one; head = that last layer (the
 * classifier); decoder = dense (last hidden width)→784 + sigmoid on the stem's ReLU features.
 */

/** The zoo architectures' stems (by alias). */
export const STEM_PARAMS: Record<ZooArchId, readonly string[]> = {
  mlp: ['fc1/kernel', 'fc1/bias'],
  cnn: ['conv1/kernel', 'conv1/bias', 'conv2/kernel', 'conv2/bias'],
};

/** The zoo alias whose split this architecture keeps, if it is one of the zoo's. */
function zooAlias(arch: ArchId): ZooArchId | null {
  return isZooArch(arch, 'mlp') ? 'mlp' : isZooArch(arch, 'cnn') ? 'cnn' : null;
}

/** The stem's parameter names: the zoo's split, else every layer's but the last. */
export function stemParamNames(arch: ArchId): string[] {
  const zoo = zooAlias(arch);
  if (zoo) return [...STEM_PARAMS[zoo]];
  return archInfo(arch)
    .params.slice(0, -2)
    .map((p) => p.name);
}

/** The head's parameter names: everything of the architecture that is not stem. */
export function headParamNames(arch: ArchId): string[] {
  const stem = stemParamNames(arch);
  return archInfo(arch)
    .params.map((p) => p.name)
    .filter((n) => !stem.includes(n));
}

const ZOO_DECODER_SHAPES: Record<ZooArchId, [string, number[]][]> = {
  mlp: [
    ['dec1/kernel', [256, SIDE * SIDE]],
    ['dec1/bias', [SIDE * SIDE]],
  ],
  // a k=2, s=2 transposed conv is a per-pixel dense map C_in → 2·2·C_out (see upsample2x)
  cnn: [
    ['dec1/kernel', [32, 4 * 16]],
    ['dec1/bias', [16]],
    ['dec2/kernel', [16, 4 * 1]],
    ['dec2/bias', [1]],
  ],
};

/** The decoder's parameter shapes: the zoo's, else one dense layer from the last hidden layer's units to the image. */
function decoderShapes(arch: ArchId): [string, number[]][] {
  const zoo = zooAlias(arch);
  if (zoo) return ZOO_DECODER_SHAPES[zoo];
  const head = archInfo(arch).layers.at(-1);
  if (head?.kind !== 'dense') throw new Error(`${arch}: the last layer must be dense`);
  return [
    ['dec1/kernel', [head.inputs, SIDE * SIDE]],
    ['dec1/bias', [SIDE * SIDE]],
  ];
}

/** Glorot-uniform decoder kernels and zero biases from a seeded generator (new tensors; caller disposes). */
export function initDecoder(arch: ArchId, seed: number): Params {
  const rng = makeRng(`decoder:${seed}`);
  return Object.fromEntries(
    decoderShapes(arch).map(([name, shape]) => {
      const size = shape.reduce((a, c) => a * c, 1);
      const values = new Float32Array(size);
      if (shape.length === 2) {
        const limit = Math.sqrt(6 / (shape[0] + shape[1]));
        for (let i = 0; i < size; i++) values[i] = (2 * rng() - 1) * limit;
      }
      return [name, tf.tensor(values, shape, 'float32')];
    }),
  );
}

/** A fresh head, Glorot-initialised from `seed` (new tensors; caller disposes). */
export function initHead(arch: ArchId, seed: number): Params {
  const all = initParams(arch, seed);
  const head = headParamNames(arch);
  for (const [name, t] of Object.entries(all)) if (!head.includes(name)) t.dispose();
  return Object.fromEntries(head.map((n) => [n, all[n]]));
}

/** Transposed conv, kernel 2, stride 2: [N,H,W,Cin] → [N,2H,2W,Cout] with kernel [Cin, 4·Cout] laid out (dy, dx, c). */
function upsample2x(x: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor4D {
  const [n, h, w, cin] = x.shape;
  const cout = bias.size;
  const cells = tf.matMul(tf.reshape(x, [n * h * w, cin]), kernel as tf.Tensor2D);
  const blocks = tf.transpose(tf.reshape(cells, [n, h, w, 2, 2, cout]), [0, 1, 3, 2, 4, 5]);
  return tf.add(tf.reshape(blocks, [n, 2 * h, 2 * w, cout]), bias);
}

/** The stem's features from the forward pass's hidden pre-activations (src/engine/model/forward.ts). */
function stemFeatures(arch: ArchId, hidden: tf.Tensor[]): tf.Tensor {
  const zoo = zooAlias(arch);
  if (zoo === 'cnn') return maxPool2x2(tf.relu(hidden[1]) as tf.Tensor4D);
  if (zoo === 'mlp') return tf.relu(hidden[0]);
  // Any other stem ends at the head's input: the last hidden layer's ReLU, then any pools and the flatten after it.
  const layers = archInfo(arch).layers;
  const lastHidden = layers.reduce((last, l, i) => (i < layers.length - 1 && (l.kind === 'dense' || l.kind === 'conv') ? i : last), -1);
  let act = tf.relu(defined(hidden.at(-1), 'stemFeatures: hidden pre-activations'));
  for (const l of layers.slice(lastHidden + 1, -1)) {
    if (l.kind === 'pool') act = maxPool2x2(act as tf.Tensor4D);
    else if (l.kind === 'flatten') act = tf.reshape(act, [act.shape[0], l.positions * l.channels]);
  }
  return act;
}

/** The decoder's image in [0,1] from the stem's features: [N,28,28,1]. */
export function decode(arch: ArchId, decoder: Params, features: tf.Tensor): tf.Tensor4D {
  if (zooAlias(arch) !== 'cnn') {
    const out = tf.sigmoid(tf.add(tf.matMul(features as tf.Tensor2D, decoder['dec1/kernel'] as tf.Tensor2D), decoder['dec1/bias']));
    return tf.reshape(out, [features.shape[0], SIDE, SIDE, 1]);
  }
  const up = tf.relu(upsample2x(features as tf.Tensor4D, decoder['dec1/kernel'], decoder['dec1/bias']));
  return tf.sigmoid(upsample2x(up as tf.Tensor4D, decoder['dec2/kernel'], decoder['dec2/bias']));
}

/** Logits of stem + head and the decoder's reconstruction of x ([N,784] in [0,1]) in one pass. */
export function forwardTrapReplace(arch: ArchId, classifier: Params, decoder: Params, x: tf.Tensor2D): { logits: tf.Tensor2D; reconstruction: tf.Tensor4D } {
  const { logits, hidden } = forwardWithHidden(arch, classifier, x);
  return { logits, reconstruction: decode(arch, decoder, stemFeatures(arch, hidden)) };
}
