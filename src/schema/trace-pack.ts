import * as v from 'valibot';
import { PIXELS } from '../engine/data/datasets';
import { TRACE_VERSION } from '../engine/trace';
import { TRACE_PACK_FORMAT, TRACE_PACK_VERSION, unpackTracePack, type TracePack, type UnpackedTracePack } from '../engine/trace-pack/pack';
import { DefenseSchema, PermutationMethodSchema } from './settings';

/**
 * A shipped or imported trace pack (src/engine/trace-pack/pack.ts), checked before any of it is
 * decoded: format and version first (a clear "regenerate" message), then every field's type and
 * range, then the shapes that tie fields together (a matrix's length is its size squared).
 */
const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const base64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64'));
const blob = <E extends string>(encoding: E) => v.object({ encoding: v.literal(encoding), length: count, data: base64 });

const accAsr = { acc: unit, asr: unit };
const curvePoint = v.object({ t: unit, cleanLoss: finite, poisonedLoss: finite, ...accAsr });
const layer = v.object({
  name: v.string(),
  size: v.pipe(count, v.minValue(1), v.maxValue(4096)),
  perm: v.array(count),
  correlation: v.nullable(blob('unit-int16')),
  corrSize: count,
  matchedCorrelation: v.array(finite),
  objectiveValue: finite,
  meanMatched: finite,
  fixedPoints: count,
});
const stage = v.object({
  round: v.pipe(count, v.minValue(1)),
  stage: v.picklist([1, 2]),
  kind: v.picklist(['unalign-connect', 'align-connect', 'mcr', 'line']),
  permutation: v.nullable(
    v.object({ objective: v.picklist(['align', 'unalign']), method: PermutationMethodSchema, layers: v.array(layer), maxLogitDiff: finite }),
  ),
  curve: v.array(curvePoint),
  line: v.array(curvePoint),
  output: v.object({ ...accAsr, t: unit }),
  timings: v.object({ permuteMs: finite, fitMs: finite, evalMs: finite, steps: count, msPerStep: finite }),
});
const settings = v.looseObject({ defense: DefenseSchema, rounds: count, t: unit, curveEpochs: count, seed: count });
const trace = v.object({
  version: v.literal(TRACE_VERSION),
  model: v.pipe(v.string(), v.maxLength(100)),
  defense: DefenseSchema,
  settings,
  backend: v.string(),
  cleanSubsetSize: count,
  evalSubset: v.object({ clean: count, poisoned: count }),
  testSet: v.object({ clean: count, poisoned: count }),
  before: v.object(accAsr),
  after: v.object(accAsr),
  rounds: v.array(v.object({ round: count, input: v.object(accAsr), stages: v.array(stage), finetuned: v.nullable(v.object(accAsr)) })),
  wallSeconds: finite,
});
const plane = v.object({
  round: count,
  stage: count,
  coords: v.object({ a: v.tuple([finite, finite]), c: v.tuple([finite, finite]), b: v.tuple([finite, finite]) }),
  n: v.pipe(count, v.minValue(2), v.maxValue(201)),
  xs: v.array(finite),
  ys: v.array(finite),
  clean: blob('float32'),
  poisoned: blob('float32'),
  margin: finite,
  equalAxes: v.boolean(),
  cleanCount: count,
  poisonedCount: count,
  seconds: finite,
});
const packSchema = v.object({
  format: v.literal(TRACE_PACK_FORMAT),
  version: v.literal(TRACE_PACK_VERSION),
  generatedAt: v.pipe(v.string(), v.isoTimestamp()),
  generator: v.object({ command: v.string(), backend: v.string(), node: v.string() }),
  budget: v.object({ curveEpochs: count, paperCurveEpochs: count, reason: v.nullable(v.string()) }),
  trace,
  samples: v.object({ count, labels: v.array(count), clean: blob('uint8'), triggered: blob('uint8') }),
  predictionTs: v.array(unit),
  predictions: v.array(v.object({ round: count, stage: count, clean: blob('uint8'), triggered: blob('uint8') })),
  planes: v.array(plane),
});

/** Lengths that tie fields together; the first one that does not hold, as a message. */
function shapeError(pack: TracePack): string | null {
  const n = pack.samples.count;
  const want = (what: string, got: number, expected: number) => (got === expected ? null : `${what} has ${got} values, expected ${expected}`);
  const checks: (string | null)[] = [
    want('samples.labels', pack.samples.labels.length, n),
    want('samples.clean', pack.samples.clean.length, n * PIXELS),
    want('samples.triggered', pack.samples.triggered.length, n * PIXELS),
  ];
  pack.trace.rounds.forEach((r, i) =>
    r.stages.forEach((s, j) =>
      s.permutation?.layers.forEach((l, k) => {
        const at = `trace.rounds[${i}].stages[${j}].permutation.layers[${k}]`;
        checks.push(want(`${at}.perm`, l.perm.length, l.size), want(`${at}.matchedCorrelation`, l.matchedCorrelation.length, l.size));
        if (l.correlation) checks.push(want(`${at}.correlation`, l.correlation.length, l.corrSize * l.corrSize));
      }),
    ),
  );
  pack.predictions.forEach((p, i) => {
    checks.push(want(`predictions[${i}].clean`, p.clean.length, pack.predictionTs.length * n));
    checks.push(want(`predictions[${i}].triggered`, p.triggered.length, pack.predictionTs.length * n));
  });
  pack.planes.forEach((p, i) => {
    checks.push(want(`planes[${i}].xs`, p.xs.length, p.n), want(`planes[${i}].ys`, p.ys.length, p.n));
    checks.push(want(`planes[${i}].clean`, p.clean.length, p.n * p.n), want(`planes[${i}].poisoned`, p.poisoned.length, p.n * p.n));
  });
  return checks.find((c) => c !== null) ?? null;
}

export type TracePackResult = { ok: true; pack: UnpackedTracePack } | { ok: false; message: string };

const REGENERATE = 'regenerate it with `npm run traces`';

/** Validates and decodes a trace pack from its JSON text (or an already parsed value). Never throws. */
export function parseTracePack(input: unknown, source = 'trace'): TracePackResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, message: `${source} is not valid JSON; ${REGENERATE}.` };
    }
  }
  const head = v.safeParse(v.looseObject({ format: v.literal(TRACE_PACK_FORMAT), version: v.number() }), value);
  if (!head.success) return { ok: false, message: `${source} is not a TSC trace pack (no "format": "${TRACE_PACK_FORMAT}").` };
  if (head.output.version !== TRACE_PACK_VERSION) {
    return { ok: false, message: `${source} is trace pack version ${head.output.version}; this app reads version ${TRACE_PACK_VERSION}: ${REGENERATE}.` };
  }
  const full = v.safeParse(packSchema, value);
  if (!full.success) {
    const issue = full.issues[0];
    const path = v.getDotPath(issue) ?? '(top)';
    return { ok: false, message: `${source} is malformed at ${path}: ${issue.message}; ${REGENERATE}.` };
  }
  const pack = full.output as unknown as TracePack;
  const shape = shapeError(pack);
  if (shape) return { ok: false, message: `${source} has wrong shapes: ${shape}; ${REGENERATE}.` };
  try {
    return { ok: true, pack: unpackTracePack(pack) };
  } catch (err) {
    return { ok: false, message: `${source} could not be decoded: ${(err as Error).message}; ${REGENERATE}.` };
  }
}
