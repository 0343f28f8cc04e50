import { describe, expect, it } from 'vitest';
import { makeRng } from '../random';
import { simdModuleBytes, stepExport } from './simd-module';

// 4·9 + 3 floats: the module does the 4-float groups only; the caller's tail is not its job
const N = 39;
const QUADS = N >> 2;

type Step = (...args: number[]) => void;

/** The module on a memory of its own, with five seeded float arrays in it (a, b, c, d, e) and two outputs. */
function instantiate(shared: boolean) {
  const memory = new WebAssembly.Memory(shared ? { initial: 1, maximum: 4, shared: true } : { initial: 1 });
  const exports = new WebAssembly.Instance(new WebAssembly.Module(simdModuleBytes(shared)), { env: { memory } }).exports as Record<string, Step>;
  const rng = makeRng('simd-module');
  const arrays = Array.from({ length: 7 }, (_, k) => new Float32Array(memory.buffer, 64 + k * 4 * N, N));
  arrays.slice(0, 5).forEach((a) => a.forEach((_, i) => (a[i] = 2 * rng() - 1)));
  return { exports, arrays, ptr: (k: number) => 64 + k * 4 * N };
}

describe.each([false, true])('the SIMD module (shared memory: %s)', (shared) => {
  it('bezier computes a·wa + c·wc + b·wb in float32, in that order, for the whole groups only', () => {
    const { exports, arrays, ptr } = instantiate(shared);
    const [a, c, b, , , out] = arrays;
    const [wa, wc, wb] = [0.49, 0.42, 0.09];
    exports.bezier(ptr(0), ptr(1), ptr(2), ptr(5), QUADS, wa, wc, wb);
    const f = Math.fround;
    for (let i = 0; i < QUADS * 4; i++) expect(out[i]).toBe(f(f(f(a[i] * f(wa)) + f(c[i] * f(wc))) + f(b[i] * f(wb))));
    expect(Array.from(out.subarray(QUADS * 4))).toEqual([0, 0, 0]);
  });

  it.each([
    [true, true, true],
    [false, true, true],
    [true, false, false],
    [false, false, false],
  ])('step (l2 %s, weight decay %s, momentum %s) follows the reference order bit for bit', (l2, decay, momentum) => {
    const { exports, arrays, ptr } = instantiate(shared);
    const [theta, grad, velocity, point, , thetaOut, velocityOut] = arrays;
    const attrs = { lr: 0.02, momentum: 0.9, wd: 5e-4, l2: 0.21 };
    exports[stepExport(l2, decay, momentum)](ptr(0), ptr(1), ptr(2), ptr(3), ptr(5), ptr(6), QUADS, attrs.lr, attrs.momentum, attrs.wd, attrs.l2);
    const f = Math.fround;
    for (let i = 0; i < QUADS * 4; i++) {
      let g = grad[i];
      if (l2) g = f(g + f(point[i] * f(attrs.l2)));
      if (decay) g = f(g + f(theta[i] * f(attrs.wd)));
      if (momentum) g = f(g + f(velocity[i] * f(attrs.momentum)));
      expect(velocityOut[i]).toBe(g);
      expect(thetaOut[i]).toBe(f(theta[i] - f(g * f(attrs.lr))));
    }
    expect(thetaOut[0]).not.toBe(theta[0]); // it stepped
  });
});
