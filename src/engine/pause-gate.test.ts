import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { defenseInput } from './node/zoo';
import { disposeParams } from './model/params';
import { PauseGate } from './pause-gate';
import { runDefense } from './run-defense';

const tick = () => new Promise((r) => setTimeout(r, 0));

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('PauseGate', () => {
  it('passes while running; a pause holds the next checkpoint until resume', async () => {
    const log: string[] = [];
    const gate = new PauseGate((paused, at) => log.push(`${paused ? 'paused' : 'resumed'}@${at}`));
    await gate.checkpoint('epoch');
    gate.pause();
    let passed = false;
    const held = gate.checkpoint('epoch').then(() => (passed = true));
    await tick();
    expect(passed).toBe(false);
    expect(gate.paused).toBe(true);
    gate.resume();
    await held;
    expect(passed).toBe(true);
    expect(log).toEqual(['paused@epoch', 'resumed@epoch']);
    await gate.checkpoint('stage'); // nothing pending: passes
  });

  it('step runs through epoch checkpoints and pauses at the next stage boundary', async () => {
    const gate = new PauseGate();
    gate.step();
    await gate.checkpoint('epoch');
    await gate.checkpoint('epoch');
    let passed = false;
    const held = gate.checkpoint('stage').then(() => (passed = true));
    await tick();
    expect(passed).toBe(false);
    gate.resume();
    await held;
  });

  it('cancelling ends a pause with an AbortError', async () => {
    const gate = new PauseGate();
    const controller = new AbortController();
    gate.pause();
    const held = gate.checkpoint('epoch', controller.signal);
    await tick();
    controller.abort();
    await expect(held).rejects.toThrow(/Cancelled/);
    expect(gate.paused).toBe(false);
  });

  it('a TSC run stepped one stage at a time pauses after each stage, then finishes, leaking nothing', async () => {
    await tf.setBackend('wasm');
    const input = await defenseInput('mnist-mlp-badnet');
    const before = tf.memory().numTensors;
    const stagesAtPause: number[] = [];
    let stagesDone = 0;
    const gate = new PauseGate((paused) => {
      if (!paused) return;
      stagesAtPause.push(stagesDone);
      setTimeout(() => gate.step(), 0); // the user presses "step" again
    });
    gate.step();
    const settings = { rounds: 2, curveEpochs: 1, evalSamples: 50, testSamples: 50, curvePoints: 3, cleanFraction: 0.01 };
    const { trace, output } = await runDefense(input, settings, {
      emit: (e) => e.type === 'stage' && stagesDone++,
      checkpoint: (at) => gate.checkpoint(at),
    });
    disposeParams(output);
    expect(stagesAtPause).toEqual([1, 2, 3, 4]);
    expect(trace.rounds.length).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(input.params);
  });
});
