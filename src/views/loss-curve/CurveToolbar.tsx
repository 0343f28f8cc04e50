import { COLORS } from '../palette';

/** The log-scale switch and the legend of the loss plots. */
export function CurveToolbar({ logScale, onLogScale }: { logScale: boolean; onLogScale: (log: boolean) => void }) {
  return (
    <div className="plot-toolbar">
      <label>
        <input type="checkbox" checked={logScale} onChange={(e) => onLogScale(e.target.checked)} /> log-scale loss
      </label>
      <span className="legend">
        <span className="swatch" style={{ background: COLORS.clean }} /> clean
        <span className="swatch" style={{ background: COLORS.poisoned }} /> poisoned (triggered → target)
        <span className="swatch dashed" /> untrained straight line
      </span>
    </div>
  );
}
