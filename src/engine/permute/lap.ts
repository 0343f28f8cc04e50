/**
 * Exact linear assignment (LAP) for square dense n×n matrices — used to find hidden-unit
 * permutations (align = maximise Σ C[i,π(i)], un-align = minimise).
 *
 * Solver: our own Jonker–Volgenant-style shortest augmenting path (Crouse 2016 rectangular
 * variant, as in scipy's linear_sum_assignment) with JV column-reduction warm start, dual
 * potentials u/v and Float64Array work arrays. Pure TypeScript, no dependencies.
 *
 * Why not an npm library: `npx tsx scripts/bench-lap.ts` times this solver against the two exact
 * npm solvers `munkres` (Hungarian) and `linear-sum-assignment` (also Crouse-JV, via ml-matrix) on
 * seeded uniform, correlation-like and tie-heavy matrices for n = 64…512, checks that all reach the
 * same optimum, and prints the medians; on this project's machine both libraries were slower at
 * every size and kind (munkres by up to ~10× at n = 512 on correlation matrices, the shape this
 * project solves), and either would add a dependency for no gain.
 */

export type LapMatrix = Float64Array | Float32Array | number[][];
export type LapObjective = 'min' | 'max';

/** Copies `matrix` into a fresh row-major Float64Array cost (negated for 'max'), validating shape/values. */
function toCost(matrix: LapMatrix, n: number, objective: LapObjective): Float64Array {
  const sign = objective === 'max' ? -1 : 1;
  const cost = new Float64Array(n * n);
  if (Array.isArray(matrix)) {
    if (matrix.length !== n) throw new RangeError(`solveLap: expected ${n} rows, got ${matrix.length}`);
    for (let i = 0; i < n; i++) {
      const row = matrix[i];
      if (!row || row.length !== n) {
        throw new RangeError(`solveLap: row ${i} has length ${row ? row.length : 'undefined'}, expected ${n}`);
      }
      const base = i * n;
      for (let j = 0; j < n; j++) cost[base + j] = sign * row[j];
    }
  } else {
    if (matrix.length !== n * n) {
      throw new RangeError(`solveLap: expected ${n * n} entries (n=${n}), got ${matrix.length}`);
    }
    for (let k = 0; k < n * n; k++) cost[k] = sign * matrix[k];
  }
  for (let k = 0; k < n * n; k++) {
    if (!Number.isFinite(cost[k])) {
      throw new RangeError(`solveLap: non-finite entry at row ${Math.floor(k / n)}, column ${k % n}`);
    }
  }
  return cost;
}

/**
 * Shortest-augmenting-path LAP (Jonker–Volgenant family: the rectangular variant of
 * Crouse 2016, the algorithm behind scipy.optimize.linear_sum_assignment), minimising
 * Σ cost[i*n + col4row[i]]. Dual potentials u (rows) and v (columns) keep every reduced
 * cost c[i,j] − u[i] − v[j] ≥ 0, with equality on assigned pairs, so the result is optimal
 * (up to floating-point rounding). O(n³) worst case, O(n) extra memory besides the cost.
 *
 * Warm start (JV column reduction): v[j] = min_i c[i,j] and each column is given to its
 * argmin row while that row is free; this is dual-feasible with tight assigned pairs, so
 * only the rows left free need a Dijkstra search (≈1.5–2× faster on the benchmark matrices).
 */
function lapMin(cost: Float64Array, n: number): Int32Array {
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  const spc = new Float64Array(n); // shortest reduced path cost to each column
  const path = new Int32Array(n); // predecessor row of each column on the alternating path
  const col4row = new Int32Array(n).fill(-1);
  const row4col = new Int32Array(n).fill(-1);
  // Unsettled columns occupy remaining[0, numRemaining); settled ones are swapped to the tail.
  const remaining = new Int32Array(n);

  // --- Column reduction warm start.
  const argmin = new Int32Array(n);
  v.fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const c = cost[base + j];
      if (c < v[j]) {
        v[j] = c;
        argmin[j] = i;
      }
    }
  }
  for (let j = n - 1; j >= 0; j--) {
    const i = argmin[j];
    if (col4row[i] === -1) {
      col4row[i] = j;
      row4col[j] = i;
    }
  }

  for (let curRow = 0; curRow < n; curRow++) {
    if (col4row[curRow] !== -1) continue;

    // --- Dijkstra over reduced costs from curRow until an unassigned column is settled.
    let minVal = 0;
    let numRemaining = n;
    for (let it = 0; it < n; it++) remaining[it] = n - it - 1;
    spc.fill(Infinity);

    let sink = -1;
    let i = curRow;
    while (sink === -1) {
      let index = -1;
      let lowest = Infinity;
      const base = i * n;
      const offset = minVal - u[i];
      for (let it = 0; it < numRemaining; it++) {
        const j = remaining[it];
        const r = offset + cost[base + j] - v[j];
        let s = spc[j];
        if (r < s) {
          path[j] = i;
          spc[j] = r;
          s = r;
        }
        // Prefer an unassigned column on ties: it ends the search immediately.
        if (s < lowest || (s === lowest && row4col[j] === -1)) {
          lowest = s;
          index = it;
        }
      }
      if (index < 0 || lowest === Infinity) throw new Error('solveLap: infeasible cost matrix');
      minVal = lowest;
      const j = remaining[index];
      numRemaining--;
      remaining[index] = remaining[numRemaining];
      remaining[numRemaining] = j;
      if (row4col[j] === -1) sink = j;
      else i = row4col[j];
    }

    // --- Update dual potentials over the settled columns and their rows.
    u[curRow] += minVal;
    for (let it = numRemaining; it < n; it++) {
      const c = remaining[it];
      const d = minVal - spc[c];
      v[c] -= d;
      if (c !== sink) u[row4col[c]] += d;
    }

    // --- Augment along the alternating path back to curRow.
    let j = sink;
    for (;;) {
      const r = path[j];
      row4col[j] = r;
      const prev = col4row[r];
      col4row[r] = j;
      j = prev;
      if (r === curRow) break;
    }
  }
  return col4row;
}

/**
 * Returns perm with perm[i] = column assigned to row i, optimal for the objective
 * ('min' minimises, 'max' maximises Σ matrix[i][perm[i]]). `matrix` is either row-major
 * n*n (Float64Array / Float32Array) or n rows of n numbers. Entries must be finite.
 */
export function solveLap(matrix: LapMatrix, n: number, objective: LapObjective): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`solveLap: invalid n=${n}`);
  if (objective !== 'min' && objective !== 'max') {
    throw new RangeError(`solveLap: objective must be 'min' or 'max', got ${String(objective)}`);
  }
  const cost = toCost(matrix, n, objective);
  if (n === 0) return new Int32Array(0);
  return lapMin(cost, n);
}

/** Σ_i matrix[i][perm[i]] for a row-major n*n matrix (or n rows). */
export function assignmentValue(matrix: LapMatrix, n: number, perm: ArrayLike<number>): number {
  if (perm.length !== n) throw new RangeError(`assignmentValue: perm length ${perm.length} != n=${n}`);
  let total = 0;
  if (Array.isArray(matrix)) {
    for (let i = 0; i < n; i++) total += matrix[i][perm[i]];
  } else {
    for (let i = 0; i < n; i++) total += matrix[i * n + perm[i]];
  }
  return total;
}
