import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DivergenceError } from './divergence';
import { defenseInput } from './node/zoo';
import { disposeParams } from './model/params';
import { runDefense, type DefenseInput } from './run-defense';
import type { TscSettings } from './settings';
import type { TraceEvent } from './trace';

// Tiny settings so CI stays fast (as in run-defense.test.ts).
const TINY: Partial<TscSettings> = { rounds: 2, curveEpochs: 1, evalSamples: 100, testSamples: 200, curvePoints: 3, cleanFraction: 0.02 };

let input: DefenseInput;

beforeAll(async () => {
  await tf.setBackend('wasm');
  input = await defenseInput('mnist-mlp-badnet');
});

afterAll(async () => {
  disposeParams(input.params);
  await tf.setBackend('cpu');
});

describe('runDefense: no hangs, no silent non-finite numbers', () => {
  it.each([
    [{ curveBatchSize: 0 }, 'Invalid TSC setting: curveBatchSize = 0 must be a positive integer'],
    [{ evalSamples: 0 }, 'Invalid TSC setting: evalSamples = 0 must be a positive integer'],
    [{ curveLr: Infinity }, 'Invalid TSC setting: curveLr = Infinity must be a finite number > 0'],
  ])('rejects %o before computing anything', async (patch, message) => {
    const events: TraceEvent[] = [];
    const before = tf.memory().numTensors;
    await expect(runDefense(input, { ...TINY, ...patch }, { emit: (e) => events.push(e) })).rejects.toThrow(message);
    expect(events).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a diverging inter-round fine-tuning keeps the stages measured before it, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const err = await runDefense(input, { ...TINY, finetuneLr: 1e4 }).then(
      () => expect.fail('expected a DivergenceError'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DivergenceError);
    const d = err as DivergenceError;
    expect(d.message).toMatch(
      /^Round 1, stage 2 \(inter-round fine-tuning\): finetuneLr 10000 diverged at epoch 1, step \d+ \(loss .+\); try finetuneLr ≤ 0\.0001\.$/,
    );
    expect(d.partial?.before?.acc).toBeGreaterThan(0.9);
    expect(d.partial?.stages.map((r) => [r.round, r.stage, r.kind])).toEqual([
      [1, 1, 'unalign-connect'],
      [1, 2, 'align-connect'],
    ]);
    expect(d.partial?.rounds).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
