import type { TriggerSpec } from '../engine/attacks/types';
import type { DatasetId } from '../engine/data/datasets';
import type { ArchId } from '../engine/model/arch';

/** A file the user picked or dropped, as the page sends it to the worker (its bytes transferred, not copied). */
export interface ModelFolderFile {
  name: string;
  bytes: ArrayBuffer;
}

/**
 * Import a tfjs Layers model folder (src/worker/import-model.ts): the worker checks the files
 * (src/schema/model-import.ts), decodes the weights and measures clean accuracy and ASR with the
 * chosen trigger and target on the chosen dataset's test split.
 */
export interface ImportModelRequest {
  type: 'import-model';
  requestId: number;
  files: ModelFolderFile[];
  dataset: DatasetId;
  trigger: TriggerSpec;
  target: number;
}

/** What the worker found and measured: the canonical files, ready to be kept (src/store/user-models.ts). */
export interface ImportedModel {
  arch: ArchId;
  title: string;
  paramCount: number;
  /** what the import changed or assumed ("softmax output removed") */
  notes: string[];
  /** canonical model.json text */
  modelJson: string;
  weights: Uint8Array;
  cleanAccuracy: number;
  attackSuccessRate: number;
  evaluatedOn: { clean: number; poisoned: number; backend: string };
  seconds: number;
}

export type ImportModelUpdate =
  | { kind: 'progress'; phase: string; done: number; total: number }
  | { kind: 'done'; model: ImportedModel }
  /** the files were refused (the message names the file or layer) or the measurement failed */
  | { kind: 'failed'; message: string };

export interface ImportModelEvent {
  type: 'import-model';
  requestId: number;
  update: ImportModelUpdate;
}
