import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { describe, expect, it, vi } from 'vitest';
import { fitBezierCurve } from '../engine/curve';
import { PIXELS } from '../engine/data/datasets';
import { disposeParams, initParams } from '../engine/model/params';
import { makeRng } from '../engine/random';
import { DeviceDataset } from '../engine/sgd';
import type { BackendName, BackendStatus, WorkerEvent } from '../protocol/messages';
import { BackendKeeper } from './backend-keeper';
import { watchDeviceLoss } from './device-loss';
import type { StartResult } from './start-backend';

/**
 * The worker's start (startBackend) points WASM at the page's asset URLs, which Node cannot read;
 * here each backend starts as tfjs does in Node. WebGL does not exist in Node, so the fallback
 * from WebGPU skips it, as on a machine whose WebGL fails too.
 */
async function nodeStart(name: BackendName): Promise<StartResult> {
  const ok = await tf.setBackend(name).catch(() => false);
  return ok && tf.getBackend() === name ? { ok: true, detail: '', software: false } : { ok: false, reason: 'failed to initialise' };
}

describe('a lost WebGPU device (Dawn in Node)', () => {
  it('is reported to the page, stops the run, and the worker falls back to a backend that computes', async () => {
    const posted: WorkerEvent[] = [];
    const interrupted: string[] = [];
    const keeper = new BackendKeeper(
      (e) => posted.push(e),
      (why) => (interrupted.push(why), 7),
      nodeStart,
    );
    const forced: BackendStatus = { name: 'webgpu', fallbackReasons: [], detail: 'swiftshader', choice: 'forced', requested: 'webgpu' };
    await keeper.start(async () => ((await nodeStart('webgpu')).ok ? forced : Promise.reject(new Error('no WebGPU in this Node'))));
    const survivor = tf.ones([4, 4]); // a tensor on the backend when its device goes

    (tf.backend() as unknown as { device: { destroy(): void } }).device.destroy();
    await vi.waitFor(() => expect(posted.map((e) => e.type)).toEqual(['backend', 'backend-lost', 'backend']), { timeout: 10_000 });
    await keeper.ready;
    expect(posted[1]).toEqual({ type: 'backend-lost', loss: { backend: 'webgpu', message: 'destroyed: device was destroyed', runId: 7 } });
    expect(interrupted).toEqual(['Stopped: the webgpu device was lost (destroyed: device was destroyed). The stages that finished stay on screen.']);
    const status = (posted[2] as Extract<WorkerEvent, { type: 'backend' }>).status;
    expect(status).toMatchObject({ name: 'wasm', choice: 'forced', requested: 'webgpu' });
    expect(status.fallbackReasons).toEqual(['webgpu: device lost (destroyed: device was destroyed)', 'webgl: failed to initialise']);
    expect(tf.getBackend()).toBe('wasm');

    // tensors left on the lost backend can still be freed (a run's unwinding does that)
    survivor.dispose();
    const before = tf.memory().numTensors;
    // the fallback trains: a curve step on WASM
    const rng = makeRng(1);
    const data = new DeviceDataset(
      Float32Array.from({ length: 32 * PIXELS }, () => rng()),
      Array.from({ length: 32 }, (_, i) => i % 10),
    );
    const a = initParams('mlp', 1);
    const b = initParams('mlp', 2);
    const c = await fitBezierCurve('mlp', a, b, data, { epochs: 1, batchSize: 32, lr: 0.02, momentum: 0.9, weightDecay: 5e-4, l2: 1e-4, seed: 1 });
    const normTensor = tf.norm(c['fc1/kernel']);
    const [norm] = await normTensor.data();
    normTensor.dispose();
    expect(Number.isFinite(norm) && norm > 0).toBe(true);
    [a, b, c].forEach(disposeParams);
    data.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a watcher that was stopped stays quiet', async () => {
    expect(await nodeStart('webgpu')).toMatchObject({ ok: true });
    let fired = false;
    const stop = watchDeviceLoss(() => (fired = true));
    stop();
    (tf.backend() as unknown as { device: { destroy(): void } }).device.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect(fired).toBe(false);
  });
});
