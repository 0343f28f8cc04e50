import { parseDefenseResults, type DefenseResult, type ResultDefense } from '../schema/defense-results';

/*
 * The per-model comparison of defenses on the results panel: results/*.json bundled at build time and
 * checked with src/schema/defense-results.ts (a file that fails is left out and named).
 */

const FILES = import.meta.glob<unknown>('../../results/*.json', { eager: true, import: 'default' });

export const BUNDLED_RESULTS = parseDefenseResults(FILES);

/** The table's rows, in this order; `startsFrom` says what each defense needs. */
export const COMPARED_DEFENSES: { kind: ResultDefense; name: string; startsFrom: string }[] = [
  { kind: 'none', name: 'no defense', startsFrom: 'the backdoored zoo model' },
  { kind: 'tsc', name: 'TSC', startsFrom: 'the backdoored model + clean subset' },
  { kind: 'mcr', name: 'MCR', startsFrom: 'the backdoored model + clean subset' },
  { kind: 'ft', name: 'FT', startsFrom: 'the backdoored model + clean subset' },
  { kind: 'trap-replace', name: 'Trap and Replace', startsFrom: 'the poisoned training set (zoo recipe), retrained' },
];

/** The measured results of one model, in COMPARED_DEFENSES order (missing defenses left out). */
export function comparisonRows(model: string, results: DefenseResult[] = BUNDLED_RESULTS.results): DefenseResult[] {
  return COMPARED_DEFENSES.flatMap(({ kind }) => results.filter((r) => r.model === model && r.defense === kind));
}
