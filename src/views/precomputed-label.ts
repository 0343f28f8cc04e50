import type { Trace } from '../engine/trace';
import type { PrecomputedRun } from '../store/slices/precomputed';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where and how a precomputed run's numbers were made, in one line: "precomputed in Node (wasm), 2025-11-23, …". */
export function precomputedLabel(run: Pick<PrecomputedRun, 'meta'>, trace: Pick<Trace, 'settings'>): string {
  const date = run.meta.generatedAt.slice(0, 10);
  const budget = `${plural(trace.settings.rounds, 'round')} × ${plural(run.meta.budget.curveEpochs, 'curve epoch')}`;
  return `precomputed in Node (${run.meta.generator.backend}), ${date}, ${budget}, t = ${trace.settings.t}`;
}

/** Why the budget is below the paper's, as shown under the label; null when it is not. */
export function budgetNote(run: Pick<PrecomputedRun, 'meta'>): string | null {
  const { reason } = run.meta.budget;
  return reason && `reduced budget: ${reason}`;
}
