import { parseDefenseResult, type DefenseResult } from '../schema/defense-summary';

/**
 * The zoo's measured defenses: every results/*.json bundled at build time, each validated
 * (src/schema/defense-summary.ts). A file that fails is left out, with its message, so a bad
 * file costs one mark, never the chart.
 */
export type { DefenseResult };

const FILES = import.meta.glob<unknown>('../../results/*.json', { eager: true, import: 'default' });

export function parseResultFiles(files: Record<string, unknown>): { results: DefenseResult[]; problems: string[] } {
  const results: DefenseResult[] = [];
  const problems: string[] = [];
  for (const [path, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const parsed = parseDefenseResult(path.replace(/^.*\/results\//, 'results/'), data);
    if (parsed.ok) results.push(parsed.result);
    else problems.push(parsed.message);
  }
  return { results, problems };
}

export const bundledResults = parseResultFiles(FILES);
