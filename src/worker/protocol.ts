import type { ZooEntry } from '../engine/zoo';

/** Messages between the page and the compute worker: plain, structured-clone-safe data only. */

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

export interface BackendStatus {
  name: BackendName;
  /** why a preferred backend was not used, one line per skipped backend */
  fallbackReasons: string[];
  /** adapter description when WebGPU is in use (e.g. "google swiftshader (fallback adapter)") */
  detail: string;
}

export interface ModelFiles {
  modelJsonUrl: string;
  weightsUrl: string;
}

export type WorkerRequest =
  | { type: 'init'; preferred: BackendName | 'auto'; dataBaseUrl: string }
  | { type: 'evaluate'; requestId: number; entry: ZooEntry; files: ModelFiles; sampleCount: number };

export interface SampleImage {
  /** uint8 grayscale 28×28 */
  pixels: Uint8Array;
  label: number;
  prediction: number;
}

export interface EvaluationResult {
  requestId: number;
  modelId: string;
  backend: BackendName;
  acc: number;
  asr: number;
  cleanCount: number;
  poisonedCount: number;
  seconds: number;
  clean: SampleImage[];
  triggered: SampleImage[];
}

export type WorkerEvent =
  | { type: 'backend'; status: BackendStatus }
  | { type: 'progress'; requestId: number; phase: string; done: number; total: number }
  | { type: 'evaluation'; result: EvaluationResult }
  | { type: 'error'; requestId?: number; message: string };
