import { archInfo } from '../../engine/model/arch';
import { draftArch } from '../../app/train-recipe';
import { useAppStore } from '../../store/store';

/** The architecture: an MLP of the hidden widths typed in (any 'seq:' stack of dense layers), or the zoo's small CNN. */
export function TrainArchField({ disabled }: { disabled: boolean }) {
  const draft = useAppStore((s) => s.trainDraft);
  const update = useAppStore((s) => s.updateTrainDraft);
  const arch = draftArch(draft);
  return (
    <>
      <label className="field">
        <span>Architecture</span>
        <select data-testid="train-family" disabled={disabled} value={draft.family} onChange={(e) => update({ family: e.target.value as 'mlp' | 'cnn' })}>
          <option value="mlp">MLP: dense ReLU layers of your widths</option>
          <option value="cnn">CNN: the zoo&apos;s conv16-conv32-fc128</option>
        </select>
      </label>
      {draft.family === 'mlp' && (
        <label className="field field-inline">
          <span>Hidden widths (comma-separated)</span>
          <input data-testid="train-widths" disabled={disabled} value={draft.hiddenWidths} onChange={(e) => update({ hiddenWidths: e.target.value })} />
        </label>
      )}
      <p className={arch.ok ? 'muted' : 'error'} data-testid="train-arch">
        {arch.ok ? `${archInfo(arch.value).title} (${arch.value})` : arch.message}
      </p>
    </>
  );
}
