import { useAppStore } from '../../store/store';
import { asrTriggerLabel } from './asr-trigger-label';

/** The honest line above a run's ASR figures: which trigger and target class they were measured with. */
export function AsrTriggerNote() {
  const label = useAppStore((s) =>
    asrTriggerLabel({ trace: s.trace, started: s.runId !== null, runTrigger: s.runTrigger, runModelId: s.runModelId, models: s.models }),
  );
  if (!label) return null;
  return (
    // data-whose lets lecture mode leave out the line for the zoo's own trigger (src/styles.css); a described one stays
    <p className="footnote asr-trigger" data-testid="asr-trigger" data-whose={label.includes('with the zoo trigger') ? 'zoo' : 'described'}>
      {label}
    </p>
  );
}
