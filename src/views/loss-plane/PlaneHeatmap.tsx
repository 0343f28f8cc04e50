import { useMemo } from 'react';
import type { PlaneResult } from '../../protocol/messages';
import { planeColorScale, planeLayout } from '../plane-helpers';
import { PLANE_BOX, type PlaneMetricSpec } from './plane-spec';
import { PlaneCells } from './PlaneCells';
import { PlaneLegend } from './PlaneLegend';
import { PlaneOverlay } from './PlaneOverlay';

interface Props extends PlaneMetricSpec {
  result: PlaneResult;
  hover: [number, number] | null;
  onHover: (cell: [number, number] | null) => void;
}

/** One heatmap: cells, the curve and its points over them, a pointer layer for the hover, the colour legend. */
export function PlaneHeatmap({ result, metric, title, color, interpolator, hover, onHover }: Props) {
  const { grid, coords } = result;
  const box = planeLayout(grid, PLANE_BOX.maxW, result.equalAxes ? PLANE_BOX.maxH : PLANE_BOX.maxH * 0.6, result.equalAxes);
  const colour = useMemo(() => planeColorScale(grid[metric], interpolator), [grid, metric, interpolator]);
  const onMove = (ev: React.PointerEvent<SVGRectElement>) => {
    const r = ev.currentTarget.getBoundingClientRect();
    onHover(box.cellAt(((ev.clientX - r.left) / r.width) * box.width, ((ev.clientY - r.top) / r.height) * box.height));
  };
  return (
    <figure className="plane-heatmap" data-testid={`plane-${metric}`}>
      <figcaption style={{ color }}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${box.width} ${box.height + PLANE_BOX.legendH}`}
        width={box.width}
        className="plot"
        role="img"
        aria-label={`${title} over the plane through θA, θc, θB`}
      >
        <PlaneCells grid={grid} metric={metric} box={box} colour={colour} hover={hover} />
        <PlaneOverlay coords={coords} box={box} />
        <rect x={0} y={0} width={box.width} height={box.height} fill="transparent" onPointerMove={onMove} onPointerLeave={() => onHover(null)} />
        <PlaneLegend metric={metric} colour={colour} interpolator={interpolator} width={box.width} top={box.height} />
      </svg>
    </figure>
  );
}
