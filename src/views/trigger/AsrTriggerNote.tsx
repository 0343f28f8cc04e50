import { useAppStore } from '../../store/store';
import { asrTriggerLabel } from './asr-trigger-label';

/** The honest line above a run's ASR figures: which trigger and target class they were measured with. */
export function AsrTriggerNote() {
  const label = useAppStore((s) =>
    asrTriggerLabel({ trace: s.trace, started: s.runId !== null, runTrigger: s.runTrigger, runModelId: s.runModelId, models: s.models }),
  );
  if (!label) return null;
  return (
    <p className="footnote asr-trigger" data-testid="asr-trigger">
      {label}
    </p>
  );
}
