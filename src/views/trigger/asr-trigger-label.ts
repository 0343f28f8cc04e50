import { describeAttack } from '../../engine/attacks';
import type { Trace } from '../../engine/trace';
import { entryTrigger, isUserModel, type ModelEntry } from '../../engine/zoo';
import type { DescribedTrigger } from '../../protocol/messages';

export interface AsrTriggerInputs {
  trace: Pick<Trace, 'model' | 'trigger'> | null;
  /** a run was started in this page (running, or stopped before its trace) */
  started: boolean;
  /** what the run in progress was sent (null: the model's recipe) */
  runTrigger: DescribedTrigger | null;
  /** the model of the run in progress */
  runModelId: string | null;
  models: readonly ModelEntry[];
}

const same = (a: DescribedTrigger, b: DescribedTrigger) => a.target === b.target && JSON.stringify(a.spec) === JSON.stringify(b.spec);

/**
 * Which trigger the ASR figures on screen were measured with, in one line: "ASR measured with the
 * described trigger: <trigger> → class N", or "… the zoo trigger …" when it is the model's recipe. A
 * finished run says what its trace recorded; a trace that records none (a precomputed pack, a run
 * saved before runs recorded it) was measured with its model's recipe; a run in progress (or one that stopped) says what
 * it was sent. null when nothing is shown or the model is unknown.
 */
export function asrTriggerLabel({ trace, started, runTrigger, runModelId, models }: AsrTriggerInputs): string | null {
  const modelId = trace?.model ?? (started ? runModelId : null);
  const entry = models.find((m) => m.id === modelId);
  const zoo = entry ? entryTrigger(entry) : null;
  const used = trace ? (trace.trigger ?? zoo) : started ? (runTrigger ?? zoo) : null;
  if (!used) return null;
  const own = entry && isUserModel(entry) ? "the model's own trigger" : 'the zoo trigger';
  const whose = zoo && same(used, zoo) ? own : 'the described trigger';
  return `ASR measured with ${whose}: ${describeAttack(used.spec)} → class ${used.target}`;
}
