import * as tf from '@tensorflow/tfjs';

/**
 * Ops whose default gradients are slow or missing on tfjs-backend-wasm 4.22. Same math,
 * different kernels; forward.ts uses them only when the backend is 'wasm'.
 */

/**
 * a·b with gradients built from explicit transposes. Why: WASM's BatchMatMul with
 * transposeA/transposeB set runs ~12× slower than transpose + plain matMul (measured,
 * Node 20: 128×784 by 784×256 → 43 ms vs 3.5 ms), and matMul's default gradient uses those flags.
 */
export const matMulWasm = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [as, bs] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(bs)), tf.matMul(tf.transpose(as), dy as tf.Tensor2D)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/**
 * 3×3 'same' convolution whose gradients are fast forward convs on WASM.
 * Why: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so conv nets cannot train there. The filter gradient
 * dW[dy,dx,ci,co] = Σ_{n,h,w} xpad[n,h+dy,w+dx,ci]·dY[n,h,w,co] is itself a 'valid'
 * forward conv with batch and channels swapped. Measured (Node 20, 2 busy cores, batch 128,
 * 14×14×16→32, forward + both gradients): 172 ms, vs 462 ms with WASM's Conv2DBackpropInput,
 * 1,573 ms via conv3d, and ~600 ms via im2col slices + concat (WASM's last-axis concat is slow).
 */
// tfjs types customGrad's variadic args as (Tensor | GradSaveFunc)[]; the casts below restore them.
export const conv3x3SameWasm = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x4, k4, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
  save([x4, k4]);
  return {
    value: tf.conv2d(x4, k4, 1, 'same'),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ks] = saved as tf.Tensor4D[];
      const dy4 = dy as tf.Tensor4D;
      // dX = 'same' conv of dY with the kernel flipped in space and in/out swapped: a forward
      // Conv2D (XNNPACK) instead of WASM's Conv2DBackpropInput, which measured 7× slower (352 vs 50 ms).
      const dx = tf.conv2d(dy4, tf.transpose(tf.reverse(ks, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D, 1, 'same');
      const xPadded = tf.pad(xs, [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]);
      const dwSwapped = tf.conv2d(
        tf.transpose(xPadded, [3, 1, 2, 0]) as tf.Tensor4D, // [Cin, H+2, W+2, N]
        tf.transpose(dy4, [1, 2, 0, 3]) as tf.Tensor4D, // [H, W, N, Cout]
        1,
        'valid',
      ); // [Cin, 3, 3, Cout]
      return [dx, tf.transpose(dwSwapped, [1, 2, 0, 3])];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor4D, kernel: tf.Tensor) => tf.Tensor4D;
