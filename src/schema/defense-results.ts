import * as v from 'valibot';
import type { TrapReplaceSettings } from '../engine/defenses/trap-replace';
import { intIn, numberIn, type FieldSchemas } from './fields';

/*
 * The per-model defense summaries in results/*.json (written by npm run results and
 * scripts/trap-replace.ts), as the page's comparison table reads them, and the ranges of Trap and
 * Replace's settings (its CLI flags are checked against them).
 */

/** Trap and Replace's settings and their ranges (src/engine/defenses/trap-replace.ts). */
export const TRAP_REPLACE_FIELDS: FieldSchemas<TrapReplaceSettings> = {
  holdoutFraction: v.pipe(v.number(), v.gtValue(0), v.ltValue(1)),
  stage1Epochs: intIn(1, 1000),
  stage1Lr: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  stage1BatchSize: intIn(1, 4096),
  mseWeight: numberIn(0, 1000),
  tvWeight: numberIn(0, 1000),
  stage2Epochs: intIn(1, 1000),
  stage2Lr: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  stage2BatchSize: intIn(1, 4096),
  labelSmoothing: v.pipe(v.number(), v.minValue(0), v.ltValue(1)),
  weightDecay: numberIn(0, 1),
  seed: intIn(0, 2 ** 31 - 1),
};

/** The defenses results/ holds, in the comparison table's order. */
export const RESULT_DEFENSES = ['none', 'tsc', 'mcr', 'ft', 'line', 'trap-replace'] as const;
export type ResultDefense = (typeof RESULT_DEFENSES)[number];

const Rate = numberIn(0, 1);
const AccAsrSchema = v.object({ acc: Rate, asr: Rate });

/** One results/<model>.<defense>.json: the fields the page shows (settings differ by defense and are not read). */
export const DefenseResultSchema = v.object({
  model: v.pipe(v.string(), v.minLength(1)),
  defense: v.picklist(RESULT_DEFENSES),
  before: AccAsrSchema,
  after: AccAsrSchema,
  /** Trap and Replace only: the stage-1 model (stem + trapped head) before its head is replaced */
  stage1: v.optional(AccAsrSchema),
  wallSeconds: v.pipe(v.number(), v.minValue(0)),
  backend: v.string(),
  cleanSubsetSize: intIn(0, 1e7),
  testSet: v.object({ clean: intIn(0, 1e7), poisoned: intIn(0, 1e7) }),
});
export type DefenseResult = v.InferOutput<typeof DefenseResultSchema>;

/** The files that pass DefenseResultSchema, and one line per file that does not (its name and first issue). */
export function parseDefenseResults(files: Record<string, unknown>): { results: DefenseResult[]; problems: string[] } {
  const results: DefenseResult[] = [];
  const problems: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const parsed = v.safeParse(DefenseResultSchema, content);
    if (parsed.success) results.push(parsed.output);
    else {
      const issue = parsed.issues[0];
      const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      problems.push(`${name.split('/').pop()}: ${where ? `${where}: ` : ''}${issue.message}`);
    }
  }
  return { results, problems };
}
