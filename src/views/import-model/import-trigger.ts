import { describeAttack } from '../../engine/attacks';
import type { AttackKind, TriggerSpec } from '../../engine/attacks/types';
import { freshTrigger, KIND_LABELS } from '../trigger/trigger-draft';

/** 'described': the trigger in the Describe a trigger panel; else a built-in attack with its defaults. */
export type ImportTriggerChoice = 'described' | AttackKind;

export const BUILT_IN_KINDS: AttackKind[] = ['badnet', 'blended', 'sig', 'wanet'];

/** The trigger an import is measured with (null: 'described' chosen while nothing is described). */
export function chosenTrigger(choice: ImportTriggerChoice, described: TriggerSpec | null): TriggerSpec | null {
  return choice === 'described' ? described : freshTrigger(choice);
}

/** The option's words: the described trigger in full, a built-in by its name and defaults. */
export function choiceLabel(choice: ImportTriggerChoice, described: TriggerSpec | null): string {
  if (choice === 'described') return described ? `Described below: ${describeAttack(described)}` : 'Described below (nothing described yet)';
  return `${KIND_LABELS[choice]}: ${describeAttack(freshTrigger(choice))}`;
}
