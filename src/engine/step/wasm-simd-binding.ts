import { simdModuleBytes } from './simd-module';

/** The loops of simd-module.ts, bound to one tfjs-backend-wasm heap. Pointers are byte offsets. */
export interface SimdLoops {
  bezier(a: number, c: number, b: number, out: number, quads: number, wa: number, wc: number, wb: number): void;
  step(
    name: string,
  ): (
    theta: number,
    grad: number,
    velocity: number,
    point: number,
    thetaOut: number,
    velocityOut: number,
    quads: number,
    lr: number,
    momentum: number,
    wd: number,
    l2: number,
  ) => void;
}

/** What tfjs-backend-wasm's backend keeps of its Emscripten module: the heap's memory is exported (plain build) or made in JS (threaded build). */
interface EmscriptenModule {
  asm?: { memory?: unknown };
  wasmMemory?: unknown;
  HEAPU8: Uint8Array;
}

const bound = new WeakMap<object, SimdLoops | null>();

/**
 * The SIMD loops on `backend`'s heap (tf.backend() of 'wasm'), or null where its WebAssembly.Memory
 * cannot be found or the module does not compile (no SIMD): then the caller uses plain ops.
 * Bound once per backend instance.
 */
export function simdLoopsFor(backend: object): SimdLoops | null {
  if (!bound.has(backend)) bound.set(backend, bind(backend));
  return bound.get(backend) ?? null;
}

function bind(backend: object): SimdLoops | null {
  const module = (backend as { wasm?: EmscriptenModule }).wasm;
  if (!module?.HEAPU8) return null;
  // the plain build exports its memory; the threaded build makes a shared one and keeps it on the
  // module (a shared memory's buffer object may differ from HEAPU8's, so no identity check)
  const memory = [module.asm?.memory, module.wasmMemory].find((m): m is WebAssembly.Memory => m instanceof WebAssembly.Memory);
  if (!memory) return null;
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  try {
    const exports = new WebAssembly.Instance(new WebAssembly.Module(simdModuleBytes(shared)), { env: { memory } }).exports as Record<string, unknown>;
    return {
      bezier: exports.bezier as SimdLoops['bezier'],
      step: (name) => exports[name] as ReturnType<SimdLoops['step']>,
    };
  } catch {
    return null;
  }
}
