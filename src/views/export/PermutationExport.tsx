import { interpolateRdBu } from 'd3';
import { useRef } from 'react';
import { correlationCsv, permutationCsv } from '../../app/export-csv';
import { exportFileName } from '../../app/export-filename';
import type { LayerPermutationRecord, StageRecord } from '../../engine/trace';
import { COLORS } from '../palette';
import { download } from './download';
import { ExportMenu } from './ExportMenu';
import { canvasFigurePng } from './png-export';
import { NO_TRACE, useExportTrace } from './useExportTrace';

/** The permutation panel's exports: the shown matrix as PNG (it is a canvas), its values and every permutation as CSV. */
export function PermutationExport({ stage, layer }: { stage: StageRecord; layer: LayerPermutationRecord }) {
  const anchor = useRef<HTMLSpanElement>(null);
  const shown = useExportTrace();
  if (!shown) return <ExportMenu panel="permutation" items={[]} empty={NO_TRACE} />;
  const { trace, caption } = shown;
  const at = `r${stage.round}s${stage.stage}-${layer.name}`;
  const png = () => {
    const canvas = anchor.current?.closest('section')?.querySelector<HTMLCanvasElement>('canvas.heatmap');
    if (!canvas) throw new Error('no matrix is drawn');
    const objective = stage.permutation?.objective === 'unalign' ? 'un-align' : 'align';
    const title = `Correlation matrix of ${layer.name} and the chosen permutation (${objective}): round ${stage.round}, stage ${stage.stage}`;
    const legend = [
      // the matrix's own ramp (src/views/permutation/matrix-colors.ts): RdBu, −1 red, +1 blue
      { label: 'C = −1', color: interpolateRdBu(0) },
      { label: 'C = 0', color: interpolateRdBu(0.5) },
      { label: 'C = +1', color: interpolateRdBu(1) },
      { label: 'dots: unit i → π(i)', color: COLORS.ink },
    ];
    const stats = `${layer.size} units; mean matched C = ${layer.meanMatched.toFixed(4)}; ${layer.fixedPoints} fixed points; rows in the order shown on the page.`;
    return canvasFigurePng(canvas, { title, legend, caption: [stats, ...caption] });
  };
  const stages = trace.rounds.flatMap((r) => r.stages);
  return (
    <span ref={anchor} className="export-anchor">
      <ExportMenu
        panel="permutation"
        items={[
          { id: 'perm-png', label: 'Matrix (PNG, 2×)', run: async () => download(exportFileName(trace, `correlation-${at}`, 'png'), await png()) },
          {
            id: 'corr-csv',
            label: `Correlation matrix of ${layer.name} (CSV)`,
            unavailable: layer.correlation ? null : 'This trace kept no correlation matrix for this layer.',
            run: () => download(exportFileName(trace, `correlation-${at}`, 'csv'), correlationCsv(layer), 'text/csv'),
          },
          {
            id: 'perm-csv',
            label: 'Permutation indices, every layer and stage (CSV)',
            run: () => download(exportFileName(trace, 'permutations', 'csv'), permutationCsv(stages), 'text/csv'),
          },
        ]}
      />
    </span>
  );
}
