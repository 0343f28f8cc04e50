import type { ZooEntry } from '../../engine/zoo';
import type { PlaneResult, SampleImage } from '../../protocol/messages';

/** Fixed store data for the view snapshots: nothing here depends on time, randomness or a backend. */

// the trace's pieces are shared with the export tests (views may import app)
export { curve, stage, trace } from '../../app/test/trace-fixture';

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
