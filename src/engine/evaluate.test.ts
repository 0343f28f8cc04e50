import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTrigger, gatherImages, type AttackSpec } from './attacks';
import { randomImages } from './defenses/testFixtures';
import { measureAccAndAsr } from './evaluate';
import { nonTargetIndices, predictClasses } from './metrics';
import { disposeParams, initParams } from './model/params';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('measureAccAndAsr', () => {
  it('counts what per-image predictions say: ACC over all images, ASR over triggered non-target ones', async () => {
    const params = initParams('mlp', 7);
    const attack: AttackSpec = { kind: 'blended', alpha: 0.5, patternSeed: 3 };
    const n = 60;
    const images = randomImages(n, 21);
    const pred = await predictClasses('mlp', params, images);
    // Labels: the prediction on even images, another class on odd ones, so ACC is 1/2 by construction.
    const labels = Uint8Array.from(pred, (p, i) => (i % 2 ? (p + 1) % 10 : p));
    // The target: the class the trigger pushes most images to, so the ASR is neither 0 nor 1.
    const allTriggered = await predictClasses('mlp', params, applyTrigger(attack, images));
    const votes = Array.from({ length: 10 }, (_, c) => allTriggered.filter((p) => p === c).length);
    const target = votes.indexOf(Math.max(...votes));
    const victims = nonTargetIndices(labels, target);
    const triggeredPred = await predictClasses('mlp', params, applyTrigger(attack, gatherImages(images, victims)));
    const hits = triggeredPred.filter((p) => p === target).length;
    const before = tf.memory().numTensors;
    const m = await measureAccAndAsr('mlp', params, images, labels, attack, target);
    expect(tf.memory().numTensors).toBe(before);
    expect(m).toEqual({ acc: 0.5, asr: hits / victims.length, cleanCount: n, poisonedCount: victims.length });
    expect(victims.length).toBeLessThan(n);
    expect(m.asr).toBeGreaterThan(0);
    expect(m.asr).toBeLessThan(1);
    disposeParams(params);
  });
});
