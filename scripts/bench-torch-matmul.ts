/**
 * `npm run bench:torch -- --matmul`: the hardware wall under the CLI. Times tf.matMul on tfjs-wasm in
 * this process (one thread, SIMD; the backend the CLI runs on) and torch.mm on one thread
 * (scripts/bench-torch.py --matmul-json) on the shapes TSC's work is made of, and prints GFLOP/s and
 * the ratio. Evaluation is mostly these products, so this ratio bounds how close evaluation-bound runs can get.
 */
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initNodeBackend } from '../src/engine/node/tf-backend';

/** [m, k, n]: an [m×k]·[k×n] product, and where TSC computes it (src/engine/mixture-eval.ts, src/engine/curve.ts). */
export interface MatmulShape {
  m: number;
  k: number;
  n: number;
  where: string;
}

export const MATMUL_SHAPES: MatmulShape[] = [
  { m: 1000, k: 784, n: 256, where: "evaluation batch, MLP's first layer (per basis model)" },
  { m: 1000, k: 256, n: 256, where: "evaluation batch, MLP's second layer (per point)" },
  { m: 3800, k: 784, n: 256, where: 'the whole eval subset at once, first layer' },
  { m: 3800, k: 256, n: 256, where: 'the whole eval subset at once, second layer' },
  { m: 64, k: 784, n: 256, where: "curve step, MLP's first layer (batch 64)" },
  { m: 64, k: 256, n: 256, where: "curve step, MLP's second layer (batch 64)" },
];

export const shapeText = ({ m, k, n }: MatmulShape) => `${m}x${k}x${n}`;

/** Floating-point operations of one product: a multiply and an add per term. */
const flops = ({ m, k, n }: MatmulShape) => 2 * m * k * n;

/** Median GFLOP/s of tf.matMul over `repeats` timed runs of enough products to last ~0.2 s each, after a warm-up. */
function tfjsGflops(shape: MatmulShape, repeats = 5): number {
  const [a, b] = tf.tidy(() => [tf.randomUniform([shape.m, shape.k], -1, 1, 'float32', 1), tf.randomUniform([shape.k, shape.n], -1, 1, 'float32', 2)]);
  // dataSync waits for the product (and copies it out; torch's side leaves it in place, a small extra cost here)
  const once = () => tf.tidy(() => tf.matMul(a, b)).dataSync();
  const timed = (count: number) => {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) once();
    return (performance.now() - t0) / 1000;
  };
  timed(2);
  const count = Math.max(1, Math.round(0.2 / Math.max(timed(1), 1e-6)));
  const rates = Array.from({ length: repeats }, () => (count * flops(shape)) / timed(count) / 1e9).sort((x, y) => x - y);
  tf.dispose([a, b]);
  return rates[Math.floor(repeats / 2)];
}

/** torch.mm's GFLOP/s on one thread for each shape, from scripts/bench-torch.py --matmul-json. */
function torchGflops(python: string, shapes: MatmulShape[]): { gflops: number[]; torch: string } {
  const args = ['scripts/bench-torch.py', '--matmul-json', '--shapes', shapes.map(shapeText).join(',')];
  console.error(`[bench:torch] ${python} ${args.join(' ')}`);
  const r = spawnSync(python, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench-torch.py --matmul-json failed (exit code ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as { gflops: number[]; torch: string };
}

export interface MatmulRow {
  shape: MatmulShape;
  tfjs: number;
  torch: number;
}

/** One line per shape: tfjs-wasm and torch GFLOP/s and tfjs / torch (below 1.00× tfjs is slower). */
export function formatMatmulTable(rows: MatmulRow[]): string {
  const head = ['[m×k]·[k×n]', 'tfjs-wasm GFLOP/s', 'torch 1t GFLOP/s', 'tfjs / torch', 'where'];
  const body = rows.map((r) => [
    `[${r.shape.m}×${r.shape.k}]·[${r.shape.k}×${r.shape.n}]`,
    r.tfjs.toFixed(1),
    r.torch.toFixed(1),
    `${(r.tfjs / r.torch).toFixed(2)}×`,
    r.shape.where,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : i === cells.length - 1 ? c : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Both sides, interleaved shape by shape is not possible (two processes): torch first, then tfjs, each on one thread. */
export async function runMatmulBench(python: string): Promise<void> {
  const torch = torchGflops(python, MATMUL_SHAPES);
  const backend = await initNodeBackend('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const rows = MATMUL_SHAPES.map((shape, i) => {
    const tfjs = tfjsGflops(shape);
    console.error(`[bench:torch] ${shapeText(shape)}: tfjs ${tfjs.toFixed(1)} GFLOP/s`);
    return { shape, tfjs, torch: torch.gflops[i] };
  });
  console.log(
    `matMul throughput, median of 5 timed runs of ~0.2 s each: tfjs ${tf.version.tfjs} on ${backend} (${getThreadsCount()} thread, SIMD ${simd ? 'on' : 'off'}) ` +
      `against PyTorch ${torch.torch} torch.mm on 1 thread`,
  );
  console.log(formatMatmulTable(rows));
}
