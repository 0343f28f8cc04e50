import type { PlaneBasis } from '../plane';
import type { LayerPermutationRecord, PermutationRecord, RoundRecord, StageRecord, Trace } from '../trace';
import {
  decodeFloat32,
  decodeUint8,
  decodeUnitInt16,
  encodeFloat32,
  encodeUint8,
  encodeUnitInt16,
  type Float32Blob,
  type Uint8Blob,
  type UnitInt16Blob,
} from './binary';

/**
 * A precomputed run as shipped with the app (public/traces/): the engine's Trace, its correlation
 * matrices quantised, plus what the views need without weights: θ(t) predictions on a few sample
 * images at every t of a fine grid, and (for some models) the loss plane of every stage.
 * Written by scripts/traces.ts; versioned and validated on load (src/schema/trace-pack.ts).
 */
export const TRACE_PACK_FORMAT = 'tsc-trace-pack';
export const TRACE_PACK_VERSION = 1;

export interface PackedLayer extends Omit<LayerPermutationRecord, 'correlation'> {
  correlation: UnitInt16Blob | null;
}
export interface PackedPermutation extends Omit<PermutationRecord, 'layers'> {
  layers: PackedLayer[];
}
export interface PackedStage extends Omit<StageRecord, 'permutation'> {
  permutation: PackedPermutation | null;
}
export interface PackedRound extends Omit<RoundRecord, 'stages'> {
  stages: PackedStage[];
}
export interface PackedTrace extends Omit<Trace, 'rounds'> {
  rounds: PackedRound[];
}

/** Sample test images (uint8 28×28, row-major, one after another): non-target clean ones and their triggered twins. */
export interface PackedSamples {
  count: number;
  labels: number[];
  clean: Uint8Blob;
  triggered: Uint8Blob;
}

/** Predicted classes of θ(t) on the samples, [t][image], for every t of the pack's grid. */
export interface PackedStagePredictions {
  round: number;
  stage: number;
  clean: Uint8Blob;
  triggered: Uint8Blob;
}

export interface PackedPlane {
  round: number;
  stage: number;
  coords: PlaneBasis['coords'];
  n: number;
  xs: number[];
  ys: number[];
  clean: Float32Blob;
  poisoned: Float32Blob;
  margin: number;
  equalAxes: boolean;
  cleanCount: number;
  poisonedCount: number;
  seconds: number;
}

export interface TracePack {
  format: typeof TRACE_PACK_FORMAT;
  version: typeof TRACE_PACK_VERSION;
  /** ISO date of the run */
  generatedAt: string;
  generator: { command: string; backend: string; node: string };
  /** curve epochs used and the paper's; reason is set when the budget was reduced for time */
  budget: { curveEpochs: number; paperCurveEpochs: number; reason: string | null };
  trace: PackedTrace;
  samples: PackedSamples;
  /** the t grid of `predictions` (e.g. 0, 0.01, …, 1) */
  predictionTs: number[];
  predictions: PackedStagePredictions[];
  planes: PackedPlane[];
}

export function packTrace(trace: Trace): PackedTrace {
  return {
    ...trace,
    rounds: trace.rounds.map((r) => ({
      ...r,
      stages: r.stages.map((s) => ({
        ...s,
        permutation: s.permutation && {
          ...s.permutation,
          layers: s.permutation.layers.map((l) => ({ ...l, correlation: l.correlation && encodeUnitInt16(l.correlation) })),
        },
      })),
    })),
  };
}

export function unpackTrace(packed: PackedTrace): Trace {
  return {
    ...packed,
    rounds: packed.rounds.map((r) => ({
      ...r,
      stages: r.stages.map((s) => ({
        ...s,
        permutation: s.permutation && {
          ...s.permutation,
          layers: s.permutation.layers.map((l) => ({ ...l, correlation: l.correlation && decodeUnitInt16(l.correlation) })),
        },
      })),
    })),
  };
}

/** A stage's loss plane as plain arrays (the shape the views draw). */
export interface UnpackedPlane extends Omit<PackedPlane, 'clean' | 'poisoned'> {
  clean: number[];
  poisoned: number[];
}

export interface UnpackedPredictions {
  round: number;
  stage: number;
  /** [t index][sample] */
  clean: Uint8Array[];
  triggered: Uint8Array[];
}

export interface UnpackedTracePack {
  meta: Pick<TracePack, 'generatedAt' | 'generator' | 'budget'>;
  trace: Trace;
  samples: { count: number; labels: number[]; clean: Uint8Array; triggered: Uint8Array };
  predictionTs: number[];
  predictions: UnpackedPredictions[];
  planes: UnpackedPlane[];
}

const rows = (flat: Uint8Array, width: number): Uint8Array[] => Array.from({ length: flat.length / width }, (_, i) => flat.slice(i * width, (i + 1) * width));

export function packPlane(plane: UnpackedPlane): PackedPlane {
  return { ...plane, clean: encodeFloat32(plane.clean), poisoned: encodeFloat32(plane.poisoned) };
}

export function packPredictions(p: UnpackedPredictions): PackedStagePredictions {
  const flat = (r: Uint8Array[]) => encodeUint8(r.flatMap((row) => Array.from(row)));
  return { round: p.round, stage: p.stage, clean: flat(p.clean), triggered: flat(p.triggered) };
}

/** Decodes every blob; shapes are checked by the schema before this runs (src/schema/trace-pack.ts). */
export function unpackTracePack(pack: TracePack): UnpackedTracePack {
  const n = pack.samples.count;
  return {
    meta: { generatedAt: pack.generatedAt, generator: pack.generator, budget: pack.budget },
    trace: unpackTrace(pack.trace),
    samples: { count: n, labels: pack.samples.labels, clean: decodeUint8(pack.samples.clean), triggered: decodeUint8(pack.samples.triggered) },
    predictionTs: pack.predictionTs,
    predictions: pack.predictions.map((p) => ({
      round: p.round,
      stage: p.stage,
      clean: rows(decodeUint8(p.clean), n),
      triggered: rows(decodeUint8(p.triggered), n),
    })),
    planes: pack.planes.map((p) => ({ ...p, clean: Array.from(decodeFloat32(p.clean)), poisoned: Array.from(decodeFloat32(p.poisoned)) })),
  };
}
