import type { BenchRow } from '../../src/protocol/messages';
import type { EngineRun } from './engine-bench';

/** In the order the worker measures them (BENCH_MEASURES in src/worker/bench-measure.ts). */
const MEASURES: { measure: BenchRow['measure']; title: string }[] = [
  { measure: 'curve-step', title: 'curve step' },
  { measure: 'permute-layers', title: 'PERMUTELAYERS' },
  { measure: 'curve-eval-21', title: '21-point curve eval' },
];

const duration = (ms: number) => (Math.abs(ms) >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

/** What the worker ran on: "wasm, 2 threads", "webgpu: google swiftshader …", or why it did not start. */
export function usedCell(run: EngineRun): string {
  if (!run.started) return `did not start${run.stopped ? `: ${run.stopped}` : ''}`;
  const { backend, threads, detail } = run.started;
  if (threads !== undefined) return `${backend}, ${threads} thread${threads === 1 ? '' : 's'}`;
  return detail ? `${backend}: ${detail}` : backend;
}

/**
 * One markdown row per backend, one column per model × measure (`models` in column order). A figure
 * the backend never reached says whether it was skipped by its sizes (sizesFor in engine-bench.ts)
 * or cut by an error or the time limit.
 */
export function engineTable(runs: EngineRun[], models: string[]): string {
  const columns = MEASURES.flatMap(({ measure, title }) => models.map((model) => ({ model, measure, title: `${model} ${title}` })));
  const lines = [`| backend asked | backend used | ${columns.map((c) => c.title).join(' | ')} |`, `|---|---|${columns.map(() => '---|').join('')}`];
  for (const run of runs) {
    const cells = columns.map(({ model, measure }) => {
      const row = run.rows.find((r) => r.model === model && r.measure === measure);
      if (!row) return run.stopped ? 'stopped' : 'skipped';
      const notes = [row.images !== undefined && `${row.images} imgs`, row.repeats > 1 && `median of ${row.repeats}`].filter(Boolean);
      // a marginal step is a difference of two timings: below zero, the noise swamped it, so no figure is claimed
      const figure = row.ms < 0 ? `lost in noise (T(k) − T(1) = ${duration(row.ms)})` : duration(row.ms);
      return figure + (notes.length ? ` (${notes.join(', ')})` : '');
    });
    lines.push(`| ${run.label} | ${usedCell(run)} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
