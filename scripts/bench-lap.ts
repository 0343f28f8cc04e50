/**
 * Benchmark for the LAP solver in src/engine/permute/lap.ts.
 *
 *   npx tsx scripts/bench-lap.ts [reps]
 *
 * Prints, for n in {64, 128, 256, 512}, the median wall time (ms) of solveLap(…, 'max') on
 * seeded random matrices: uniform [0,1), a Pearson-correlation-like matrix in [−1,1]
 * (permuted copy + noise, the shape of a hidden-unit alignment problem) and the same
 * rounded to one decimal (many ties). Library comparisons live in the lap.ts header comment.
 */
import { assignmentValue, solveLap } from '../src/engine/permute/lap';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rng: () => number): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function uniformMatrix(n: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const m = new Float64Array(n * n);
  for (let k = 0; k < m.length; k++) m[k] = rng();
  return m;
}

/** Correlations between n standardised units of "net A" and a permuted, noisy "net B". */
function correlationMatrix(n: number, seed: number, samples = 200, signal = 0.6): Float64Array {
  const rng = mulberry32(seed);
  const a = new Float64Array(n * samples);
  for (let k = 0; k < a.length; k++) a[k] = gaussian(rng);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const b = new Float64Array(n * samples);
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < samples; s++) b[i * samples + s] = signal * a[perm[i] * samples + s] + gaussian(rng);
  }
  const standardise = (x: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let mean = 0;
      for (let s = 0; s < samples; s++) mean += x[i * samples + s];
      mean /= samples;
      let ss = 0;
      for (let s = 0; s < samples; s++) ss += (x[i * samples + s] - mean) ** 2;
      const inv = 1 / Math.sqrt(ss);
      for (let s = 0; s < samples; s++) x[i * samples + s] = (x[i * samples + s] - mean) * inv;
    }
  };
  standardise(a);
  standardise(b);
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let s = 0; s < samples; s++) dot += a[i * samples + s] * b[j * samples + s];
      c[i * n + j] = dot;
    }
  }
  return c;
}

const rounded = (m: Float64Array) => m.map((x) => Math.round(x * 10) / 10);

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const kinds: Record<string, (n: number, seed: number) => Float64Array> = {
  'uniform [0,1)': uniformMatrix,
  'correlation [-1,1]': (n, seed) => correlationMatrix(n, seed),
  'correlation rounded 0.1': (n, seed) => rounded(correlationMatrix(n, seed)),
};

const reps = Math.max(1, Number(process.argv[2] ?? 9));
const sizes = [64, 128, 256, 512];
console.log(`solveLap(…, 'max'), median of ${reps} seeded matrices per cell (ms), Node ${process.version}`);
console.log(['n'.padStart(5), ...Object.keys(kinds).map((k) => k.padStart(24))].join(''));
let checksum = 0;
for (const n of sizes) {
  const cells: string[] = [String(n).padStart(5)];
  for (const make of Object.values(kinds)) {
    const mats = Array.from({ length: reps }, (_, s) => make(n, 1000 * n + s));
    for (let w = 0; w < 3; w++) solveLap(mats[w % reps], n, 'max'); // JIT warm-up
    const times: number[] = [];
    for (const m of mats) {
      const t0 = performance.now();
      const perm = solveLap(m, n, 'max');
      times.push(performance.now() - t0);
      checksum += assignmentValue(m, n, perm);
    }
    cells.push(median(times).toFixed(2).padStart(24));
  }
  console.log(cells.join(''));
}
console.log(`(checksum ${checksum.toFixed(6)})`);
