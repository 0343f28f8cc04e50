import { create, globals } from 'webgpu';

/**
 * Gives Node a real WebGPU: Dawn from the npm package `webgpu`, on Chromium's SwiftShader Vulkan
 * driver where there is no GPU (docs/runtime.md). LD_LIBRARY_PATH and VK_ICD_FILENAMES must be set
 * before the process starts (the npm scripts test:webgpu and bench do).
 */
export function installDawn(): void {
  Object.assign(globalThis, globals);
  (globalThis as unknown as { navigator: unknown }).navigator = { gpu: create([]), userAgent: 'node' };
}
