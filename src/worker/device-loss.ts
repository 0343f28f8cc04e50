import * as tf from '@tensorflow/tfjs';

/** What a lost GPUDevice says: GPUDeviceLostInfo's reason ('destroyed' or 'unknown') and message. */
export interface DeviceLossInfo {
  reason: string;
  message: string;
}

// Structural: tfjs-backend-webgpu's WebGPUBackend keeps its GPUDevice in `device`; lib.dom's WebGPU
// typings differ across TypeScript versions.
interface LosableDevice {
  lost: Promise<{ reason?: string; message?: string }>;
}

/**
 * Calls `onLost` once if the active WebGPU backend's device is lost (a driver reset, the GPU process
 * gone, device.destroy()). tfjs does not watch for it: its ops then do nothing and every readback
 * rejects with an empty message. Returns `stop`: a loss after it is ignored. On any other backend
 * there is nothing to watch.
 */
export function watchDeviceLoss(onLost: (info: DeviceLossInfo) => void): () => void {
  if (tf.getBackend() !== 'webgpu') return () => {};
  const device = (tf.backend() as unknown as { device?: LosableDevice }).device;
  if (!device?.lost) return () => {};
  let watching = true;
  void device.lost.then((info) => {
    if (!watching) return;
    watching = false;
    onLost({ reason: info.reason ?? 'unknown', message: info.message ?? '' });
  });
  return () => {
    watching = false;
  };
}
