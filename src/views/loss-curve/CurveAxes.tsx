import { axisBottom, axisLeft, select, type AxisScale, type ScaleLinear } from 'd3';
import { useEffect, useRef } from 'react';
import { PLOT_MARGIN as M } from '../plot-helpers';

interface Props {
  x: ScaleLinear<number, number>;
  y: AxisScale<number>;
  height: number;
  /** d3-format specifier of the y ticks */
  yFormat: string | undefined;
}

/** Left and bottom axes of one plot, drawn by D3 into a React-owned group. */
export function CurveAxes({ x, y, height, yFormat }: Props) {
  const ref = useRef<SVGGElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const g = select(ref.current);
    g.selectAll<SVGGElement, null>('g.y')
      .data([null])
      .join('g')
      .attr('class', 'y axis')
      .attr('transform', `translate(${M.left},0)`)
      .call(axisLeft(y).ticks(5, yFormat));
    g.selectAll<SVGGElement, null>('g.x')
      .data([null])
      .join('g')
      .attr('class', 'x axis')
      .attr('transform', `translate(0,${height - M.bottom})`)
      .call(axisBottom(x).ticks(10));
  }, [x, y, height, yFormat]);
  return <g ref={ref} />;
}
