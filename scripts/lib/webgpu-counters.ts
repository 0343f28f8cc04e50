/**
 * Counts what tfjs-backend-webgpu asks of the GPU: compute dispatches (one per kernel program it
 * records, `recordAndSubmit`) and read-backs (GPU → CPU copies through a mapped staging buffer,
 * `getBufferData`, with their bytes). It wraps the two methods of the live backend object, so the
 * counts are exact for whatever runs in between; `stop` puts the originals back.
 */
export interface GpuCounts {
  dispatches: number;
  readbacks: number;
  readbackBytes: number;
}

interface WebGpuBackendInternals {
  recordAndSubmit: (...args: unknown[]) => unknown;
  getBufferData: (buffer: { size: number }) => Promise<unknown>;
}

export function countWebGpu(backend: unknown): { counts: GpuCounts; reset(): void; stop(): void } {
  const b = backend as WebGpuBackendInternals;
  if (typeof b.recordAndSubmit !== 'function' || typeof b.getBufferData !== 'function')
    throw new Error('not a tfjs WebGPU backend (recordAndSubmit/getBufferData missing: has tfjs-backend-webgpu changed?)');
  const counts: GpuCounts = { dispatches: 0, readbacks: 0, readbackBytes: 0 };
  const record = b.recordAndSubmit;
  const read = b.getBufferData;
  b.recordAndSubmit = function (this: unknown, ...args: unknown[]) {
    counts.dispatches++;
    return record.apply(this, args);
  };
  b.getBufferData = function (this: unknown, buffer: { size: number }) {
    counts.readbacks++;
    counts.readbackBytes += buffer.size;
    return read.call(this, buffer);
  };
  return {
    counts,
    reset() {
      counts.dispatches = counts.readbacks = counts.readbackBytes = 0;
    },
    stop() {
      b.recordAndSubmit = record;
      b.getBufferData = read;
    },
  };
}
