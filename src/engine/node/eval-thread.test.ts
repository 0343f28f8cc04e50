import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { toFloatImages } from '../data/format';
import { DivergenceError } from '../divergence';
import { EvalSet, evaluateModel } from '../evaluate';
import { disposeParams, initParams } from '../model/params';
import { runDefense } from '../run-defense';
import type { TscSettings } from '../settings';
import { EvalPool, evalPool, shares } from './eval-thread-pool';
import { defenseInput } from './zoo';

// Tiny settings (as src/engine/run-defense.test.ts): two rounds, so stage evaluations overlap fitting and each other.
const TINY: Partial<TscSettings> = { rounds: 2, curveEpochs: 2, evalSamples: 200, testSamples: 300, curvePoints: 5, cleanFraction: 0.02 };

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('shares', () => {
  it('splits the points into contiguous, near-equal ranges', () => {
    expect(shares(42, 2)).toEqual([
      [0, 21],
      [21, 42],
    ]);
    expect(shares(10, 3)).toEqual([
      [0, 4],
      [4, 7],
      [7, 10],
    ]);
    expect(shares(2, 4)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});

describe('EvalPool', () => {
  // 1 thread; 2 (curve and line apart); 3 (shares that cut through the curve and through the line)
  it.each([1, 2, 3])('on %i thread(s) gives the same trace as in-thread evaluation, events in the same order, and frees every tensor', async (threads) => {
    await tf.setBackend('wasm');
    const input = await defenseInput('mnist-mlp-badnet');
    const before = tf.memory().numTensors;
    const run = async (threaded: boolean) => {
      const events: string[] = [];
      const { trace, output } = await runDefense(input, TINY, {
        emit: (e) => events.push(e.type === 'stage' ? `stage ${e.record.round}.${e.record.stage}` : e.type === 'round' ? `round ${e.record.round}` : e.type),
        curveEvaluator: threaded ? evalPool('wasm', threads) : undefined,
      });
      disposeParams(output);
      return { events: events.filter((e) => e !== 'progress'), rounds: trace.rounds, after: trace.after };
    };
    const inThread = await run(false);
    const threaded = await run(true);
    expect(tf.memory().numTensors).toBe(before);
    const withoutTimings = (r: typeof inThread) => JSON.stringify(r, (key, value: unknown) => (key === 'timings' ? undefined : value));
    expect(withoutTimings(threaded)).toBe(withoutTimings(inThread));
    expect(threaded.events).toEqual(['stage 1.1', 'stage 1.2', 'round 1', 'stage 2.1', 'stage 2.2', 'round 2']);
    for (const stage of threaded.rounds.flatMap((r) => r.stages)) expect(stage.timings.evalMs).toBeGreaterThan(0);
    disposeParams(input.params);
  });

  it('a run that diverges part-way keeps the stages measured on the thread in its partial trace, as in-thread', async () => {
    await tf.setBackend('wasm');
    const input = await defenseInput('mnist-mlp-badnet');
    const before = tf.memory().numTensors;
    // stage 2 of round 1 diverges at this lr (scripts/tsc.test.ts)
    const diverging: Partial<TscSettings> = { rounds: 1, curveEpochs: 1, curveLr: 10, evalSamples: 50, testSamples: 300 };
    const partialStages = async (threaded: boolean) => {
      const err: unknown = await runDefense(input, diverging, { curveEvaluator: threaded ? evalPool('wasm', 2) : undefined }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DivergenceError);
      return JSON.stringify((err as DivergenceError).partial?.stages, (key, value: unknown) => (key === 'timings' ? undefined : value));
    };
    const inThread = await partialStages(false);
    expect(JSON.parse(inThread)).toHaveLength(1);
    expect(await partialStages(true)).toBe(inThread);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(input.params);
  });

  it("rejects with a thread's error, and with an AbortError once its signal aborts", async () => {
    await tf.setBackend('wasm');
    const input = await defenseInput('mnist-mlp-badnet');
    const spec = {
      arch: input.arch,
      images: toFloatImages(input.test, 0, 50),
      labels: input.test.labels.subarray(0, 50),
      attack: input.attack,
      target: input.target,
      evalSamples: 50,
      testSamples: 40,
    };
    const thread = new EvalPool(spec, 'wasm', 2);
    try {
      const p = initParams('mlp', 1);
      const cnn = initParams('cnn', 2); // the MLP's forward cannot read these weights
      await expect(thread.evaluate(cnn, cnn, cnn, 3)).rejects.toThrow(/./);
      const ok = await thread.evaluate(p, p, p, 3);
      expect(ok.curve.map((q) => q.t)).toEqual([0, 0.5, 1]);
      // a model is measured on the test set (its first 40 images), as evaluateModel measures it here
      const testSet = EvalSet.build(spec.images, spec.labels, spec.attack, spec.target, 40);
      const { ms, ...measured } = await thread.measure(p);
      expect(measured).toEqual(await evaluateModel('mlp', p, testSet));
      expect(ms).toBeGreaterThan(0);
      testSet.dispose();
      const controller = new AbortController();
      const cancelled = thread.evaluate(p, p, p, 3, controller.signal);
      controller.abort();
      await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
      disposeParams(p);
      disposeParams(cnn);
    } finally {
      thread.dispose();
    }
    await expect(thread.evaluate(input.params, input.params, input.params, 3)).rejects.toThrow('the evaluation thread was closed');
    disposeParams(input.params);
  });
});
