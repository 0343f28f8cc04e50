import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendName, BackendStatus } from '../protocol/messages';

const ORDER: BackendName[] = ['webgpu', 'webgl', 'cpu'];

/** Why WebGPU cannot start here, in words a user can act on (null if it can). */
interface AdapterLike {
  info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
  /** older Chromium put the flag on the adapter, newer on adapter.info */
  isFallbackAdapter?: boolean;
}
// Structural type: lib.dom's GPUAdapter typings differ across TypeScript versions.
const gpuOf = () => (navigator as unknown as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;

async function webgpuUnavailableReason(): Promise<string | null> {
  const gpu = gpuOf();
  if (!globalThis.isSecureContext) return 'WebGPU needs a secure context (https or localhost)';
  if (!gpu) return 'this browser has no navigator.gpu (WebGPU not supported or disabled)';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'no WebGPU adapter available (in Chromium without a GPU, start it with --enable-unsafe-webgpu)';
  return null;
}

async function adapterDetail(): Promise<string> {
  const adapter = await gpuOf()
    ?.requestAdapter()
    .catch(() => null);
  if (!adapter) return '';
  const info = adapter.info ?? {};
  // Fallback (software) adapters are accepted on purpose: CI has SwiftShader only.
  return (
    [info.vendor, info.architecture].filter(Boolean).join(' ') + (adapter.isFallbackAdapter || info.isFallbackAdapter ? ' (software fallback adapter)' : '')
  );
}

/**
 * WebGPU → WebGL → CPU. tf.setBackend resolves false (rather than throwing) when a backend
 * cannot start, and tfjs would then silently stay on another one, so each step is checked.
 */
export async function selectBackend(preferred: BackendName | 'auto'): Promise<BackendStatus> {
  const order = preferred === 'auto' ? ORDER : ORDER.slice(ORDER.indexOf(preferred));
  const reasons: string[] = preferred === 'auto' ? [] : ORDER.slice(0, ORDER.indexOf(preferred)).map((b) => `${b}: skipped (backend=${preferred} requested)`);
  for (const name of order) {
    if (name === 'webgpu') {
      const why = await webgpuUnavailableReason();
      if (why) {
        reasons.push(`webgpu: ${why}`);
        continue;
      }
    }
    try {
      const ok = await tf.setBackend(name);
      await tf.ready();
      if (ok && tf.getBackend() === name) {
        return { name, fallbackReasons: reasons, detail: name === 'webgpu' ? await adapterDetail() : '' };
      }
      reasons.push(`${name}: failed to initialise`);
    } catch (err) {
      reasons.push(`${name}: ${(err as Error).message}`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${reasons.join('; ')}`);
}
