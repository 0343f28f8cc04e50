// The worker's RunSession (src/worker/run-session.ts) fed by the Node loaders: a top-level test, since the worker layer may not import src/engine/node.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defenseInput, zooEntry } from './engine/node/zoo';
import { cloneParams, disposeParams } from './engine/model/params';
import { runDefense, type DefenseInput } from './engine/run-defense';
import type { Trace } from './engine/trace';
import type { DescribedTrigger, WorkerEvent } from './protocol/messages';
import { TOP_LEFT_SQUARE } from './test/top-left-square';
import { RunSession } from './worker/run-session';

// The worker reads data and weights over fetch; here they come from the Node loaders, and runDefense is watched.
let zoo: DefenseInput;
vi.mock('./worker/model-io', () => ({
  imageSet: (_url: string, _dataset: string, split: 'train' | 'test') => Promise.resolve(split === 'train' ? zoo.train : zoo.test),
  loadZooParams: () => Promise.resolve(cloneParams(zoo.params)),
}));
vi.mock('./engine/run-defense', async (importOriginal) => {
  const real = await importOriginal<typeof import('./engine/run-defense')>();
  return { ...real, runDefense: vi.fn(real.runDefense) };
});

const entry = zooEntry('mnist-mlp-badnet');
const TINY = { defense: 'none' as const, evalSamples: 100, testSamples: 400, cleanFraction: 0.02 };

beforeAll(async () => {
  await tf.setBackend('wasm');
  zoo = await defenseInput('mnist-mlp-badnet');
});

afterAll(async () => {
  disposeParams(zoo.params);
  await tf.setBackend('cpu');
});

async function runInWorker(trigger?: DescribedTrigger): Promise<Trace> {
  const session = new RunSession(1, entry, 'data/', trigger);
  const events: WorkerEvent[] = [];
  const before = tf.memory().numTensors;
  await session.run({ modelJsonUrl: '', weightsUrl: '' }, TINY, { every: 0, samples: 0 }, (e) => events.push(e));
  session.output.dispose();
  session.dispose();
  expect(tf.memory().numTensors).toBe(before);
  const done = events.find((e) => e.type === 'run-done');
  if (done?.type !== 'run-done') throw new Error('the run did not finish');
  return done.trace;
}

describe('RunSession: a run request with a described trigger', () => {
  it('reaches runDefense, and every ASR of the run is measured with it', async () => {
    const recipe = await runInWorker();
    const described = await runInWorker({ spec: TOP_LEFT_SQUARE, target: 0 });
    const calls = vi.mocked(runDefense).mock.calls;
    expect(calls.at(-2)?.[0]).toMatchObject({ attack: entry.attack, target: entry.target });
    expect(calls.at(-1)?.[0]).toMatchObject({ attack: TOP_LEFT_SQUARE, target: 0 });
    expect(described.trigger).toEqual({ spec: TOP_LEFT_SQUARE, target: 0 });
    expect(recipe.trigger).toEqual({ spec: entry.attack, target: entry.target });
    // the backdoor answers its own patch, not one drawn elsewhere
    expect(recipe.before.asr).toBeGreaterThan(0.9);
    expect(described.before.asr).toBeLessThan(0.5);
    console.log(`worker run, ASR with the recipe ${recipe.before.asr}, with a top-left 4×4 patch ${described.before.asr}`);
  });

  it('a described target moves what ASR counts', async () => {
    const toThree = await runInWorker({ spec: entry.attack, target: 3 });
    expect(vi.mocked(runDefense).mock.calls.at(-1)?.[0]).toMatchObject({ attack: entry.attack, target: 3 });
    expect(toThree.before.asr).toBeLessThan(0.1);
  });
});
