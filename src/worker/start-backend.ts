import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../protocol/messages';

/**
 * Each backend's package, loaded when that backend is first started: the built worker's tfjs has no
 * backend (src/worker/tfjs-without-backends.ts), so a worker on WASM never downloads WebGL's or
 * WebGPU's kernels. Importing a backend's package registers it with tfjs (in Node the union
 * '@tensorflow/tfjs' already registered CPU and WebGL; registering again is harmless). A chunk that
 * fails to load is that backend failing to start: the caller moves on to the next.
 */
const backendModules: Record<Exclude<BackendName, 'wasm'>, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};
const wasmModule = () => import('./wasm-backend');

interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  /** older Chromium put the flag on the adapter, newer on adapter.info */
  isFallbackAdapter?: boolean;
}
// Structural type: lib.dom's GPUAdapter typings differ across TypeScript versions.
const gpuOf = () => (navigator as unknown as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;

/** The WebGPU adapter, or why there is none, in words a user can act on. */
async function webgpuAdapter(): Promise<{ adapter: AdapterLike } | { reason: string }> {
  const gpu = gpuOf();
  if (!globalThis.isSecureContext) return { reason: 'WebGPU needs a secure context (https or localhost)' };
  if (!gpu) return { reason: 'this browser has no navigator.gpu (WebGPU not supported or disabled)' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { reason: 'no WebGPU adapter available (in Chromium without a GPU, start it with --enable-unsafe-webgpu)' };
  return { adapter };
}

const isSoftware = (a: AdapterLike) => Boolean(a.isFallbackAdapter || a.info?.isFallbackAdapter);

/** "google swiftshader (software fallback adapter)"; '' without WebGPU. Also the backend cache's key (src/worker/backend-cache.ts). */
export async function adapterDescription(): Promise<string> {
  const found = await webgpuAdapter();
  if (!('adapter' in found)) return '';
  const info = found.adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  return name + (isSoftware(found.adapter) ? ' (software fallback adapter)' : '');
}

/** `threads`: what the WASM backend computes on (set when `name` is 'wasm') */
export type StartResult = { ok: true; detail: string; software: boolean; threads?: number } | { ok: false; reason: string };

/**
 * Makes `name` tfjs's backend in this worker. tf.setBackend resolves false (rather than throwing)
 * when a backend cannot start, and tfjs would then silently stay on another one, so the result is
 * checked. Software (fallback) WebGPU adapters start like any other: machines without a GPU have
 * only SwiftShader; the probe (src/worker/probe-runner.ts, ranked in backend-choice.ts) decides whether they are worth using.
 */
export async function startBackend(name: BackendName, threads?: number): Promise<StartResult> {
  let software = false;
  if (name === 'webgpu') {
    const found = await webgpuAdapter();
    if (!('adapter' in found)) return { ok: false, reason: found.reason };
    software = isSoftware(found.adapter);
  }
  let wasmThreads: number | undefined;
  try {
    const start = async () => {
      const ok = await tf.setBackend(name);
      await tf.ready();
      return ok;
    };
    let ok: boolean;
    if (name === 'wasm') {
      const wasm = await wasmModule();
      ok = await wasm.startingWasm(start, threads);
      wasmThreads = wasm.wasmThreads();
    } else {
      await backendModules[name]();
      ok = await start();
    }
    if (!ok || tf.getBackend() !== name) return { ok: false, reason: 'failed to initialise' };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  const detail = name === 'webgpu' ? await adapterDescription() : wasmThreads !== undefined ? threadsDetail(wasmThreads) : '';
  return { ok: true, detail, software, ...(wasmThreads !== undefined && { threads: wasmThreads }) };
}

function threadsDetail(threads: number): string {
  return `${threads} thread${threads === 1 ? '' : 's'}` + (globalThis.crossOriginIsolated ? '' : ' (not cross-origin isolated)');
}
