import * as v from 'valibot';
import { TRACE_VERSION } from '../engine/trace';
import type { TriggerSpec } from '../engine/attacks/types';
import { DefenseSchema, PermutationMethodSchema } from './settings';
import { parseTrigger } from './trigger';

/**
 * A Trace (src/engine/trace.ts), for every place one arrives from outside: a shipped trace pack
 * (src/schema/trace-pack.ts, correlations as int16 blobs) and the run kept in IndexedDB
 * (src/schema/stored-run.ts, correlations as plain arrays). Only the correlation's encoding differs.
 */
export const finite = v.pipe(v.number(), v.finite());
export const count = v.pipe(v.number(), v.integer(), v.minValue(0));
export const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

const accAsr = { acc: unit, asr: unit };
/** the trigger a run measured ASR with (a described patch is 2 × 784 numbers), checked by the trigger schema */
const triggerSpec = v.pipe(
  v.unknown(),
  v.rawCheck(({ dataset, addIssue }) => {
    const result = dataset.typed ? parseTrigger(dataset.value) : null;
    if (result && !result.ok) addIssue({ expected: `a valid trigger (${result.message})` });
  }),
  v.transform((input) => input as TriggerSpec),
);
const targetClass = v.pipe(count, v.maxValue(9));
const curvePoint = v.object({ t: unit, cleanLoss: finite, poisonedLoss: finite, ...accAsr });

export function traceSchema<C extends v.GenericSchema>(correlation: C) {
  const layer = v.object({
    name: v.string(),
    size: v.pipe(count, v.minValue(1), v.maxValue(4096)),
    perm: v.array(count),
    correlation: v.nullable(correlation),
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
  return v.object({
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
    trigger: v.optional(v.object({ spec: triggerSpec, target: targetClass })),
  });
}

interface ShapedTrace {
  rounds: {
    stages: {
      permutation: {
        layers: { size: number; perm: unknown[]; matchedCorrelation: unknown[]; corrSize: number; correlation: { length: number } | null }[];
      } | null;
    }[];
  }[];
}

/** The lengths inside a trace that the schema cannot tie together (a matrix's length is its size squared), as messages. */
export function traceShapeErrors(trace: ShapedTrace, at = 'trace'): string[] {
  const errors: string[] = [];
  const want = (what: string, got: number, expected: number) => {
    if (got !== expected) errors.push(`${what} has ${got} values, expected ${expected}`);
  };
  trace.rounds.forEach((r, i) =>
    r.stages.forEach((s, j) =>
      s.permutation?.layers.forEach((l, k) => {
        const where = `${at}.rounds[${i}].stages[${j}].permutation.layers[${k}]`;
        want(`${where}.perm`, l.perm.length, l.size);
        want(`${where}.matchedCorrelation`, l.matchedCorrelation.length, l.size);
        if (l.correlation) want(`${where}.correlation`, l.correlation.length, l.corrSize * l.corrSize);
      }),
    ),
  );
  return errors;
}
