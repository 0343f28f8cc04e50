import { useAppStore } from '../../store/store';
import { COLORS } from '../palette';
import { OVERLAY_DASH, overlayStage } from './overlay-stage';

/** The loss plots' legend entry for the overlaid saved run, with a button to remove it. */
export function OverlayLegend() {
  const overlay = useAppStore((s) => s.overlayRun);
  const round = useAppStore((s) => s.selected.round);
  const stageNo = useAppStore((s) => s.selected.stage);
  const setOverlayRun = useAppStore((s) => s.setOverlayRun);
  const stage = overlay && overlayStage(overlay.stages, round, stageNo);
  if (!overlay || !stage) return null;
  return (
    <p className="legend overlay-legend" data-testid="overlay-legend">
      <svg width={28} height={8} aria-hidden="true">
        <line x1={0} x2={28} y1={4} y2={4} stroke={COLORS.ink} strokeWidth={2} strokeDasharray={OVERLAY_DASH} />
      </svg>
      <span>
        overlay: {overlay.name} (round {stage.round}, stage {stage.stage})
      </span>
      <button type="button" onClick={() => void setOverlayRun(null)} aria-label={`Remove the overlay of ${overlay.name}`}>
        Remove overlay
      </button>
    </p>
  );
}
