import * as tf from '@tensorflow/tfjs';

/**
 * Ops whose default gradients are slow or missing on tfjs-backend-wasm 4.22. Same math,
 * different kernels; forward.ts uses them only when the backend is 'wasm'. Timings below are
 * Node 20 on this project's 2-core machine, from kernel profiles of curve steps (scripts/profile-step.ts).
 */

// tfjs types customGrad's variadic args as (Tensor | GradSaveFunc)[]; the casts below restore them.
type CustomGradBody = Parameters<typeof tf.customGrad>[0];

/**
 * a·b with gradients built from explicit transposes. Why: WASM's BatchMatMul with
 * transposeA/transposeB set runs ~12× slower than transpose + plain matMul (measured,
 * Node 20: 128×784 by 784×256 → 43 ms vs 3.5 ms), and matMul's default gradient uses those flags.
 * `inputGrad: false` is for the first layer, whose input is data: its gradient (a 64×256 by
 * 256×784 product, 4.8 ms of a 49 ms MLP step) is never used, so zeros stand in for it.
 */
function makeMatMul(inputGrad: boolean) {
  return tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [as, bs] = saved as tf.Tensor2D[];
        const da = inputGrad ? tf.matMul(dy as tf.Tensor2D, tf.transpose(bs)) : tf.zeros(as.shape);
        return [da, tf.matMul(tf.transpose(as), dy as tf.Tensor2D)];
      },
    };
  }) as unknown as CustomGradBody) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;
}
export const matMulWasm = makeMatMul(true);
export const matMulOfDataWasm = makeMatMul(false);

/**
 * 2×2 max-pool, stride 2, whose gradient is built from cheap elementwise ops and a forward
 * maxPool. Why: WASM's MaxPoolGrad took 47 ms for a 64×28×28×16 input, over a fifth of a CNN
 * step; its Equal/Sign/Minimum kernels are slow too (10, 7 and 13 ms on that shape, against
 * 0.6 ms for Sub and Step), so maxima are found with Step only.
 * Exact: where a window holds several equal maxima (MNIST's blank background after a conv with
 * positive bias), only the first in row-major order receives the gradient, as in MaxPoolGrad
 * and PyTorch. Works in the [n, h/2, 2, w/2, 2, c] view of x, where a window's four positions
 * lie on axes 2 and 4 and pooled values broadcast over them.
 */
export const maxPool2x2Wasm = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
  const y = tf.maxPool(x, 2, 2, 'valid');
  save([x, y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ys] = saved as tf.Tensor4D[];
      const [n, h, w, c] = xs.shape;
      const windows = (t: tf.Tensor) => tf.reshape(t, [n, h / 2, 2, w / 2, 2, c]);
      const pooled = (t: tf.Tensor) => tf.reshape(t, [n, h / 2, 1, w / 2, 1, c]);
      // 1 where x is below its window's max, 0 at every maximum (max − x ≥ 0).
      const belowMax = tf.step(tf.sub(pooled(ys), windows(xs)));
      // Maxima score their priority (first position highest), the rest score below any maximum.
      const score = tf.add(tf.mul(belowMax, -8), tf.tensor([4, 3, 2, 1], [1, 1, 2, 1, 2, 1]));
      const best = pooled(tf.maxPool(tf.reshape(score, [n, h, w, c]) as tf.Tensor4D, 2, 2, 'valid'));
      const notChosen = tf.step(tf.sub(best, score));
      const dx = tf.mul(tf.sub(1, notChosen), pooled(dy));
      return [tf.reshape(dx, [n, h, w, c])];
    },
  };
}) as unknown as CustomGradBody) as (x: tf.Tensor4D) => tf.Tensor4D;

/**
 * Filter gradient of a conv (input padded by `pad` per side: 1 for 3×3 'same') as a 'valid'
 * forward conv with batch and channels swapped: dW[ky,kx,ci,co] = Σ_{n,h,w} xpad[n,h+ky,w+kx,ci]·dY[n,h,w,co].
 */
function filterGradByConv(x: tf.Tensor4D, dy: tf.Tensor4D, pad = 1): tf.Tensor4D {
  const xPadded =
    pad === 0
      ? x
      : tf.pad(x, [
          [0, 0],
          [pad, pad],
          [pad, pad],
          [0, 0],
        ]);
  const dwSwapped = tf.conv2d(
    tf.transpose(xPadded, [3, 1, 2, 0]) as tf.Tensor4D, // [Cin, H+2, W+2, N]
    tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D, // [H, W, N, Cout]
    1,
    'valid',
  ); // [Cin, k, k, Cout]
  return tf.transpose(dwSwapped, [1, 2, 0, 3]);
}

/**
 * 3×3 'same' convolution whose gradients are fast forward convs on WASM.
 * Why: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so conv nets cannot train there. The filter gradient
 * dW[dy,dx,ci,co] = Σ_{n,h,w} xpad[n,h+dy,w+dx,ci]·dY[n,h,w,co] is itself a 'valid'
 * forward conv with batch and channels swapped. Measured (Node 20, 2 busy cores, batch 128,
 * 14×14×16→32, forward + both gradients): 172 ms, vs 462 ms with WASM's Conv2DBackpropInput,
 * 1,573 ms via conv3d, and ~600 ms via im2col slices + concat (WASM's last-axis concat is slow).
 * `inputGrad: false` is for the first layer (input = images): its input gradient, 11 ms of a
 * CNN step, is never used.
 */
function makeConv3x3Same(inputGrad: boolean) {
  return tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x4, k4, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x4, k4]);
    return {
      value: tf.conv2d(x4, k4, 1, 'same'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ks] = saved as tf.Tensor4D[];
        const dy4 = dy as tf.Tensor4D;
        // dX = 'same' conv of dY with the kernel flipped in space and in/out swapped: a forward
        // Conv2D (XNNPACK) instead of WASM's Conv2DBackpropInput, which measured 7× slower (352 vs 50 ms).
        const dx = inputGrad ? tf.conv2d(dy4, tf.transpose(tf.reverse(ks, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D, 1, 'same') : tf.zeros(xs.shape);
        return [dx, filterGradByConv(xs, dy4)];
      },
    };
  }) as unknown as CustomGradBody) as (x: tf.Tensor4D, kernel: tf.Tensor) => tf.Tensor4D;
}
export const conv3x3SameWasm = makeConv3x3Same(true);
export const conv3x3SameOfDataWasm = makeConv3x3Same(false);

/**
 * Any other conv shape the architectures allow (3×3 or 5×5, 'same' or 'valid'), by the same two
 * forward convs as makeConv3x3Same, because WASM has no Conv2DBackpropFilter for any shape:
 * - dW: a 'valid' conv of the (padded) input with dY, batch and channels swapped (filterGradByConv);
 * - dX: the 'full' correlation of dY with the kernel flipped in space and in/out swapped, i.e. a
 *   'same' conv for 'same' padding, and a 'valid' conv of dY padded by k−1 for 'valid' padding.
 * The zoo's 3×3 'same' layers keep makeConv3x3Same (the ops they always ran). im2col (shifted
 * slices, concat, one matMul, tfjs's own gradients) measured 10.6× and 14.9× slower on two 5×5
 * 'valid' layer shapes (`npx tsx scripts/bench-conv-wasm.ts`, one invocation, Node 20, 2 busy cores).
 */
function makeConv(kernelSize: 3 | 5, padding: 'same' | 'valid', inputGrad: boolean) {
  const pad = padding === 'same' ? (kernelSize - 1) / 2 : 0;
  return tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x4, k4, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x4, k4]);
    return {
      value: tf.conv2d(x4, k4, 1, padding),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ks] = saved as tf.Tensor4D[];
        const dy4 = dy as tf.Tensor4D;
        const flipped = tf.transpose(tf.reverse(ks, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
        const full = kernelSize - 1;
        const dx = !inputGrad
          ? tf.zeros(xs.shape)
          : padding === 'same'
            ? tf.conv2d(dy4, flipped, 1, 'same')
            : tf.conv2d(
                tf.pad(dy4, [
                  [0, 0],
                  [full, full],
                  [full, full],
                  [0, 0],
                ]) as tf.Tensor4D,
                flipped,
                1,
                'valid',
              );
        return [dx, filterGradByConv(xs, dy4, pad)];
      },
    };
  }) as unknown as CustomGradBody) as (x: tf.Tensor4D, kernel: tf.Tensor) => tf.Tensor4D;
}

const convOps = new Map<string, (x: tf.Tensor4D, kernel: tf.Tensor) => tf.Tensor4D>();

/** The WASM conv op for one kernel size, padding and whether the input's gradient is needed. */
export function convWasm(kernelSize: 3 | 5, padding: 'same' | 'valid', inputGrad: boolean): (x: tf.Tensor4D, kernel: tf.Tensor) => tf.Tensor4D {
  const key = `${kernelSize}${padding}${inputGrad}`;
  let op = convOps.get(key);
  if (!op) convOps.set(key, (op = makeConv(kernelSize, padding, inputGrad)));
  return op;
}
