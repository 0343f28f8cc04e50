import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { toFloatImages, type ImageSet } from '../engine/data/format';
import { inThreadEvaluator, type EvalSetSpec } from '../engine/defenses/curve-evaluator';
import { EvalSet } from '../engine/evaluate';
import { disposeParams, initParams } from '../engine/model/params';
import { makeRng } from '../engine/random';
import { runDefense, type DefenseInput } from '../engine/run-defense';
import type { TscSettings } from '../engine/settings';
import { SecondWorkerEvaluator, type EvalPort } from './eval-worker-client';
import type { EvalWorkerReply, EvalWorkerRequest } from './eval-worker-protocol';
import { evalWorkerServer } from './eval-worker-serve';
import type { StartResult } from './start-backend';

// Tiny settings (as src/engine/node/eval-thread.test.ts): two rounds, so stage evaluations overlap fitting and each other.
const TINY: Partial<TscSettings> = { rounds: 2, curveEpochs: 2, evalSamples: 200, testSamples: 300, curvePoints: 5, cleanFraction: 0.02 };

const started = async (): Promise<StartResult> => ({ ok: true, detail: '', software: false });

/**
 * The evaluation worker's handler behind a port that copies every message as postMessage does
 * (transferred buffers are detached), delivered on a later task. In Node both ends share one tfjs backend.
 */
type TestPort = EvalPort & { crash(message: string): void; closed: Promise<void> };

function inProcessPort(start: () => Promise<StartResult> = started): TestPort {
  const port: TestPort = {
    closed: Promise.resolve(),
    onmessage: null,
    onerror: null,
    terminate: () => {
      terminated = true;
      port.closed = serve.dispose();
    },
    postMessage(msg: EvalWorkerRequest, transfer: Transferable[] = []) {
      const copy = structuredClone(msg, { transfer });
      setTimeout(() => !terminated && serve(copy));
    },
    crash: (message) => port.onerror?.({ message }),
  };
  let terminated = false;
  const serve = evalWorkerServer((reply: EvalWorkerReply) => {
    const copy = structuredClone(reply);
    setTimeout(() => !terminated && port.onmessage?.({ data: copy }));
  }, start);
  return port;
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** `count` seeded random MNIST-shaped images (src/worker may not read the zoo's files through src/engine/node). */
function imageSet(count: number, seed: number): ImageSet {
  const rng = makeRng(`eval-worker-images:${seed}`);
  const pixels = Uint8Array.from({ length: count * 784 }, () => Math.floor(rng() * 256));
  return { count, height: 28, width: 28, channels: 1, classes: 10, labels: Uint8Array.from({ length: count }, (_, i) => (i * 7 + seed) % 10), pixels };
}

const defenseInput = (): DefenseInput => ({
  modelId: 'random-mlp',
  arch: 'mlp',
  params: initParams('mlp', 7),
  attack: { kind: 'badnet', patchSize: 3, value: 1 },
  target: 0,
  train: imageSet(3000, 1),
  test: imageSet(400, 2),
});

function smallSpec(): EvalSetSpec {
  const input = defenseInput();
  disposeParams(input.params);
  return {
    arch: input.arch,
    images: toFloatImages(input.test, 0, 60),
    labels: input.test.labels.subarray(0, 60),
    attack: input.attack,
    target: input.target,
    evalSamples: 50,
    testSamples: 40,
  };
}

describe('SecondWorkerEvaluator', () => {
  it('gives a run the same trace as in-thread evaluation, events in the same order, and frees every tensor', async () => {
    await tf.setBackend('wasm');
    const input = defenseInput();
    const before = tf.memory().numTensors;
    const fallbacks: string[] = [];
    const run = async (second: boolean) => {
      const events: string[] = [];
      const { trace, output } = await runDefense(input, TINY, {
        emit: (e) => events.push(e.type === 'stage' ? `stage ${e.record.round}.${e.record.stage}` : e.type === 'round' ? `round ${e.record.round}` : e.type),
        curveEvaluator: second ? (spec) => new SecondWorkerEvaluator(inProcessPort(), spec, 'wasm', 1, (why) => fallbacks.push(why)) : undefined,
      });
      disposeParams(output);
      return { events: events.filter((e) => e !== 'progress'), rounds: trace.rounds, after: trace.after };
    };
    const inThread = await run(false);
    const second = await run(true);
    expect(fallbacks).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    const withoutTimings = (r: typeof inThread) => JSON.stringify(r, (key, value: unknown) => (key === 'timings' ? undefined : value));
    expect(withoutTimings(second)).toBe(withoutTimings(inThread));
    expect(second.events).toEqual(['stage 1.1', 'stage 1.2', 'round 1', 'stage 2.1', 'stage 2.2', 'round 2']);
    for (const stage of second.rounds.flatMap((r) => r.stages)) expect(stage.timings.evalMs).toBeGreaterThan(0);
    disposeParams(input.params);
  });

  it('measures live snapshots of a growing curve on the second worker: the same curves, in the same order, before each stage ends', async () => {
    await tf.setBackend('wasm');
    const input = defenseInput();
    const before = tf.memory().numTensors;
    const kinds: string[] = [];
    const countingPort = () => {
      const port = inProcessPort();
      const post = port.postMessage.bind(port);
      port.postMessage = (msg, transfer) => (msg.type === 'work' && kinds.push(msg.kind), post(msg, transfer));
      return port;
    };
    const run = async (second: boolean) => {
      const events: string[] = [];
      const { output } = await runDefense(input, TINY, {
        liveEvalEvery: 1,
        liveEvalSamples: 30,
        emit: (e) => {
          if (e.type === 'curve-epoch') events.push(`snapshot ${e.round}.${e.stage} epoch ${e.epoch}: ${JSON.stringify(e.curve)}`);
          else if (e.type === 'stage') events.push(`stage ${e.record.round}.${e.record.stage}`);
        },
        curveEvaluator: second ? (spec) => new SecondWorkerEvaluator(countingPort(), spec, 'wasm', 1, () => {}) : undefined,
      });
      disposeParams(output);
      return events;
    };
    const inThread = await run(false);
    const second = await run(true);
    const SNAPSHOTS = 2 * 2 * 2; // rounds × stages × curve epochs (TINY)
    expect(second.filter((e) => e.startsWith('snapshot'))).toHaveLength(SNAPSHOTS);
    expect(kinds.filter((k) => k === 'live')).toHaveLength(SNAPSHOTS); // measured there, not in this thread
    expect(second).toEqual(inThread);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(input.params);
  });

  it.each([
    ['its backend does not start', () => inProcessPort(async () => ({ ok: false, reason: 'no wasm here' })), /wasm did not start: no wasm here/],
    [
      'its script fails to load',
      () => {
        // as a Worker whose module 404s: an error event, and no reply ever (deadPort in eval-worker-start.ts does the same)
        const port = Object.assign(inProcessPort(), { postMessage: () => queueMicrotask(() => port.onerror?.({})) });
        return port;
      },
      /its script failed to load/,
    ],
    ['it never answers', () => Object.assign(inProcessPort(), { postMessage() {} }), /did not start within 0.05 s/],
  ])('falls back to this thread, with the same numbers and a message, when %s', async (_case, makePort, message) => {
    await tf.setBackend('wasm');
    const spec = smallSpec();
    const before = tf.memory().numTensors;
    const port = makePort();
    const fallbacks: string[] = [];
    const evaluator = new SecondWorkerEvaluator(port, spec, 'wasm', 1, (why) => fallbacks.push(why), 50);
    const p = initParams('mlp', 1);
    const testSet = EvalSet.build(spec.images, spec.labels, spec.attack, spec.target, spec.testSamples);
    const evalSet = EvalSet.build(spec.images, spec.labels, spec.attack, spec.target, spec.evalSamples);
    const reference = inThreadEvaluator(spec.arch, evalSet, testSet);
    const strip = <T extends { ms: number }>(timed: T) => ({ ...timed, ms: 0 });
    expect(strip(await evaluator.measure(p))).toEqual(strip(await reference.measure(p)));
    expect(strip(await evaluator.evaluate(p, p, p, 3))).toEqual(strip(await reference.evaluate(p, p, p, 3)));
    expect(await evaluator.onSecondWorker()).toBe(false);
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]).toMatch(message);
    evaluator.dispose();
    [testSet, evalSet].forEach((s) => s.dispose());
    disposeParams(p);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects with the worker's error, with an AbortError once its signal aborts, and after dispose", async () => {
    await tf.setBackend('wasm');
    const spec = smallSpec();
    const before = tf.memory().numTensors;
    const port = inProcessPort();
    const evaluator = new SecondWorkerEvaluator(port, spec, 'wasm', 1, () => {});
    const p = initParams('mlp', 1);
    const cnn = initParams('cnn', 2); // the MLP's forward cannot read these weights
    await expect(evaluator.evaluate(cnn, cnn, cnn, 3)).rejects.toThrow(/./);
    expect(await evaluator.onSecondWorker()).toBe(true);
    const controller = new AbortController();
    const cancelled = evaluator.evaluate(p, p, p, 3, controller.signal);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect((await evaluator.evaluate(p, p, p, 3)).curve.map((q) => q.t)).toEqual([0, 0.5, 1]);
    const inFlight = evaluator.measure(p);
    port.crash('out of memory');
    await expect(inFlight).rejects.toThrow('the evaluation worker failed: out of memory');
    await expect(evaluator.measure(p)).rejects.toThrow('the evaluation worker failed: out of memory');
    evaluator.dispose();
    disposeParams(p);
    disposeParams(cnn);
    await port.closed; // the handler frees its eval sets after its last job
    expect(tf.memory().numTensors).toBe(before);
  });
});
