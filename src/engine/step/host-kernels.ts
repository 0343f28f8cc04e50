import * as tf from '@tensorflow/tfjs';
import { BEZIER_POINT, SGD_UPDATE, SPLIT_FLAT, type BezierAttrs, type SgdUpdateAttrs, type SplitAttrs } from './kernel-names';

/**
 * The lean step's kernels on the host-memory backends (cpu, wasm) as one JS loop over the
 * backend's own memory each, instead of 4 (θ(t)) and 8–10 (update) plain kernels. Measured faster
 * than the plain ops on WASM: `npm run bench -- --backends wasm --no-full --no-webgpu-counts`
 * prints both paths' step times side by side (docs/runtime.md, "The lean curve step").
 */

export type Arrays = Record<string, Float32Array>;

// Every product and sum is rounded to float32 (Math.fround) in the order the plain ops run them
// (mul by a float32 scalar, then AddN left to right), so on cpu and wasm the lean path gives the
// reference path's bits exactly: a trace recomputed on either is the same
// (src/engine/step/step-path.test.ts checks bit equality). Math.fround is called by its own name:
// through an alias (const f = Math.fround) V8 did not inline it and the update loop ran many times slower.

export function bezierLoop({ a, state, b }: Arrays, out: Float32Array, attrs: BezierAttrs): void {
  const [wa, wc, wb] = [Math.fround(attrs.wa), Math.fround(attrs.wc), Math.fround(attrs.wb)]; // locals: V8 keeps them in registers
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = Math.fround(Math.fround(Math.fround(a[i] * wa) + Math.fround(state[i] * wc)) + Math.fround(b[i] * wb));
}

/** out = [θ − lr·v'; v'] with v' = grad + l2Scale·θ(t) + wd·θ + μv (sgdUpdatePlain's order). */
function updateLoop({ state, grad, a, b }: Arrays, out: Float32Array, attrs: SgdUpdateAttrs): void {
  const [lr, momentum, weightDecay, l2Scale] = [Math.fround(attrs.lr), Math.fround(attrs.momentum), Math.fround(attrs.weightDecay), Math.fround(attrs.l2Scale)];
  const [wa, wc, wb] = [Math.fround(attrs.wa), Math.fround(attrs.wc), Math.fround(attrs.wb)];
  const n = grad.length;
  for (let i = 0; i < n; i++) {
    const theta = state[i];
    let g = grad[i];
    if (l2Scale !== 0)
      g = Math.fround(g + Math.fround(l2Scale * Math.fround(Math.fround(Math.fround(a[i] * wa) + Math.fround(theta * wc)) + Math.fround(b[i] * wb))));
    if (weightDecay !== 0) g = Math.fround(g + Math.fround(weightDecay * theta));
    const v = Math.fround(g + Math.fround(momentum * state[n + i]));
    out[n + i] = v;
    out[i] = Math.fround(theta - Math.fround(v * lr));
  }
}

export interface CpuBackend {
  data: { get(id: tf.DataId): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}
export interface WasmBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/** The output's shape from the inputs: [n] for θ(t), [2n] for the state. */
type ShapeOf = (inputs: Record<string, tf.TensorInfo>) => number[];
type Loop<A> = (arrays: Arrays, out: Float32Array, attrs: A) => void;

function register<A>(kernelName: string, shapeOf: ShapeOf, loop: Loop<A>): void {
  tf.registerKernel({
    kernelName,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = backend as unknown as CpuBackend;
      const arrays = Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, cpu.data.get((t as tf.TensorInfo).dataId).values]));
      const shape = shapeOf(inputs as Record<string, tf.TensorInfo>);
      const out = new Float32Array(shape[0]);
      loop(arrays, out, attrs as unknown as A);
      return cpu.makeTensorInfo(shape, 'float32', out);
    },
  });
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackend;
      // the output first: allocating may grow the heap and detach earlier views of it
      const out = wasm.makeOutput(shapeOf(inputs as Record<string, tf.TensorInfo>), 'float32');
      const arrays = Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, wasm.typedArrayFromHeap(t as tf.TensorInfo)]));
      loop(arrays, wasm.typedArrayFromHeap(out), attrs as unknown as A);
      return out;
    },
  });
}

register<BezierAttrs>(BEZIER_POINT, (inputs) => [inputs.a.shape[0]], bezierLoop);
register<SgdUpdateAttrs>(SGD_UPDATE, (inputs) => [2 * inputs.grad.shape[0]], updateLoop);

/**
 * The flat buffer's pieces as separate tensors, each a copy of its own range. Why: tfjs-wasm's Slice
 * reads its whole input first (readSync copies the heap range), so slicing the 6 parameters out of
 * a 2×269k MLP state copied 6 × 2 MB per step (src/engine/step/flat-layout.ts).
 */
function splitFlat(values: Float32Array, sizes: number[], output: (size: number) => Float32Array): void {
  let offset = 0;
  for (const size of sizes) {
    output(size).set(values.subarray(offset, offset + size));
    offset += size;
  }
}

tf.registerKernel({
  kernelName: SPLIT_FLAT,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cpu = backend as unknown as CpuBackend;
    const outs: tf.TensorInfo[] = [];
    splitFlat(cpu.data.get((inputs.x as tf.TensorInfo).dataId).values, (attrs as unknown as SplitAttrs).sizes, (size) => {
      const values = new Float32Array(size);
      outs.push(cpu.makeTensorInfo([size], 'float32', values));
      return values;
    });
    return outs;
  },
});

tf.registerKernel({
  kernelName: SPLIT_FLAT,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const wasm = backend as unknown as WasmBackend;
    const sizes = (attrs as unknown as SplitAttrs).sizes;
    // all outputs first: allocating may grow the heap and detach earlier views of it
    const outs = sizes.map((size) => wasm.makeOutput([size], 'float32'));
    const source = wasm.typedArrayFromHeap(inputs.x as tf.TensorInfo);
    let k = 0;
    splitFlat(source, sizes, () => wasm.typedArrayFromHeap(outs[k++]));
    return outs;
  },
});
