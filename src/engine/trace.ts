import type { TriggerSpec } from './attacks/types';
import type { CurvePointRecord, PointMetrics } from './evaluate';
import type { DefenseKind, TscSettings } from './settings';

/**
 * The one contract between the engine and its consumers (CLI, worker → store → views, exports):
 * plain JSON, versioned. Everything here is measured by the run that produced it.
 */
export const TRACE_VERSION = 1;

export interface AccAsr {
  acc: number;
  asr: number;
}

export interface LayerPermutationRecord {
  name: string;
  size: number;
  /** perm[i] = unit of the permuted model's input that moved to position i */
  perm: number[];
  /** correlation matrix (A units × B units), row-major, downsampled to corrSize × corrSize when large */
  correlation: number[] | null;
  corrSize: number;
  /** C[i, perm[i]] for every unit i */
  matchedCorrelation: number[];
  objectiveValue: number;
  meanMatched: number;
  fixedPoints: number;
}

export interface PermutationRecord {
  objective: 'align' | 'unalign';
  method: 'activation' | 'weight';
  layers: LayerPermutationRecord[];
  /** max |logit(π(θ)) − logit(θ)| on test images: the proof that π(θ) is the same function */
  maxLogitDiff: number;
}

export interface StageTimings {
  permuteMs: number;
  fitMs: number;
  evalMs: number;
  steps: number;
  msPerStep: number;
}

export type StageKind = 'unalign-connect' | 'align-connect' | 'mcr' | 'line';

export interface StageRecord {
  round: number;
  stage: 1 | 2;
  kind: StageKind;
  permutation: PermutationRecord | null;
  /** the fitted curve, evaluated on the eval subset */
  curve: CurvePointRecord[];
  /** the untrained straight line between the same endpoints (contrast) */
  line: CurvePointRecord[];
  /** θ(t) at the output t, on the full test split */
  output: AccAsr & { t: number };
  timings: StageTimings;
}

export interface RoundRecord {
  round: number;
  input: AccAsr;
  stages: StageRecord[];
  /** inter-round fine-tuning result, when it ran */
  finetuned: AccAsr | null;
}

export interface Trace {
  version: typeof TRACE_VERSION;
  model: string;
  defense: DefenseKind;
  settings: TscSettings;
  backend: string;
  cleanSubsetSize: number;
  evalSubset: { clean: number; poisoned: number };
  testSet: { clean: number; poisoned: number };
  before: AccAsr;
  after: AccAsr;
  rounds: RoundRecord[];
  wallSeconds: number;
  /** the trigger every ASR of the run was measured with, and its target class; absent in traces written before runs recorded it */
  trigger?: { spec: TriggerSpec; target: number };
}

/** Progress and partial results while a run goes (the page's live view). */
export type TraceEvent =
  | { type: 'progress'; round: number; stage: number; phase: string; epoch: number; epochs: number; step: number; totalSteps: number }
  | { type: 'curve-epoch'; round: number; stage: number; epoch: number; curve: CurvePointRecord[] }
  | { type: 'stage'; record: StageRecord }
  | { type: 'round'; record: RoundRecord };

export type { CurvePointRecord, PointMetrics };

/** The one key of a (round, stage) pair, for maps of curves and React keys. */
export const stageKey = (round: number, stage: number) => `${round}/${stage}`;
