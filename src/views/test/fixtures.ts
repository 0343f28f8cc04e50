import type { CurvePointRecord } from '../../engine/evaluate';
import type { StageRecord, Trace } from '../../engine/trace';
import type { ZooEntry } from '../../engine/zoo';
import { TSC_DEFAULTS } from '../../engine/settings';
import type { PlaneResult, SampleImage } from '../../protocol/messages';

/** Fixed store data for the view snapshots: nothing here depends on time, randomness or a backend. */

export const curve = (scale: number, points = 21): CurvePointRecord[] =>
  Array.from({ length: points }, (_, k) => {
    const t = k / 20;
    const bump = Math.sin(Math.PI * t);
    return { t, cleanLoss: 0.1 + 0.2 * bump, poisonedLoss: 0.01 + scale * bump, acc: 0.96 - 0.03 * bump, asr: 1 - 0.7 * bump };
  });

/** A layer whose chosen permutation moves every unit one place on (i → i + 1 mod size). */
const layer = (name: string, size: number) => {
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
  permutation: {
    objective: s === 1 ? 'unalign' : 'align',
    method: 'activation',
    layers: [layer('dense1', 4), layer('dense2', 6)],
    maxLogitDiff: 2.5e-6,
  },
  curve: curve(s === 1 ? 0.3 : 0.1),
  line: curve(s === 1 ? 5 : 2),
  output: { t: 0.4, acc: 0.93, asr: s === 1 ? 0.4 : 0.3 },
  timings: { permuteMs: 1, fitMs: 2, evalMs: 3, steps: 4, msPerStep: 0.5 },
});

export const entry: ZooEntry = {
  id: 'mnist-mlp-badnet',
  arch: 'mlp',
  dataset: 'mnist',
  attack: { kind: 'badnet', patchSize: 3, value: 1 },
  attackDescription: 'BadNet: a 3×3 white patch in the bottom-right corner',
  target: 0,
  poisonRate: 0.1,
  poisonedCount: 6000,
  seed: 1,
  epochs: 5,
  batchSize: 128,
  learningRate: 0.001,
  cleanAccuracy: 0.97,
  attackSuccessRate: 1,
  meetsBars: true,
  evaluatedOn: { clean: 10000, poisoned: 9020, backend: 'tensorflow' },
  trainSeconds: 30,
  modelJson: 'mnist-mlp-badnet/model.json',
  weights: 'mnist-mlp-badnet/weights.bin',
};

const sample = (label: number, prediction: number): SampleImage => ({ pixels: new Uint8Array(784), label, prediction });
export const samples = { clean: [sample(7, 7), sample(2, 3)], triggered: [sample(7, 0), sample(2, 2)] };

export const trace: Trace = {
  version: 1,
  model: entry.id,
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

const n = 3;
export const planeResult: PlaneResult = {
  requestId: 1,
  round: 1,
  stage: 1,
  coords: { a: [0, 0], c: [1, 1], b: [2, 0] },
  grid: {
    n,
    xs: [-0.5, 1, 2.5],
    ys: [-0.5, 0.5, 1.5],
    clean: [0.1, 0.2, 0.1, 0.3, 0.4, 0.3, 1, 2, 1],
    poisoned: [0.01, 3, 0.01, 0.5, 6, 0.5, 2, 9, 2],
  },
  equalAxes: true,
  done: 9,
  total: 9,
  cleanCount: 100,
  poisonedCount: 90,
  seconds: 1.5,
  finished: true,
};
