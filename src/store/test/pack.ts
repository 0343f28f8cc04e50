import { PIXELS } from '../../engine/data/datasets';
import { TSC_DEFAULTS } from '../../engine/settings';
import { TRACE_VERSION, type StageRecord, type Trace } from '../../engine/trace';
import type { UnpackedTracePack } from '../../engine/trace-pack/pack';

/** A tiny decoded trace pack with round numbers everywhere, for exact assertions. */

const stage = (s: 1 | 2): StageRecord => ({
  round: 1,
  stage: s,
  kind: s === 1 ? 'unalign-connect' : 'align-connect',
  permutation: null,
  curve: [{ t: 0, cleanLoss: 0.1, poisonedLoss: 0.01, acc: 0.9, asr: 1 }],
  line: [],
  output: { t: 0.4, acc: 0.9, asr: s === 1 ? 0.5 : 0.2 },
  timings: { permuteMs: 0, fitMs: 0, evalMs: 0, steps: 0, msPerStep: 0 },
});

export const packTrace = (model: string): Trace => ({
  version: TRACE_VERSION,
  model,
  defense: 'tsc',
  settings: { ...TSC_DEFAULTS, rounds: 1, curveEpochs: 3, t: 0.3, cleanFraction: 0.02, evalSamples: 111, testSamples: 222, seed: 5 },
  backend: 'wasm',
  cleanSubsetSize: 1200,
  evalSubset: { clean: 111, poisoned: 100 },
  testSet: { clean: 222, poisoned: 200 },
  before: { acc: 0.95, asr: 1 },
  after: { acc: 0.9, asr: 0.2 },
  rounds: [{ round: 1, input: { acc: 0.95, asr: 1 }, stages: [stage(1), stage(2)], finetuned: null }],
  wallSeconds: 12,
});

/** Two samples (labels 3 and 7): clean image i is all i + 1, triggered image i all 101 + i; predictions at t = 0, 0.5, 1. */
export const testPack = (model = 'mnist-mlp-badnet'): UnpackedTracePack => ({
  meta: {
    generatedAt: '2025-11-23T19:41:44.048Z',
    generator: { command: 'npm run traces', backend: 'wasm', node: 'v20.0.0' },
    budget: { curveEpochs: 3, paperCurveEpochs: 200, reason: 'a small trace for tests' },
  },
  trace: packTrace(model),
  samples: {
    count: 2,
    labels: [3, 7],
    clean: Uint8Array.from({ length: 2 * PIXELS }, (_, k) => 1 + Math.floor(k / PIXELS)),
    triggered: Uint8Array.from({ length: 2 * PIXELS }, (_, k) => 101 + Math.floor(k / PIXELS)),
  },
  predictionTs: [0, 0.5, 1],
  predictions: [
    {
      round: 1,
      stage: 1,
      clean: [Uint8Array.of(3, 7), Uint8Array.of(3, 1), Uint8Array.of(2, 7)],
      triggered: [Uint8Array.of(0, 0), Uint8Array.of(0, 7), Uint8Array.of(3, 7)],
    },
  ],
  planes: [
    {
      round: 1,
      stage: 2,
      coords: { a: [0, 0], c: [0.5, 0.8], b: [1, 0] },
      n: 2,
      xs: [0, 1],
      ys: [-1, 1],
      clean: [1, 2, 3, 4],
      poisoned: [5, 6, 7, 8],
      margin: 0.25,
      equalAxes: true,
      cleanCount: 60,
      poisonedCount: 60,
      seconds: 1.5,
    },
  ],
});
