/** vitest setup for the *.webgpu.test.ts files: WebGPU in Node through Dawn (src/engine/node/dawn.ts). */
import { installDawn } from '../engine/node/dawn';

installDawn();
