import * as tf from '@tensorflow/tfjs';
import { BEZIER_POINT, SGD_UPDATE, type BezierAttrs, type SgdUpdateAttrs } from './kernel-names';

/**
 * The lean step's kernels on tfjs-backend-webgpu: one compute dispatch each. Written against the
 * backend's WebGPUProgram contract (node_modules/@tensorflow/tfjs-backend-webgpu/dist/webgpu_program.js):
 * inputs are storage arrays named by variableNames, scalars come in as uniforms (so one compiled
 * pipeline serves every step), `main(index)` runs once per element of a flat dispatch.
 * Nothing here imports the backend, so the page's bundle does not load it for these.
 */

const WORKGROUP = 64;

interface Program {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms: string;
  size: boolean;
  getUserCode(): string;
}
type Uniform = { type: 'float32' | 'int32'; data: number[] };
interface WebGpuBackend {
  runWebGPUProgram(program: Program, inputs: tf.TensorInfo[], dtype: 'float32', uniforms: Uniform[]): tf.TensorInfo;
}

function program(shaderKey: string, variableNames: string[], outputShape: number[], threads: number, uniforms: string, body: string): Program {
  return {
    variableNames,
    outputShape,
    shaderKey,
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(threads / WORKGROUP), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    uniforms,
    size: false,
    getUserCode: () => `fn main(index : i32) { if (index < uniforms.n) { ${body} } }`,
  };
}

const f32 = (x: number): Uniform => ({ type: 'float32', data: [x] });

tf.registerKernel({
  kernelName: BEZIER_POINT,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { a, state, b } = inputs as Record<string, tf.TensorInfo>;
    const { wa, wc, wb } = attrs as unknown as BezierAttrs;
    const n = a.shape[0];
    const body = 'setOutputAtIndex(index, A[index] * uniforms.wa + State[index] * uniforms.wc + B[index] * uniforms.wb);';
    const p = program('tscBezierPoint', ['A', 'State', 'B'], [n], n, 'n : i32, wa : f32, wc : f32, wb : f32,', body);
    return (backend as unknown as WebGpuBackend).runWebGPUProgram(p, [a, state, b], 'float32', [{ type: 'int32', data: [n] }, f32(wa), f32(wc), f32(wb)]);
  },
});

tf.registerKernel({
  kernelName: SGD_UPDATE,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { state, grad, a, b } = inputs as Record<string, tf.TensorInfo>;
    const p = attrs as unknown as SgdUpdateAttrs;
    const n = grad.shape[0];
    // sgdUpdatePlain's order of terms (src/engine/step/fused-ops.ts); l2Scale 0 leaves g exact
    const body = `
      let theta = State[index];
      let g = Grad[index] + uniforms.l2Scale * (A[index] * uniforms.wa + theta * uniforms.wc + B[index] * uniforms.wb);
      let v = g + uniforms.weightDecay * theta + uniforms.momentum * State[index + uniforms.n];
      setOutputAtIndex(index + uniforms.n, v);
      setOutputAtIndex(index, theta - uniforms.lr * v);`;
    const uniforms = 'n : i32, lr : f32, momentum : f32, weightDecay : f32, l2Scale : f32, wa : f32, wc : f32, wb : f32,';
    const prog = program('tscSgdUpdate', ['State', 'Grad', 'A', 'B'], [2 * n], n, uniforms, body);
    return (backend as unknown as WebGpuBackend).runWebGPUProgram(prog, [state, grad, a, b], 'float32', [
      { type: 'int32', data: [n] },
      ...[p.lr, p.momentum, p.weightDecay, p.l2Scale, p.wa, p.wc, p.wb].map(f32),
    ]);
  },
});
