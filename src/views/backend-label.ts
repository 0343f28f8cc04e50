import type { BackendProbe, BackendStatus, WorkerMemory } from '../protocol/messages';

/** Words for the backend chip (src/views/BackendChip.tsx): which backend, on what, and why it won. */

export const BACKEND_TITLES = { webgpu: 'WebGPU', wasm: 'WASM', webgl: 'WebGL', cpu: 'CPU' } as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "9 ms", "0.4 ms", "410 ms". */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** "wasm ×2 threads: 9 ms/step", "webgpu (software adapter): 410 ms/step", "webgl: over its 1.2 s budget". */
export function probeLabel(p: BackendProbe): string {
  const name = p.name + (p.threads !== undefined ? ` ×${plural(p.threads, 'thread')}` : '') + (p.detail ? ` (${p.detail})` : '');
  return `${name}: ${p.msPerStep !== undefined && p.lost === undefined ? `${formatMs(p.msPerStep)}/step` : (p.lost ?? 'no time')}`;
}

/** What the active backend runs on: the adapter for WebGPU, threads and isolation for WASM. */
export function backendDetail(status: BackendStatus): string {
  if (status.name !== 'wasm' || status.wasmThreads === undefined) return status.detail;
  const threads = plural(status.wasmThreads, 'thread');
  // a TSC run then measures its stages on a second worker (src/worker/eval-worker-start.ts)
  if (!status.crossOriginIsolated) return `${threads} (not cross-origin isolated: the host must send COOP/COEP, README.md)`;
  return status.evalFallback
    ? `${threads}, cross-origin isolated; TSC evaluation in the compute worker (the second worker failed: ${status.evalFallback})`
    : `${threads}, cross-origin isolated; TSC evaluation on a second worker`;
}

/** How it was chosen, with the probe's times when there was one. */
export function choiceLabel(status: BackendStatus): string {
  if (status.choice === 'forced') return `set by the link (backend=${status.requested ?? status.name})`;
  if (!status.probes?.length) return '';
  const how = status.choice === 'cached' ? 'fastest when this browser last measured' : 'fastest in a probe';
  return `${how}: ${status.probes.map(probeLabel).join(' · ')}`;
}

/** "tfjs memory after the last run: 36 tensors, 1.2 MB" */
export function memoryLabel(m: Pick<WorkerMemory, 'numTensors' | 'numBytes'>): string {
  return `tfjs memory after the last run: ${plural(m.numTensors, 'tensor')}, ${(m.numBytes / 1e6).toFixed(1)} MB`;
}
