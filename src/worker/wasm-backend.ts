import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { wasmThreadsFor } from './backend-choice';

/**
 * Registers tfjs's WASM backend with its binaries served from the app's own origin (Vite emits
 * them as assets). tfjs picks the threaded SIMD binary when the page is cross-origin isolated
 * (vite.config.ts sends COOP/COEP), else SIMD, else plain. The thread worker's script is inlined
 * in the package as a Blob, so no other file is needed.
 */
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});

/**
 * Starts the WASM backend on `threads` threads (default one per logical core, up to 4; the probe
 * may pick one, src/worker/backend-choice.ts). tfjs caps its pool at half of
 * navigator.hardwareConcurrency, read once while the module starts (init_with_threads_count in
 * tfjs-backend-wasm's backend.cc), which leaves a 2-core machine on one thread; so for the start
 * this worker's navigator reports twice its cores, and setThreadsCount sets the real number.
 */
export async function startingWasm<T>(start: () => Promise<T>, threads?: number): Promise<T> {
  const cores = navigator.hardwareConcurrency || 1;
  setThreadsCount(threads ?? wasmThreadsFor(cores));
  Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 2 * cores, configurable: true });
  try {
    return await start();
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency; // the prototype's getter again
  }
}

/** Threads the WASM backend computes on (1 until it has started, or without cross-origin isolation). */
export function wasmThreads(): number {
  try {
    return getThreadsCount();
  } catch {
    return 1; // not started
  }
}
