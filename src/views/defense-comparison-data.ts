import { bundledResults, type DefenseResult } from '../app/results-bundle';

/*
 * The per-model comparison of defenses on the results panel, from results/*.json as bundled and
 * validated by src/app/results-bundle.ts (a file that fails is left out, with its message).
 */

/** The table's rows, in this order; `startsFrom` says what each defense needs. */
export const COMPARED_DEFENSES: { kind: string; name: string; startsFrom: string }[] = [
  { kind: 'none', name: 'no defense', startsFrom: 'the backdoored zoo model' },
  { kind: 'tsc', name: 'TSC', startsFrom: 'the backdoored model + clean subset' },
  { kind: 'mcr', name: 'MCR', startsFrom: 'the backdoored model + clean subset' },
  { kind: 'ft', name: 'FT', startsFrom: 'the backdoored model + clean subset' },
  { kind: 'trap-replace', name: 'Trap and Replace', startsFrom: 'the poisoned training set (zoo recipe), retrained' },
];

/** The measured results of one model, in COMPARED_DEFENSES order (missing defenses left out). */
export function comparisonRows(model: string, results: DefenseResult[] = bundledResults.results): DefenseResult[] {
  return COMPARED_DEFENSES.flatMap(({ kind }) => results.filter((r) => r.model === model && r.defense === kind));
}

export { bundledResults, type DefenseResult };
