import { axisBottom, axisLeft, select, type ScaleLinear } from 'd3';
import { useEffect, useRef } from 'react';

interface Props {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  left: number;
  bottom: number;
}

/** The chart's axes, percent ticks, drawn by D3 into a React-owned group. */
export function AccAsrAxes({ x, y, left, bottom }: Props) {
  const ref = useRef<SVGGElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const g = select(ref.current);
    g.selectAll<SVGGElement, null>('g.y')
      .data([null])
      .join('g')
      .attr('class', 'y axis')
      .attr('transform', `translate(${left},0)`)
      .call(axisLeft(y).ticks(5, '.0%'));
    g.selectAll<SVGGElement, null>('g.x')
      .data([null])
      .join('g')
      .attr('class', 'x axis')
      .attr('transform', `translate(0,${bottom})`)
      .call(axisBottom(x).ticks(5, '.0%'));
  }, [x, y, left, bottom]);
  return <g ref={ref} />;
}
