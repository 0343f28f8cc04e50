import type { CurvePointRecord } from '../../engine/evaluate';
import { TSC_DEFAULTS } from '../../engine/settings';
import { TRACE_VERSION, type LayerPermutationRecord, type StageRecord, type Trace } from '../../engine/trace';

/**
 * A small fixed TSC trace (one round, two stages, two permuted layers): no randomness, no backend.
 * The export tests use it, and the view snapshots through src/views/test/fixtures.ts.
 */

export const curve = (scale: number, points = 21): CurvePointRecord[] =>
  Array.from({ length: points }, (_, k) => {
    const t = k / 20;
    const bump = Math.sin(Math.PI * t);
    return { t, cleanLoss: 0.1 + 0.2 * bump, poisonedLoss: 0.01 + scale * bump, acc: 0.96 - 0.03 * bump, asr: 1 - 0.7 * bump };
  });

/** A layer whose permutation moves every unit one place on (i → i + 1 mod size). */
const layer = (name: string, size: number): LayerPermutationRecord => {
  const correlation = Array.from({ length: size * size }, (_, k) => Math.round(100 * Math.cos(1 + Math.floor(k / size) * (k % size))) / 100);
  const perm = Array.from({ length: size }, (_, i) => (i + 1) % size);
  const matchedCorrelation = perm.map((j, i) => correlation[i * size + j]);
  const sum = matchedCorrelation.reduce((a, b) => a + b, 0);
  return { name, size, perm, correlation, corrSize: size, matchedCorrelation, objectiveValue: sum, meanMatched: sum / size, fixedPoints: 0 };
};

export const stage = (s: 1 | 2): StageRecord => ({
  round: 1,
  stage: s,
  kind: s === 1 ? 'unalign-connect' : 'align-connect',
  permutation: { objective: s === 1 ? 'unalign' : 'align', method: 'activation', layers: [layer('dense1', 4), layer('dense2', 6)], maxLogitDiff: 2.5e-6 },
  curve: curve(s === 1 ? 0.3 : 0.1),
  line: curve(s === 1 ? 5 : 2),
  output: { t: 0.4, acc: 0.93, asr: s === 1 ? 0.4 : 0.3 },
  timings: { permuteMs: 1, fitMs: 2, evalMs: 3, steps: 4, msPerStep: 0.5 },
});

export const trace: Trace = {
  version: TRACE_VERSION,
  model: 'mnist-mlp-badnet',
  defense: 'tsc',
  settings: TSC_DEFAULTS,
  backend: 'webgl',
  cleanSubsetSize: 3000,
  evalSubset: { clean: 500, poisoned: 450 },
  testSet: { clean: 10000, poisoned: 9020 },
  before: { acc: 0.97, asr: 1 },
  after: { acc: 0.94, asr: 0.05 },
  rounds: [{ round: 1, input: { acc: 0.97, asr: 1 }, stages: [stage(1), stage(2)], finetuned: { acc: 0.95, asr: 0.04 } }],
  wallSeconds: 61.4,
};
