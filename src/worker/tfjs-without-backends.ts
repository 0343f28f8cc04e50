/**
 * What '@tensorflow/tfjs' is in the built worker (vite.config.ts `tfjsWithoutBackends`): tfjs-core
 * with its gradients and chained ops, as the union package registers them, and tfjs-layers (the
 * engine writes Layers files with it, src/engine/model/layers-format.ts), but no backend, converter
 * or tfjs-data. Each backend's package is imported when it starts (src/worker/start-backend.ts), so a
 * worker on WASM never downloads WebGL's or WebGPU's kernels. Node scripts and tests keep the union.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
