import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PIXELS } from '../data/datasets';
import { defined } from '../defined';
import { forwardWithHidden } from '../model/forward';
import { disposeParams, initParams } from '../model/params';
import { applyPermutation, randomPermutations } from './apply';
import { activationCorrelationStats, activationCorrelations } from './correlation';
import { unitGroups } from './groups';
import { cleanTestImages, loadZooParams, maxAbsDiff, randomImages, zooEntries } from './testFixtures';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

/** Float64 reference of docs/method.md §1.3's C on one batch (population std), straight from the definition. */
async function referenceCorrelation(a: tf.Tensor, b: tf.Tensor, n: number): Promise<Float64Array> {
  const A = await a.data();
  const B = await b.data();
  const m = A.length / n;
  const mean = (X: ArrayLike<number>, j: number) => {
    let s = 0;
    for (let r = 0; r < m; r++) s += X[r * n + j];
    return s / m;
  };
  const mA = Array.from({ length: n }, (_, j) => mean(A, j));
  const mB = Array.from({ length: n }, (_, j) => mean(B, j));
  const sd = (X: ArrayLike<number>, mu: number[], j: number) => {
    let s = 0;
    for (let r = 0; r < m; r++) s += (X[r * n + j] - mu[j]) ** 2;
    return Math.sqrt(s / m);
  };
  const sA = mA.map((_, j) => sd(A, mA, j));
  const sB = mB.map((_, j) => sd(B, mB, j));
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += (A[r * n + i] - mA[i]) * (B[r * n + j] - mB[j]);
      C[i * n + j] = s / m / (sA[i] * sB[j] + 1e-4);
    }
  return C;
}

describe('activationCorrelations (docs/method.md §1.3)', () => {
  it('cnn: matches a float64 reference (every spatial position a sample) and does not depend on the batch size', async () => {
    const A = initParams('cnn', 1);
    const B = initParams('cnn', 2);
    const images = randomImages(6, 3);
    const x = tf.tensor2d(images, [6, PIXELS]);
    const hA = forwardWithHidden('cnn', A, x).hidden;
    const hB = forwardWithHidden('cnn', B, x).hidden;
    const whole = await activationCorrelations('cnn', A, B, images, { batchSize: 500 });
    const batched = await activationCorrelations('cnn', A, B, images, { batchSize: 4 });
    for (const [gi, g] of unitGroups('cnn').entries()) {
      const ref = await referenceCorrelation(hA[g.hiddenIndex], hB[g.hiddenIndex], g.size);
      expect(maxAbsDiff(whole[gi], ref), g.name).toBeLessThan(1e-4);
      expect(maxAbsDiff(batched[gi], ref), `${g.name} batched`).toBeLessThan(1e-4);
    }
    tf.dispose([x, ...hA, ...hB]);
    [A, B].forEach(disposeParams);
  });

  it('post-ReLU option correlates relu(z)', async () => {
    const A = initParams('mlp', 1);
    const images = randomImages(40, 3);
    const x = tf.tensor2d(images, [40, PIXELS]);
    const h = forwardWithHidden('mlp', A, x).hidden;
    const r0 = tf.relu(h[0]);
    const post = await activationCorrelations('mlp', A, A, images, { activation: 'post', batchSize: 16 });
    const ref = await referenceCorrelation(r0, r0, 256);
    expect(maxAbsDiff(post[0], ref)).toBeLessThan(1e-4);
    tf.dispose([x, r0, ...h]);
    disposeParams(A);
  });

  const entries = zooEntries();
  const mlp = defined(
    entries.find((e) => e.arch === 'mlp'),
    'an MLP in the zoo manifest',
  );
  it(`${mlp.id}: self-correlation has diagonal ≈ 1 for live units and every entry in [−1.01, 1.01]`, async () => {
    const params = loadZooParams(mlp);
    const images = await cleanTestImages(mlp.dataset, 512);
    for (const activation of ['pre', 'post'] as const) {
      const stats = await activationCorrelationStats('mlp', params, params, images, { activation });
      let live = 0;
      for (const [gi, g] of unitGroups('mlp').entries()) {
        const { correlation: C, stdA, stdB } = stats[gi];
        expect(maxAbsDiff(stdA, stdB)).toBe(0);
        let maxAbs = 0;
        for (let k = 0; k < C.length; k++) maxAbs = Math.max(maxAbs, Math.abs(C[k]));
        expect(maxAbs).toBeLessThanOrEqual(1.01);
        let worstLive = 0;
        let worstAny = 0;
        for (let i = 0; i < g.size; i++) {
          const d = C[i * g.size + i];
          // "not dead": std large enough that the 1e-4 guard costs < 1e-3 (σ²/(σ²+1e-4) ≥ 0.999).
          if (stdA[i] >= 0.32) {
            live++;
            worstLive = Math.max(worstLive, Math.abs(d - 1));
          }
          // every unit: diag = σ²/(σ²+1e-4) (a dead unit gives 0)
          const s2 = stdA[i] * stdA[i];
          worstAny = Math.max(worstAny, Math.abs(d - s2 / (s2 + 1e-4)));
        }
        expect(worstLive, `${activation} ${g.name} live diagonal`).toBeLessThanOrEqual(1e-3);
        expect(worstAny, `${activation} ${g.name} diagonal`).toBeLessThanOrEqual(1e-4);
      }
      // measured on mnist-mlp-badnet: 512/512 (pre), 466/512 (post)
      expect(live).toBeGreaterThanOrEqual(activation === 'pre' ? 500 : 400);
    }
    disposeParams(params);
  });

  it('correlating A with π(B) permutes the columns of C(A, B)', async () => {
    const A = initParams('cnn', 7);
    const B = initParams('cnn', 8);
    const perms = randomPermutations('cnn', 2);
    const pB = applyPermutation('cnn', B, perms);
    const images = randomImages(8, 1);
    const c = await activationCorrelations('cnn', A, B, images);
    const cp = await activationCorrelations('cnn', A, pB, images);
    for (const [gi, g] of unitGroups('cnn').entries()) {
      const n = g.size;
      const moved = new Float32Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) moved[i * n + j] = c[gi][i * n + perms[gi][j]];
      expect(maxAbsDiff(cp[gi], moved), g.name).toBeLessThan(1e-4);
    }
    [A, B, pB].forEach(disposeParams);
  });

  it('validates its inputs', async () => {
    const A = initParams('mlp', 1);
    await expect(activationCorrelations('mlp', A, A, new Float32Array(100))).rejects.toThrow(/784/);
    await expect(activationCorrelations('mlp', A, A, randomImages(2, 1), { batchSize: 0 })).rejects.toThrow(/batchSize/);
    disposeParams(A);
  });

  it('leaks no tensors', async () => {
    const A = initParams('cnn', 1);
    const before = tf.memory().numTensors;
    await activationCorrelations('cnn', A, A, randomImages(10, 2), { batchSize: 3 });
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(A);
  });
});
