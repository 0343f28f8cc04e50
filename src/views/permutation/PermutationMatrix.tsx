import { useMemo, useState } from 'react';
import { selectedStage, useAppStore } from '../../store/store';
import { PermutationExport } from '../export/PermutationExport';
import { PrecomputedLabel } from '../PrecomputedLabel';
import { CorrelationMatrix } from './CorrelationMatrix';
import { LayerTabs } from './LayerTabs';
import { rowOrder } from './matrix-colors';
import { PermStats } from './PermStats';

/**
 * One layer's correlation matrix C (rows: units of the reference model A, columns: units of the
 * model being permuted) drawn on a canvas, with the chosen permutation i → perm[i] overlaid as
 * dots. Un-align picks low/negative C (stage 1), align picks the bright diagonal-like set (stage 2).
 */
export function PermutationMatrix() {
  const stage = useAppStore(selectedStage);
  const layerIndex = useAppStore((s) => s.selected.layer);
  const selectLayer = useAppStore((s) => s.selectLayer);
  const [sortByMatch, setSortByMatch] = useState(false);
  const perm = stage?.permutation ?? null;
  const layer = perm?.layers[Math.min(layerIndex, perm.layers.length - 1)] ?? null;
  const order = useMemo(() => (layer ? rowOrder(layer.matchedCorrelation, sortByMatch) : []), [layer, sortByMatch]);

  if (!stage) return null;
  if (!perm || !layer) {
    return (
      <section className="panel" data-testid="perm-matrix">
        <h2>Permutation matrices</h2>
        <p className="muted">This stage uses no permutation ({stage.kind}).</p>
      </section>
    );
  }
  const objectiveWord = perm.objective === 'unalign' ? 'un-align (minimise Σ C[i, π(i)])' : 'align (maximise Σ C[i, π(i)])';
  return (
    <section className="panel" data-testid="perm-matrix" aria-labelledby="perm-heading">
      <h2 id="perm-heading">
        Permutation · round {stage.round}, stage {stage.stage}: {objectiveWord}
      </h2>
      <PrecomputedLabel where="perm" />
      <PermutationExport stage={stage} layer={layer} />
      <LayerTabs layers={perm.layers} active={layerIndex} onSelect={selectLayer} sortByMatch={sortByMatch} onSortByMatch={setSortByMatch} />
      <div className="perm-body">
        <CorrelationMatrix layer={layer} order={order} />
        <PermStats layer={layer} perm={perm} />
      </div>
    </section>
  );
}
