import { describeAttack } from '../engine/attacks';
import type { Trace } from '../engine/trace';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const DEFENSE_NAMES: Record<string, string> = { tsc: 'TSC', mcr: 'MCR', ft: 'fine-tuning', line: 'straight line', none: 'no defense' };

/**
 * The caption every exported figure carries: the run's model, defense and settings, and what it
 * measured on which images, so a figure taken away from the page still says where it came from.
 */
export function settingsCaption(trace: Trace): string[] {
  const s = trace.settings;
  const finetune = s.interRoundFinetune ? `inter-round fine-tuning ${s.finetuneEpochs} epochs at lr ${s.finetuneLr}` : 'no inter-round fine-tuning';
  return [
    `${trace.model} · ${DEFENSE_NAMES[trace.defense] ?? trace.defense} · ${s.rounds} rounds · t = ${s.t} · curve ${s.curveEpochs} epochs, lr ${s.curveLr}, ` +
      `batch ${s.curveBatchSize}, momentum ${s.momentum}, weight decay ${s.weightDecay} · clean subset ${pct(s.cleanFraction)} (${trace.cleanSubsetSize} images) · ` +
      `${s.permutationMethod} matching (${s.matchActivation}-activation) · ${finetune} · seed ${s.seed}`,
    `Measured on ${trace.backend}: ACC ${pct(trace.before.acc)} → ${pct(trace.after.acc)}, ASR ${pct(trace.before.asr)} → ${pct(trace.after.asr)} on ` +
      `${trace.testSet.clean} clean and ${trace.testSet.poisoned} triggered non-target test images${triggerWords(trace)}; curves on ${trace.evalSubset.clean} + ${trace.evalSubset.poisoned}.`,
  ];
}

/** The trigger the trace recorded (a trace from before runs recorded it was measured with its model's recipe, which the caption cannot name). */
const triggerWords = ({ trigger }: Pick<Trace, 'trigger'>) => (trigger ? ` (trigger: ${describeAttack(trigger.spec)} → class ${trigger.target})` : '');
