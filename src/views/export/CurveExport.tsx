import { useRef } from 'react';
import { curveTableCsv } from '../../app/export-csv';
import { exportFileName } from '../../app/export-filename';
import { traceToJson } from '../../app/export-trace';
import type { Trace } from '../../engine/trace';
import { COLORS } from '../palette';
import { download } from './download';
import { ExportMenu } from './ExportMenu';
import { ImportTrace } from './ImportTrace';
import type { LegendItem } from './figure-meta';
import { svgToPng } from './png-export';
import { figureSvg } from './svg-export';
import { NO_TRACE, useExportTrace } from './useExportTrace';

export const CURVE_LEGEND: LegendItem[] = [
  { label: 'clean (loss, ACC)', color: COLORS.clean },
  { label: 'poisoned: triggered → target (loss, ASR)', color: COLORS.poisoned },
  { label: 'untrained straight line', color: COLORS.muted, dashed: true },
];

/** Both curve plots of `figure` (the loss curve's <figure>) as one captioned SVG. */
export function curveFigureSvg(figure: Element | null, trace: Trace, caption: string[]) {
  const plots = [...(figure?.querySelectorAll<SVGSVGElement>('svg.plot') ?? [])];
  if (plots.length === 0) throw new Error('no curve is drawn');
  const title = `Loss and ACC/ASR along θ(t): ${trace.model}, ${trace.defense.toUpperCase()}`;
  return figureSvg(
    plots.map((svg) => ({ svg })),
    { title, legend: CURVE_LEGEND, caption },
  );
}

/** The loss-curve panel's exports (both plots as SVG and PNG, the curve table as CSV, the whole trace as JSON) and the trace import. */
export function CurveExport() {
  const anchor = useRef<HTMLSpanElement>(null);
  const shown = useExportTrace();
  if (!shown)
    return (
      <span className="export-anchor">
        <ExportMenu panel="loss curves" items={[]} empty={NO_TRACE} />
        <ImportTrace />
      </span>
    );
  const { trace, caption } = shown;
  const name = (what: string, ext: string) => exportFileName(trace, what, ext);
  const svg = () => curveFigureSvg(anchor.current?.closest('figure') ?? null, trace, caption);
  const stages = trace.rounds.flatMap((r) => r.stages);
  return (
    <span ref={anchor} className="export-anchor">
      <ExportMenu
        panel="loss curves"
        items={[
          { id: 'curve-svg', label: 'Loss curves (SVG)', run: () => download(name('loss-curves', 'svg'), svg().markup, 'image/svg+xml') },
          { id: 'curve-png', label: 'Loss curves (PNG, 2×)', run: async () => download(name('loss-curves', 'png'), await svgToPng(svg())) },
          { id: 'curve-csv', label: 'Curve table (CSV)', run: () => download(name('curve-table', 'csv'), curveTableCsv(stages), 'text/csv') },
          {
            id: 'trace-json',
            label: 'Trace (JSON, can be imported again)',
            run: () => download(name('trace', 'json'), traceToJson(trace), 'application/json'),
          },
        ]}
      />
      <ImportTrace />
    </span>
  );
}
