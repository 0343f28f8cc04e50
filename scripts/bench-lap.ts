/**
 * Benchmark for the LAP solver in src/engine/permute/lap.ts, and why it is hand-written.
 *
 *   npx tsx scripts/bench-lap.ts [reps] [--no-libs]
 *
 * Prints, for n in {64, 128, 256, 512}, the median wall time (ms) of solveLap(…, 'max') on
 * seeded random matrices: uniform [0,1), a Pearson-correlation-like matrix in [−1,1]
 * (permuted copy + noise, the shape of a hidden-unit alignment problem) and the same rounded
 * to one decimal (many ties). Then the same matrices through the npm libraries `munkres` and
 * `linear-sum-assignment` (devDependencies), timed with the conversion to number[][] (and the
 * negation munkres needs to maximise) that a wrapper would pay, and checks that every solver
 * reaches the same assignment value (all are exact).
 */
import { munkres } from 'munkres';
import { linearSumAssignment } from 'linear-sum-assignment';
import { assignmentValue, solveLap } from '../src/engine/permute/lap';
import { makeRng, normal, permutationOf } from '../src/engine/random';

function uniformMatrix(n: number, seed: number): Float64Array {
  const rng = makeRng(seed);
  return Float64Array.from({ length: n * n }, () => rng());
}

/** Correlations between n standardised units of "net A" and a permuted, noisy "net B". */
function correlationMatrix(n: number, seed: number, samples = 200, signal = 0.6): Float64Array {
  const rng = makeRng(seed);
  const a = Float64Array.from({ length: n * samples }, () => normal(rng));
  const perm = permutationOf(n, rng);
  const b = new Float64Array(n * samples);
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < samples; s++) b[i * samples + s] = signal * a[perm[i] * samples + s] + normal(rng);
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

const rows = (m: Float64Array, n: number, sign = 1) => Array.from({ length: n }, (_, i) => Array.from(m.subarray(i * n, (i + 1) * n), (v) => sign * v));

/** Each solver returns perm with perm[i] = the column row i is assigned to, maximising. */
const solvers: Record<string, (m: Float64Array, n: number) => Int32Array> = {
  own: (m, n) => solveLap(m, n, 'max'),
  'munkres@2': (m, n) => {
    const perm = new Int32Array(n);
    for (const [y, x] of munkres(rows(m, n, -1))) perm[y] = x;
    return perm;
  },
  'linear-sum-assignment@1': (m, n) => Int32Array.from(linearSumAssignment(rows(m, n), { maximaze: true }).rowAssignments),
};

const kinds: Record<string, (n: number, seed: number) => Float64Array> = {
  'uniform [0,1)': uniformMatrix,
  'correlation [-1,1]': (n, seed) => correlationMatrix(n, seed),
  'correlation rounded 0.1': (n, seed) => rounded(correlationMatrix(n, seed)),
};

const args = process.argv.slice(2);
const reps = Math.max(1, Number(args.find((a) => /^\d+$/.test(a)) ?? 9));
const names = args.includes('--no-libs') ? ['own'] : Object.keys(solvers);
const sizes = [64, 128, 256, 512];
console.log(`LAP, maximise, median of ${reps} seeded matrices per cell (ms), Node ${process.version}`);
console.log(['n'.padStart(5), 'solver'.padStart(25), ...Object.keys(kinds).map((k) => k.padStart(25))].join(''));
for (const n of sizes) {
  const mats = Object.values(kinds).map((make) => Array.from({ length: reps }, (_, s) => make(n, 1000 * n + s)));
  const best = mats.map((ms) => ms.map((m) => assignmentValue(m, n, solveLap(m, n, 'max'))));
  for (const name of names) {
    const cells = [String(n).padStart(5), name.padStart(25)];
    mats.forEach((ms, k) => {
      for (let w = 0; w < 2; w++) solvers[name](ms[w % reps], n); // JIT warm-up
      const times = ms.map((m, r) => {
        const t0 = performance.now();
        const perm = solvers[name](m, n);
        const ms_ = performance.now() - t0;
        const value = assignmentValue(m, n, perm);
        if (Math.abs(value - best[k][r]) > 1e-6 * Math.max(1, Math.abs(value))) throw new Error(`${name} is not optimal at n=${n}`);
        return ms_;
      });
      cells.push(median(times).toFixed(2).padStart(25));
    });
    console.log(cells.join(''));
  }
}
console.log('every solver reached the same assignment value on every matrix');
