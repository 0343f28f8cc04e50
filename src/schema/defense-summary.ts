import * as v from 'valibot';
import { issueWords } from './explain';
import { MODEL_ID_RULE, ModelIdSchema } from './settings';
import { finite, unit } from './trace';

/**
 * One results/<model>.<defense>.json as `npm run results` writes it, as far as the page reads it:
 * the model, the defense (any name: new defenses add files without a change here) and ACC/ASR
 * before and after. Other fields pass unchecked and are dropped.
 */
const AccAsrSchema = v.object({ acc: unit, asr: unit });

const DefenseSummarySchema = v.object({
  model: ModelIdSchema,
  defense: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  before: AccAsrSchema,
  after: AccAsrSchema,
  wallSeconds: v.pipe(finite, v.minValue(0)),
  backend: v.string(),
});

export type DefenseResult = v.InferOutput<typeof DefenseSummarySchema>;

export type DefenseResultParse = { ok: true; result: DefenseResult } | { ok: false; message: string };

/** Checks one bundled results file (named by `file` in the message). Never throws. */
export function parseDefenseResult(file: string, input: unknown): DefenseResultParse {
  const parsed = v.safeParse(DefenseSummarySchema, input);
  if (parsed.success) return { ok: true, result: parsed.output };
  const issue = parsed.issues[0];
  return {
    ok: false,
    message: `${file} was left out of the ACC vs ASR chart (at ${v.getDotPath(issue) ?? 'the top'}: ${issueWords(issue, { model: MODEL_ID_RULE })}).`,
  };
}
