/**
 * vitest setup for the *.webgpu.test.ts files: gives Node a real WebGPU (Dawn, npm package `webgpu`)
 * running on Chromium's SwiftShader Vulkan driver (docs/runtime.md). The npm script
 * test:webgpu sets LD_LIBRARY_PATH and VK_ICD_FILENAMES, which must exist before the process starts.
 */
import { create, globals } from 'webgpu';

Object.assign(globalThis, globals);
(globalThis as unknown as { navigator: unknown }).navigator = { gpu: create([]), userAgent: 'node' };
