import type { ScaleLinear } from 'd3';
import { useAppStore } from '../../store/store';
import { CURVE_SIZE, tFromX } from '../plot-helpers';

/** Pointer handler for a plot: pressing or dragging with the main button moves the store's t there. */
export function useTDrag(x: ScaleLinear<number, number>) {
  const setViewT = useAppStore((s) => s.setViewT);
  return (ev: React.PointerEvent<SVGSVGElement>) => {
    if (ev.buttons !== 1 && ev.type !== 'pointerdown') return;
    const box = ev.currentTarget.getBoundingClientRect();
    setViewT(tFromX(((ev.clientX - box.left) / box.width) * CURVE_SIZE.width, x));
  };
}
