import * as v from 'valibot';
import { PIXELS } from '../engine/data/datasets';
import { TRACE_PACK_FORMAT, TRACE_PACK_VERSION, unpackTracePack, type TracePack, type UnpackedTracePack } from '../engine/trace-pack/pack';
import { issueWords } from './explain';
import { count, finite, traceSchema, traceShapeErrors, unit } from './trace';

/**
 * A shipped or imported trace pack (src/engine/trace-pack/pack.ts), checked before any of it is
 * decoded: format and version first (a clear "regenerate" message), then every field's type and
 * range, then the shapes that tie fields together (a matrix's length is its size squared).
 */
const base64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64'));
const blob = <E extends string>(encoding: E) => v.object({ encoding: v.literal(encoding), length: count, data: base64 });
const trace = traceSchema(blob('unit-int16'));
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
  checks.push(...traceShapeErrors(pack.trace));
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

/** Words for the fields whose schema alone says too little. */
const RULES = { data: 'base64 text', generatedAt: 'an ISO timestamp' };

export type TracePackResult = { ok: true; pack: UnpackedTracePack } | { ok: false; message: string };

const REGENERATE = 'regenerate it with `npm run traces`';

/** Far above any shipped pack (the largest is about 2.3 MB): longer text is refused before JSON.parse spends memory on it. */
export const MAX_TRACE_PACK_CHARS = 32_000_000;

/** Validates and decodes a trace pack from its JSON text (or an already parsed value). Never throws. */
export function parseTracePack(input: unknown, source = 'trace'): TracePackResult {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > MAX_TRACE_PACK_CHARS) {
      const [got, max] = [input.length, MAX_TRACE_PACK_CHARS].map((n) => n.toLocaleString('en-US'));
      return { ok: false, message: `${source} is ${got} characters long; a trace pack is at most ${max}: ${REGENERATE}.` };
    }
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
    return { ok: false, message: `${source} is malformed at ${path}: ${issueWords(issue, RULES)}; ${REGENERATE}.` };
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
