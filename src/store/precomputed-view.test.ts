import { describe, expect, it } from 'vitest';
import { PIXELS } from '../engine/data/datasets';
import { nearestTIndex, precomputedPlane, precomputedPreview } from './precomputed-view';
import type { PrecomputedRun } from './slices/precomputed';
import { testPack } from './test/pack';

const { meta, samples, predictionTs, predictions, planes } = testPack();
const run: PrecomputedRun = { modelId: 'mnist-mlp-badnet', defense: 'tsc', meta, samples, predictionTs, predictions, planes };
const filled = (value: number) => new Uint8Array(PIXELS).fill(value);

describe('precomputed θ(t) predictions', () => {
  it('the nearest grid t, the lower one on a tie', () => {
    expect(nearestTIndex([0, 0.5, 1], 0.26)).toBe(1);
    expect(nearestTIndex([0, 0.5, 1], 0.25)).toBe(0);
    expect(nearestTIndex([0, 0.5, 1], 0.74)).toBe(1);
    expect(nearestTIndex([0, 0.5, 1], 0.76)).toBe(2);
    expect(nearestTIndex([0, 0.5, 1], 3)).toBe(2);
    expect(nearestTIndex([], 0.5)).toBe(-1);
  });

  it('reads the table at the nearest t, as the preview the samples grid draws', () => {
    const p = precomputedPreview(run, 1, 1, 0.6);
    expect(p).toEqual({
      requestId: -1,
      round: 1,
      stage: 1,
      t: 0.5,
      clean: [
        { pixels: filled(1), label: 3, prediction: 3 },
        { pixels: filled(2), label: 7, prediction: 1 },
      ],
      triggered: [
        { pixels: filled(101), label: 3, prediction: 0 },
        { pixels: filled(102), label: 7, prediction: 7 },
      ],
    });
    expect(precomputedPreview(run, 1, 1, 0)?.triggered.map((s) => s.prediction)).toEqual([0, 0]);
    expect(precomputedPreview(run, 1, 1, 0.9)?.clean.map((s) => s.prediction)).toEqual([2, 7]);
  });

  it('is null for a stage the pack has no predictions of', () => {
    expect(precomputedPreview(run, 1, 2, 0.5)).toBeNull();
    expect(precomputedPreview({ ...run, predictionTs: [] }, 1, 1, 0.5)).toBeNull();
  });
});

describe('precomputed loss plane', () => {
  it('is the pack plane of the stage as a finished plane view', () => {
    expect(precomputedPlane(run, 1, 2)).toEqual({
      requestId: -1,
      round: 1,
      stage: 2,
      status: 'done',
      error: null,
      result: {
        requestId: -1,
        round: 1,
        stage: 2,
        coords: { a: [0, 0], c: [0.5, 0.8], b: [1, 0] },
        grid: { n: 2, xs: [0, 1], ys: [-1, 1], clean: [1, 2, 3, 4], poisoned: [5, 6, 7, 8] },
        equalAxes: true,
        done: 4,
        total: 4,
        cleanCount: 60,
        poisonedCount: 60,
        seconds: 1.5,
        finished: true,
      },
    });
  });

  it('is null for a stage without a plane', () => {
    expect(precomputedPlane(run, 1, 1)).toBeNull();
  });
});
