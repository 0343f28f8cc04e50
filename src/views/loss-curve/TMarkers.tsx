import { shownOutputT, useAppStore } from '../../store/store';
import { COLORS } from '../palette';
import { PLOT_MARGIN as M } from '../plot-helpers';

interface Props {
  x: (t: number) => number;
  height: number;
  /** label the output t (in the loss panel only, where it does not sit on the 100 % ASR line) */
  labelled: boolean;
}

/** The output t (dashed) and the current t across one plot. */
export function TMarkers({ x, height, labelled }: Props) {
  const outputT = useAppStore(shownOutputT);
  const viewT = useAppStore((s) => s.viewT);
  return (
    <>
      <line x1={x(outputT)} x2={x(outputT)} y1={M.top} y2={height - M.bottom} stroke={COLORS.muted} strokeDasharray="2 3" />
      {labelled && (
        <text x={x(outputT) + 4} y={M.top + 10} fontSize={11} fill={COLORS.muted}>
          output t = {outputT}
        </text>
      )}
      <line x1={x(viewT)} x2={x(viewT)} y1={M.top} y2={height - M.bottom} stroke={COLORS.ink} strokeWidth={2} />
    </>
  );
}
