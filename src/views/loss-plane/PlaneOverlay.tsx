import { line as d3line, range } from 'd3';
import { curveInPlane } from '../../engine/bezier';
import type { PlaneResult } from '../../protocol/messages';
import { shownOutputT, useAppStore } from '../../store/store';
import { COLORS } from '../palette';
import type { planeLayout } from '../plane-helpers';

interface Props {
  coords: PlaneResult['coords'];
  box: ReturnType<typeof planeLayout>;
}

/** Over the cells: the straight line, the curve θ(t), θA / θc / θB, the output t (◆) and the current t (○). */
export function PlaneOverlay({ coords, box }: Props) {
  const outputT = useAppStore(shownOutputT);
  const viewT = useAppStore((s) => s.viewT);
  const at = (t: number) => curveInPlane(coords, t);
  const curve =
    d3line<number>()
      .x((t) => box.px(at(t)[0]))
      .y((t) => box.py(at(t)[1]))(range(0, 1.0001, 0.02)) ?? '';
  const [ox, oy] = at(outputT);
  const [vx, vy] = at(viewT);
  const label = (x: number, y: number, text: string, dy = -8) => (
    <text x={box.px(x)} y={box.py(y) + dy} textAnchor="middle" fontSize={12} fontWeight={600} className="plane-label">
      {text}
    </text>
  );
  return (
    <>
      <line x1={box.px(coords.a[0])} y1={box.py(0)} x2={box.px(coords.b[0])} y2={box.py(0)} stroke={COLORS.ink} strokeWidth={1.5} strokeDasharray="5 4" />
      <path d={curve} fill="none" stroke={COLORS.paper} strokeWidth={5} opacity={0.8} />
      <path d={curve} fill="none" stroke={COLORS.ink} strokeWidth={2} />
      <circle cx={box.px(coords.a[0])} cy={box.py(coords.a[1])} r={5} fill={COLORS.ink} />
      <circle cx={box.px(coords.b[0])} cy={box.py(coords.b[1])} r={5} fill={COLORS.ink} />
      <rect x={box.px(coords.c[0]) - 5} y={box.py(coords.c[1]) - 5} width={10} height={10} fill={COLORS.paper} stroke={COLORS.ink} strokeWidth={2} />
      {label(coords.a[0], coords.a[1], 'θA (t=0)', 18)}
      {label(coords.b[0], coords.b[1], 'θB (t=1)', 18)}
      {label(coords.c[0], coords.c[1], 'θc')}
      <path d={`M${box.px(ox)},${box.py(oy) - 7}l7,7l-7,7l-7,-7z`} fill={COLORS.ok} stroke={COLORS.paper} strokeWidth={1.5}>
        <title>output θ(t = {outputT})</title>
      </path>
      <circle cx={box.px(vx)} cy={box.py(vy)} r={6} fill="none" stroke={COLORS.ink} strokeWidth={2.5}>
        <title>current t = {viewT}</title>
      </circle>
    </>
  );
}
