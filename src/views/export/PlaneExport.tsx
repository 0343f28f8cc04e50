import { useRef } from 'react';
import { planeCsv } from '../../app/export-csv';
import { exportFileName } from '../../app/export-filename';
import type { PlaneGrid } from '../../engine/plane';
import { COLORS } from '../palette';
import { download } from './download';
import { ExportMenu } from './ExportMenu';
import { svgToPng } from './png-export';
import { figureSvg } from './svg-export';
import { NO_TRACE, useExportTrace } from './useExportTrace';

const MARKS = 'Marks: ● θA (t = 0) and θB (t = 1) · □ control point θc · ◆ output t · ○ current t; colour ramps: cross-entropy in nats (log scale).';

/** The loss plane's exports: both heatmaps of round `round`, stage `stage` side by side, as SVG and PNG, and the grid's values as CSV. */
export function PlaneExport({ round, stage, grid }: { round: number; stage: number; grid: PlaneGrid }) {
  const anchor = useRef<HTMLSpanElement>(null);
  const shown = useExportTrace();
  if (!shown) return <ExportMenu panel="loss plane" items={[]} empty={NO_TRACE} />;
  const { trace, caption } = shown;
  const svg = () => {
    const maps = [...(anchor.current?.closest('section')?.querySelectorAll('figure.plane-heatmap') ?? [])];
    const parts = maps.flatMap((f) => {
      const plot = f.querySelector<SVGSVGElement>('svg.plot');
      return plot ? [{ svg: plot, label: f.querySelector('figcaption')?.textContent ?? undefined }] : [];
    });
    if (parts.length === 0) throw new Error('no loss plane is drawn');
    const title = `Loss plane through θA, θc, θB: ${trace.model}, ${trace.defense.toUpperCase()}, round ${round}, stage ${stage}`;
    const legend = [
      { label: 'fitted Bézier curve θ(t)', color: COLORS.ink },
      { label: 'untrained straight line', color: COLORS.ink, dashed: true },
    ];
    return figureSvg(parts, { title, legend, caption: [MARKS, ...caption] }, 'row');
  };
  const what = `loss-plane-r${round}s${stage}`;
  return (
    <span ref={anchor} className="export-anchor">
      <ExportMenu
        panel="loss plane"
        items={[
          { id: 'plane-svg', label: 'Loss plane (SVG)', run: () => download(exportFileName(trace, what, 'svg'), svg().markup, 'image/svg+xml') },
          { id: 'plane-png', label: 'Loss plane (PNG, 2×)', run: async () => download(exportFileName(trace, what, 'png'), await svgToPng(svg())) },
          { id: 'plane-csv', label: 'Loss plane grid (CSV)', run: () => download(exportFileName(trace, what, 'csv'), planeCsv(grid), 'text/csv') },
        ]}
      />
    </span>
  );
}
