import { applyTrigger, gatherImages } from '../attacks';
import { curvePoint } from '../curve';
import { PIXELS } from '../data/datasets';
import { toFloatImages } from '../data/format';
import { EvalSet } from '../evaluate';
import { nonTargetIndices, predictClasses } from '../metrics';
import { cloneParams, disposeParams, type Params } from '../model/params';
import { disposePlaneBasis, evaluatePlane, linspace, planeBasis } from '../plane';
import { runDefense, type DefenseInput } from '../run-defense';
import { TSC_DEFAULTS, type TscSettings } from '../settings';
import { stageKey } from '../trace';
import { encodeUint8 } from './binary';
import { packPlane, packPredictions, packTrace, TRACE_PACK_FORMAT, TRACE_PACK_VERSION, type TracePack, type UnpackedPlane } from './pack';

export interface PlaneRequest {
  coarse: number;
  finest: number;
  margin: number;
  equalAxes: boolean;
  /** test images per point (clean, plus their triggered non-target twins) */
  samples: number;
}

export interface GenerateOptions {
  settings: Partial<TscSettings>;
  /** why the curve budget is below the paper's, when it is */
  budgetReason: string | null;
  /** loss planes of every stage, or none */
  plane: PlaneRequest | null;
  sampleCount?: number;
  /** t resolution of the predictions table (101 → steps of 0.01) */
  predictionPoints?: number;
  command: string;
  node: string;
  log?: (line: string) => void;
}

interface Curve {
  a: Params;
  c: Params;
  b: Params;
}

/** Runs a defense and records everything the page shows, as a TracePack. Disposes every tensor it makes. */
export async function generateTracePack(input: DefenseInput, opts: GenerateOptions): Promise<TracePack> {
  const log = opts.log ?? (() => {});
  const curves = new Map<string, Curve & { round: number; stage: number }>();
  const keepCurve = (round: number, stage: number, a: Params, c: Params, b: Params) =>
    curves.set(stageKey(round, stage), { round, stage, a: cloneParams(a), c: cloneParams(c), b: cloneParams(b) });
  try {
    const { trace, output } = await runDefense(input, opts.settings, {
      onCurve: keepCurve,
      emit: (ev) => {
        if (ev.type === 'stage') log(`round ${ev.record.round} stage ${ev.record.stage}: θ(t) ASR ${(100 * ev.record.output.asr).toFixed(1)} %`);
      },
    });
    disposeParams(output);

    const test = input.test;
    const victims = nonTargetIndices(test.labels, input.target).subarray(0, opts.sampleCount ?? 8);
    const clean = gatherImages(toFloatImages(test, 0, Math.max(...victims) + 1), victims);
    const triggered = applyTrigger(input.attack, clean);
    const ts = linspace(0, 1, opts.predictionPoints ?? 101).map((t) => Math.round(t * 1e6) / 1e6);
    const predictions = [];
    for (const curve of curves.values()) {
      const cleanRows: Uint8Array[] = [];
      const trigRows: Uint8Array[] = [];
      for (const t of ts) {
        const theta = curvePoint(curve.a, curve.c, curve.b, t);
        try {
          cleanRows.push(Uint8Array.from(await predictClasses(input.arch, theta, clean)));
          trigRows.push(Uint8Array.from(await predictClasses(input.arch, theta, triggered)));
        } finally {
          disposeParams(theta);
        }
      }
      predictions.push(packPredictions({ round: curve.round, stage: curve.stage, clean: cleanRows, triggered: trigRows }));
    }

    const planes = opts.plane ? await stagePlanes(input, [...curves.values()], opts.plane, log) : [];
    const toBytes = (f: Float32Array) => Uint8Array.from(f, (v) => Math.round(v * 255));
    return {
      format: TRACE_PACK_FORMAT,
      version: TRACE_PACK_VERSION,
      generatedAt: new Date().toISOString(),
      generator: { command: opts.command, backend: trace.backend, node: opts.node },
      budget: { curveEpochs: trace.settings.curveEpochs, paperCurveEpochs: TSC_DEFAULTS.curveEpochs, reason: opts.budgetReason },
      trace: packTrace(trace),
      samples: {
        count: victims.length,
        labels: Array.from(victims, (i) => test.labels[i]),
        clean: encodeUint8(toBytes(clean.subarray(0, victims.length * PIXELS))),
        triggered: encodeUint8(toBytes(triggered.subarray(0, victims.length * PIXELS))),
      },
      predictionTs: ts,
      predictions,
      planes,
    };
  } finally {
    for (const { a, c, b } of curves.values()) [a, c, b].forEach(disposeParams);
  }
}

async function stagePlanes(input: DefenseInput, curves: (Curve & { round: number; stage: number })[], req: PlaneRequest, log: (l: string) => void) {
  const n = Math.min(req.samples, input.test.count);
  const set = EvalSet.build(toFloatImages(input.test, 0, n), input.test.labels, input.attack, input.target, n);
  const planes = [];
  try {
    for (const curve of curves) {
      const started = performance.now();
      const basis = await planeBasis(curve.a, curve.c, curve.b);
      try {
        const grid = await evaluatePlane(input.arch, basis, set, req);
        const plane: UnpackedPlane = {
          round: curve.round,
          stage: curve.stage,
          coords: basis.coords,
          n: grid.n,
          xs: grid.xs,
          ys: grid.ys,
          clean: grid.clean.map((v) => v ?? NaN),
          poisoned: grid.poisoned.map((v) => v ?? NaN),
          margin: req.margin,
          equalAxes: req.equalAxes,
          cleanCount: set.clean.count,
          poisonedCount: set.poisoned.count,
          seconds: (performance.now() - started) / 1000,
        };
        planes.push(packPlane(plane));
        log(`plane round ${curve.round} stage ${curve.stage}: ${grid.n}×${grid.n} in ${plane.seconds.toFixed(0)} s`);
      } finally {
        disposePlaneBasis(basis);
      }
    }
  } finally {
    set.dispose();
  }
  return planes;
}
