import type { TrapReplaceSettings } from '../engine/defenses/trap-replace-settings';
import type { ModelEntry } from '../engine/zoo';

/*
 * Trap and Replace in the page (src/worker/trap-replace-run.ts): a training-time defense, so the
 * request carries the model's entry (its recipe rebuilds the poisoned training set) and no weights.
 * A 'cancel' with the request's id stops it.
 */

export interface TrapReplaceRequest {
  type: 'trap-replace';
  requestId: number;
  /** a zoo model or a page-trained one (an imported model has no recipe: the worker answers trap-replace-failed) */
  entry: ModelEntry;
  /** every setting; the panel starts from trapReplaceDefaults(entry.dataset) */
  settings: TrapReplaceSettings;
}

/** Where a run is: a phase in words, or training (a step ~every 0.5 s, and every finished epoch with its mean loss). */
export type TrapReplaceProgress =
  | { kind: 'phase'; phase: string }
  | {
      kind: 'training';
      stage: 1 | 2;
      /** the epoch under way, or the one that just finished (`meanLoss` set) */
      epoch: number;
      epochs: number;
      /** steps done over both stages, and their total */
      done: number;
      total: number;
      /** the mean loss of the epoch that just finished (absent mid-epoch) */
      meanLoss?: number;
      /** since training began */
      seconds: number;
    };

/** The defense's output measured on the whole test split, with the model's own trigger and target. */
export interface TrapReplaceOutcome {
  requestId: number;
  modelId: string;
  acc: number;
  asr: number;
  /** test images behind `acc` and `asr` */
  cleanCount: number;
  poisonedCount: number;
  /** both stages' training, measurements excluded */
  seconds: number;
  settings: TrapReplaceSettings;
  backend: string;
}

export type TrapReplaceEvent =
  | { type: 'trap-replace-progress'; requestId: number; progress: TrapReplaceProgress }
  | { type: 'trap-replace-done'; result: TrapReplaceOutcome }
  | { type: 'trap-replace-failed'; requestId: number; message: string; cancelled: boolean };

/** What the store does with these events (src/store/slices/trap-replace.ts); part of ComputeSink. */
export interface TrapReplaceSink {
  startTrapReplace(requestId: number, modelId: string): void;
  setTrapReplaceProgress(requestId: number, progress: TrapReplaceProgress): void;
  finishTrapReplace(result: TrapReplaceOutcome): void;
  failTrapReplace(requestId: number, message: string, cancelled: boolean): void;
}
