import * as tf from '@tensorflow/tfjs';
import { bezierLoop, type CpuBackend, type WasmBackend } from './host-kernels';
import { TENSOR_BEZIER_POINT, TENSOR_SGD_STEP, type BezierAttrs, type TensorStepAttrs } from './kernel-names';
import { stepExport } from './simd-module';
import { simdLoopsFor } from './wasm-simd-binding';

/**
 * The 'fused-per-tensor' step path's kernels (src/engine/step/per-tensor-stepper.ts), one per
 * parameter tensor, any shape. TscTensorBezierPoint: inputs a, c, b; θ(t) out.
 * TscTensorSgdStep: inputs theta and grad, optionally velocity (absent on the first step) and
 * point (θ(t), present when l2Scale ≠ 0); outputs [θ', v'].
 * On cpu one JS loop each; on wasm one SIMD WebAssembly loop each over the backend's heap
 * (simd-module.ts), because a JS loop there measured slower than tfjs-wasm's own plain ops; the
 * last n % 4 values go through the JS loop.
 */

type Arrays = Partial<Record<'theta' | 'grad' | 'velocity' | 'point', Float32Array>>;

// The reference stepper's AddN order and float32 rounding (src/engine/step/reference-stepper.ts):
// v' = grad + l2Scale·θ(t) + wd·θ + μ·v, each product and sum rounded, then θ' = θ − lr·v'. So the
// result has the reference's bits. Math.fround by its own name: V8 inlines it only so (host-kernels.ts).
function stepLoop({ theta, grad, velocity, point }: Arrays, thetaOut: Float32Array, velocityOut: Float32Array, attrs: TensorStepAttrs): void {
  if (!theta || !grad) throw new Error(`${TENSOR_SGD_STEP}: theta and grad are required`);
  const [lr, momentum, weightDecay, l2Scale] = [Math.fround(attrs.lr), Math.fround(attrs.momentum), Math.fround(attrs.weightDecay), Math.fround(attrs.l2Scale)];
  const n = theta.length;
  for (let i = 0; i < n; i++) {
    const t = theta[i];
    let g = grad[i];
    if (point && l2Scale !== 0) g = Math.fround(g + Math.fround(point[i] * l2Scale));
    if (weightDecay !== 0) g = Math.fround(g + Math.fround(t * weightDecay));
    if (velocity) g = Math.fround(g + Math.fround(velocity[i] * momentum));
    velocityOut[i] = g;
    thetaOut[i] = Math.fround(t - Math.fround(g * lr));
  }
}

function checkStep(inputs: tf.NamedTensorInfoMap, attrs: TensorStepAttrs): void {
  if (!inputs.theta || !inputs.grad) throw new Error(`${TENSOR_SGD_STEP}: theta and grad are required`);
  if (attrs.l2Scale !== 0 && !inputs.point) throw new Error(`${TENSOR_SGD_STEP}: l2Scale needs the point θ(t)`);
}

tf.registerKernel({
  kernelName: TENSOR_BEZIER_POINT,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cpu = backend as unknown as CpuBackend;
    const values = (t: tf.TensorInfo) => cpu.data.get(t.dataId).values;
    const { a, c, b } = inputs as Record<string, tf.TensorInfo>;
    const out = new Float32Array(values(a).length);
    bezierLoop({ a: values(a), state: values(c), b: values(b) }, out, attrs as unknown as BezierAttrs);
    return cpu.makeTensorInfo(a.shape, 'float32', out);
  },
});

tf.registerKernel({
  kernelName: TENSOR_SGD_STEP,
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    checkStep(inputs, attrs as unknown as TensorStepAttrs);
    const cpu = backend as unknown as CpuBackend;
    const arrays: Arrays = Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, cpu.data.get((t as tf.TensorInfo).dataId).values]));
    const shape = (inputs.theta as tf.TensorInfo).shape;
    const n = arrays.theta?.length ?? 0;
    const [thetaOut, velocityOut] = [new Float32Array(n), new Float32Array(n)];
    stepLoop(arrays, thetaOut, velocityOut, attrs as unknown as TensorStepAttrs);
    return [cpu.makeTensorInfo(shape, 'float32', thetaOut), cpu.makeTensorInfo(shape, 'float32', velocityOut)];
  },
});

function simdOf(backend: unknown) {
  const simd = simdLoopsFor(backend as object);
  if (!simd) throw new Error('the fused-per-tensor kernels need tfjs-wasm’s heap and WebAssembly SIMD (tensor-step-ops.ts checks first)');
  return simd;
}

tf.registerKernel({
  kernelName: TENSOR_BEZIER_POINT,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const simd = simdOf(backend);
    const wasm = backend as unknown as WasmBackend;
    const { a, c, b } = inputs as Record<string, tf.TensorInfo>;
    const { wa, wc, wb } = attrs as unknown as BezierAttrs;
    const out = wasm.makeOutput(a.shape, 'float32'); // first: allocating may grow the heap and detach views
    const [va, vc, vb, vout] = [a, c, b, out].map((t) => wasm.typedArrayFromHeap(t));
    const quads = va.length >> 2;
    simd.bezier(va.byteOffset, vc.byteOffset, vb.byteOffset, vout.byteOffset, quads, wa, wc, wb);
    const tail = (v: Float32Array) => v.subarray(quads * 4);
    bezierLoop({ a: tail(va), state: tail(vc), b: tail(vb) }, tail(vout), { wa, wc, wb });
    return out;
  },
});

tf.registerKernel({
  kernelName: TENSOR_SGD_STEP,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const p = attrs as unknown as TensorStepAttrs;
    checkStep(inputs, p);
    const simd = simdOf(backend);
    const wasm = backend as unknown as WasmBackend;
    const shape = (inputs.theta as tf.TensorInfo).shape;
    const outs = [wasm.makeOutput(shape, 'float32'), wasm.makeOutput(shape, 'float32')]; // first: see above
    const arrays: Arrays = Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, wasm.typedArrayFromHeap(t as tf.TensorInfo)]));
    const [thetaOut, velocityOut] = outs.map((t) => wasm.typedArrayFromHeap(t));
    const { theta, grad, velocity, point } = arrays as Required<Arrays>;
    const withL2 = p.l2Scale !== 0;
    const quads = thetaOut.length >> 2;
    const at = (v: Float32Array | undefined) => v?.byteOffset ?? 0; // 0: not read by that variant
    simd.step(stepExport(withL2, p.weightDecay !== 0, velocity !== undefined))(
      at(theta),
      at(grad),
      at(velocity),
      at(withL2 ? point : undefined),
      at(thetaOut),
      at(velocityOut),
      quads,
      p.lr,
      p.momentum,
      p.weightDecay,
      p.l2Scale,
    );
    const tail = (v: Float32Array | undefined) => v?.subarray(quads * 4);
    stepLoop(
      { theta: tail(theta), grad: tail(grad), velocity: tail(velocity), point: tail(point) },
      thetaOut.subarray(quads * 4),
      velocityOut.subarray(quads * 4),
      p,
    );
    return outs;
  },
});
