import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { defined } from './defined';
import { defenseInput } from './node/zoo';
import { disposeParams } from './model/params';
import { runDefense } from './run-defense';
import type { TscSettings } from './settings';

// Tiny settings so CI stays fast; the full-size runs live in `npm run results` and `npm run bench`.
const TINY: Partial<TscSettings> = { rounds: 1, curveEpochs: 2, evalSamples: 200, testSamples: 300, curvePoints: 5, cleanFraction: 0.02 };

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('runDefense', () => {
  it('TSC on the MNIST MLP: two stages per round, π(θ) ≡ θ, curves on the grid, no leaked tensors', async () => {
    await tf.setBackend('wasm');
    const input = await defenseInput('mnist-mlp-badnet');
    const before = tf.memory().numTensors;
    const events: string[] = [];
    const { trace, output } = await runDefense(input, { ...TINY, rounds: 2 }, { emit: (e) => events.push(e.type), liveEvalEvery: 1 });
    disposeParams(output);
    expect(tf.memory().numTensors).toBe(before);
    expect(trace.rounds.length).toBe(2);
    expect(trace.rounds[0].finetuned).not.toBeNull(); // inter-round fine-tuning before round 2
    expect(trace.rounds[1].finetuned).toBeNull();
    for (const round of trace.rounds) {
      expect(round.stages.map((s) => s.kind)).toEqual(['unalign-connect', 'align-connect']);
      for (const stage of round.stages) {
        expect(stage.curve.map((p) => p.t)).toEqual([0, 0.25, 0.5, 0.75, 1]);
        expect(stage.line.length).toBe(5);
        const permutation = defined(stage.permutation, `round ${round.round} ${stage.kind} permutation`);
        expect(permutation.maxLogitDiff).toBeLessThanOrEqual(1e-4);
        expect(permutation.layers.map((l) => l.size)).toEqual([256, 256]);
        for (const l of permutation.layers) expect(new Set(l.perm).size).toBe(l.size);
      }
      // Stage 1 connects a model to a functionally identical copy: both ends have the same losses.
      const c = round.stages[0].curve;
      expect(c[4].poisonedLoss).toBeCloseTo(c[0].poisonedLoss, 3);
    }
    expect(trace.cleanSubsetSize).toBe(160);
    expect(trace.testSet.clean).toBe(300);
    expect(events).toContain('curve-epoch');
    expect(events).toContain('progress');
    disposeParams(input.params);
  });

  it('live snapshots: the last one equals the final curve on the same images, and a cap measures them on fewer', async () => {
    await tf.setBackend('wasm');
    const input = await defenseInput('mnist-mlp-badnet');
    const before = tf.memory().numTensors;
    const lastSnapshot = async (liveEvalSamples?: number) => {
      const snapshots: { round: number; stage: number; epoch: number; loss: number }[] = [];
      const { trace, output } = await runDefense(input, TINY, {
        liveEvalEvery: 1,
        liveEvalSamples,
        emit: (e) => {
          if (e.type === 'curve-epoch') snapshots.push({ round: e.round, stage: e.stage, epoch: e.epoch, loss: e.curve[2].cleanLoss });
        },
      });
      disposeParams(output);
      const last = defined(snapshots.filter((x) => x.round === 1 && x.stage === 1 && x.epoch === TINY.curveEpochs).pop(), 'the last stage-1 snapshot');
      return { snapshot: last.loss, final: trace.rounds[0].stages[0].curve[2].cleanLoss };
    };
    const full = await lastSnapshot();
    expect(full.snapshot).toBeCloseTo(full.final, 5);
    const capped = await lastSnapshot(50);
    expect(capped.final).toBeCloseTo(full.final, 5); // the trace itself is measured on every eval image
    expect(Math.abs(capped.snapshot - capped.final)).toBeGreaterThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(input.params);
  });

  it('the same seed on the cpu backend gives the same trace to 1e-6', async () => {
    await tf.setBackend('cpu');
    const input = await defenseInput('mnist-mlp-badnet');
    // Node's cpu backend is slow: a minimal run (40 clean images, 50 test images, 3 t-points).
    const settings = { ...TINY, curveEpochs: 1, interRoundFinetune: false, seed: 3, cleanFraction: 0.005, evalSamples: 50, testSamples: 50, curvePoints: 3 };
    const run = async () => {
      const { trace, output } = await runDefense(input, settings);
      disposeParams(output);
      return trace;
    };
    const a = await run();
    const b = await run();
    const numbers = (t: typeof a) => JSON.stringify(t.rounds.map((r) => r.stages.map((s) => [s.curve, s.output, s.permutation?.layers.map((l) => l.perm)])));
    const na = JSON.parse(numbers(a));
    const nb = JSON.parse(numbers(b));
    const flatten = (x: unknown): number[] =>
      Array.isArray(x) ? x.flatMap(flatten) : typeof x === 'object' && x ? Object.values(x).flatMap(flatten) : typeof x === 'number' ? [x] : [];
    const fa = flatten(na);
    const fb = flatten(nb);
    expect(fa.length).toBe(fb.length);
    expect(fa.length).toBeGreaterThan(50);
    fa.forEach((v, i) => expect(Math.abs(v - fb[i])).toBeLessThanOrEqual(1e-6));
    disposeParams(input.params);
  }, 240_000);

  it('cancels with an AbortSignal and leaks nothing', async () => {
    await tf.setBackend('wasm');
    const input = await defenseInput('mnist-mlp-badnet');
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = runDefense(
      input,
      { ...TINY, curveEpochs: 50 },
      {
        signal: controller.signal,
        emit: (e) => {
          if (e.type === 'progress' && e.step === 3) controller.abort();
        },
      },
    );
    await expect(run).rejects.toThrow(/Cancelled/);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(input.params);
  });

  it('rejects bad settings with a message that names the knob', async () => {
    const input = await defenseInput('mnist-mlp-badnet');
    await expect(runDefense(input, { t: 1.5 })).rejects.toThrow(/t = 1.5 must be within \[0, 1\]/);
    disposeParams(input.params);
  });
});
