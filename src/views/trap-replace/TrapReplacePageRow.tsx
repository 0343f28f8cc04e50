import type { TrapReplaceOutcome } from '../../protocol/trap-replace-messages';
import { formatPercent } from '../format';

/** Trap and Replace as measured in this page (src/views/trap-replace/TrapReplacePanel.tsx), a row of the defense table beside the precomputed one. */
export function TrapReplacePageRow({ result }: { result: TrapReplaceOutcome }) {
  return (
    <tr data-defense="trap-replace-page" data-testid="trap-replace-page-row">
      <td>Trap and Replace (this page)</td>
      <td className="muted">the poisoned training set (model recipe), retrained</td>
      <td className="num clean">{formatPercent(result.acc)}</td>
      <td className="num poisoned">{formatPercent(result.asr)}</td>
      <td
        className="muted"
        title={`stage-1 epochs ${result.settings.stage1Epochs}, stage-2 epochs ${result.settings.stage2Epochs}, seed ${result.settings.seed}`}
      >
        measured in this page ({result.backend})
      </td>
    </tr>
  );
}
