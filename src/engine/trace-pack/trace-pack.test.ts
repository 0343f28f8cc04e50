import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { disposeParams } from '../model/params';
import { defenseInput } from '../node/zoo';
import { decodeFloat32, decodeUint8, decodeUnitInt16, encodeFloat32, encodeUint8, encodeUnitInt16 } from './binary';
import { compareTracePacks } from './compare';
import { generateTracePack } from './generate';
import { unpackTracePack, type TracePack } from './pack';

// A small trace made by `npm run traces -- --models mnist-cnn-badnet --defenses tsc --planes '' --rounds 1
// --curve-epochs 2 --eval-samples 200 --test-samples 300 --out src/engine/trace-pack/fixtures`.
const FIXTURE = join(import.meta.dirname, 'fixtures', 'mnist-cnn-badnet.tsc.json');
const readFixture = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as TracePack;

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('trace pack blobs', () => {
  it('float32 and uint8 round-trip exactly; unit-int16 within 1/65534 and clamped to [−1, 1]', () => {
    const f = [0, -1.5, 3.25e-7, 1e30, NaN];
    expect(Array.from(decodeFloat32(encodeFloat32(f)))).toEqual(Array.from(Float32Array.from(f)));
    expect(Array.from(decodeUint8(encodeUint8([0, 9, 255])))).toEqual([0, 9, 255]);
    const u = Array.from({ length: 1001 }, (_, i) => -1 + i / 500);
    const back = decodeUnitInt16(encodeUnitInt16(u));
    u.forEach((v, i) => expect(Math.abs(back[i] - v)).toBeLessThanOrEqual(1 / 65534 + 1e-9));
    expect(Array.from(decodeUnitInt16(encodeUnitInt16([2, -7])))).toEqual([1, -1]);
  });

  it('a blob whose byte count disagrees with its length is rejected', () => {
    const blob = encodeFloat32([1, 2, 3]);
    expect(() => decodeFloat32({ ...blob, length: 4 })).toThrow(/12 bytes for 4 values/);
  });
});

describe('a shipped trace is what the engine computes', () => {
  it('recomputing the fixture on WASM with its settings gives every number within 1e-4', async () => {
    await tf.setBackend('wasm');
    const shipped = readFixture();
    const input = await defenseInput(shipped.trace.model);
    const before = tf.memory().numTensors;
    try {
      const again = await generateTracePack(input, {
        settings: shipped.trace.settings,
        budgetReason: shipped.budget.reason,
        plane: null,
        command: 'test',
        node: process.version,
      });
      expect(tf.memory().numTensors).toBe(before);
      const cmp = compareTracePacks(unpackTracePack(shipped), unpackTracePack(again));
      expect(cmp.mismatches).toEqual([]);
      expect(cmp.count).toBeGreaterThan(30_000); // curves, lines, correlations, predictions: not an empty walk
      expect(cmp.maxAbsDiff, `worst at ${cmp.worstPath}`).toBeLessThanOrEqual(1e-4);
    } finally {
      disposeParams(input.params);
    }
  });

  it('the comparison sees a changed number and a changed prediction', () => {
    const a = unpackTracePack(readFixture());
    const b = unpackTracePack(readFixture());
    b.trace.rounds[0].stages[0].curve[3].poisonedLoss += 2e-4;
    expect(compareTracePacks(a, b).maxAbsDiff).toBeGreaterThan(1e-4);
    const c = unpackTracePack(readFixture());
    c.predictions[0].triggered[40][0] = (c.predictions[0].triggered[40][0] + 1) % 10;
    expect(compareTracePacks(a, c).worstPath).toMatch(/predictions/);
  });
});
