import { range, type ScaleSequential } from 'd3';
import type { PlaneGrid } from '../../engine/plane';
import { COLORS } from '../palette';
import { cellValue, planeLayout, type PlaneMetric } from '../plane-helpers';

interface Props {
  grid: PlaneGrid;
  metric: PlaneMetric;
  box: ReturnType<typeof planeLayout>;
  colour: ScaleSequential<string>;
  hover: [number, number] | null;
}

/** The heatmap's cells, centred on the grid points, and an outline round the hovered one. */
export function PlaneCells({ grid, metric, box, colour, hover }: Props) {
  const [lo] = colour.domain();
  return (
    <>
      {range(grid.n).flatMap((j) =>
        range(grid.n).map((i) => {
          const v = cellValue(grid, metric, i, j);
          return (
            <rect
              key={`${i}-${j}`}
              className="plane-cell"
              data-value={v ?? ''}
              x={box.px(grid.xs[i]) - box.cellW / 2}
              y={box.py(grid.ys[j]) - box.cellH / 2}
              width={box.cellW + 0.5}
              height={box.cellH + 0.5}
              fill={v === null ? COLORS.empty : colour(Math.max(v, lo))}
            />
          );
        }),
      )}
      {hover && (
        <rect
          x={box.px(grid.xs[hover[0]]) - box.cellW / 2}
          y={box.py(grid.ys[hover[1]]) - box.cellH / 2}
          width={box.cellW}
          height={box.cellH}
          fill="none"
          stroke={COLORS.ink}
          strokeWidth={1.5}
        />
      )}
    </>
  );
}
