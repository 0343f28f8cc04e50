import { useRef } from 'react';
import { toCsv } from '../../app/export-csv';
import type { AccAsrPoint } from '../history/acc-asr-points';
import { download } from './download';
import { ExportMenu } from './ExportMenu';
import type { LegendItem } from './figure-meta';
import { svgToPng } from './png-export';
import { figureSvg } from './svg-export';

const CAPTION = [
  'Filled marks: the zoo, measured by npm run results (results/*.json); hollow marks: runs saved in this browser.',
  'ACC on the clean test split; ASR on every triggered non-target test image. Top left is the goal.',
];

/** Letters, digits, dots and dashes only, as in src/app/export-filename.ts. */
const safe = (part: string) => part.replace(/[^A-Za-z0-9.-]+/g, '-');

/** The chart inside `section` as a standalone SVG figure with title, legend and caption. */
export function accAsrFigureSvg(section: Element | null | undefined, model: string, legend: LegendItem[]) {
  const plot = section?.querySelector<SVGSVGElement>('svg.acc-asr-plot');
  if (!plot) throw new Error('the chart is not drawn');
  return figureSvg([{ svg: plot }], { title: `Clean ACC vs ASR after each defense: ${model || 'all models'}`, legend, caption: CAPTION });
}

/** The chart's points, one row each. */
export const accAsrCsv = (points: AccAsrPoint[]) =>
  toCsv(
    ['model', 'defense', 'source', 'clean_acc', 'asr'],
    points.map((p) => [p.model, p.defense, p.source, p.acc, p.asr]),
  );

/** The ACC-vs-ASR chart's exports: the figure as SVG and PNG, and its points as CSV. `model`: the chart's model filter ('' = all). */
export function AccAsrExport({ points, model, legend }: { points: AccAsrPoint[]; model: string; legend: LegendItem[] }) {
  const anchor = useRef<HTMLSpanElement>(null);
  const what = model ? safe(model) : 'all-models';
  const svg = () => accAsrFigureSvg(anchor.current?.closest('section'), model, legend);
  return (
    <span ref={anchor} className="export-anchor">
      <ExportMenu
        panel="acc asr chart"
        items={[
          { id: 'acc-asr-svg', label: 'ACC vs ASR chart (SVG)', run: () => download(`acc-vs-asr_${what}.svg`, svg().markup, 'image/svg+xml') },
          { id: 'acc-asr-png', label: 'ACC vs ASR chart (PNG, 2×)', run: async () => download(`acc-vs-asr_${what}.png`, await svgToPng(svg())) },
          { id: 'acc-asr-csv', label: 'ACC vs ASR points (CSV)', run: () => download(`acc-vs-asr_${what}.csv`, accAsrCsv(points), 'text/csv') },
        ]}
      />
    </span>
  );
}
