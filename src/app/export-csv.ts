import type { PlaneGrid } from '../engine/plane';
import type { LayerPermutationRecord, StageRecord } from '../engine/trace';
import type { ResultRow } from './export-results';

type Cell = string | number;

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
const field = (cell: Cell) => {
  const text = String(cell);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Rows to CSV text with a header line; numbers keep full precision (they are measurements). */
export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}

/** Every evaluated point of every stage: the fitted curve and the untrained line between the same ends. */
export function curveTableCsv(stages: StageRecord[]): string {
  const rows = stages.flatMap((s) =>
    (['curve', 'line'] as const).flatMap((path) => s[path].map((p) => [s.round, s.stage, s.kind, path, p.t, p.cleanLoss, p.acc, p.poisonedLoss, p.asr])),
  );
  return toCsv(['round', 'stage', 'kind', 'path', 't', 'clean_loss', 'clean_acc', 'poisoned_loss', 'asr'], rows);
}

/** The results table as the page shows it: one model per row. */
export function resultsCsv(rows: ResultRow[]): string {
  return toCsv(
    ['model', 'clean_acc', 'asr'],
    rows.map((r) => [r.label, r.acc, r.asr]),
  );
}

/** The permutation of every layer of every permuting stage: unit i of the permuted model went to position perm[i]. */
export function permutationCsv(stages: StageRecord[]): string {
  const rows = stages.flatMap((s) =>
    (s.permutation?.layers ?? []).flatMap((l) =>
      l.perm.map((p, i) => [s.round, s.stage, s.permutation?.objective ?? '', l.name, i, p, l.matchedCorrelation[i]]),
    ),
  );
  return toCsv(['round', 'stage', 'objective', 'layer', 'unit', 'perm', 'matched_correlation'], rows);
}

/** One layer's correlation matrix, rows = units of model A; empty when the trace kept none. */
export function correlationCsv(layer: LayerPermutationRecord): string {
  const n = layer.corrSize;
  const c = layer.correlation ?? [];
  const header = ['row', ...Array.from({ length: n }, (_, j) => `c${j}`)];
  const rows = c.length === n * n ? Array.from({ length: n }, (_, i) => [i, ...c.slice(i * n, (i + 1) * n)]) : [];
  return toCsv(header, rows);
}

/**
 * The loss plane's grid, one point per row: x along θB − θA, y towards θc (weight-space units), and the
 * clean and poisoned cross-entropy there; a point not computed yet (a refinement cut short) has empty cells.
 */
export function planeCsv(grid: PlaneGrid): string {
  const rows = grid.ys.flatMap((y, j) => grid.xs.map((x, i) => [x, y, grid.clean[j * grid.n + i] ?? '', grid.poisoned[j * grid.n + i] ?? '']));
  return toCsv(['x', 'y', 'clean_loss', 'poisoned_loss'], rows);
}
