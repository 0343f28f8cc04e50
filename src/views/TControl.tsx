import { useEffect } from 'react';
import { selectedStage, useAppStore } from '../store/store';
import type { AppActions } from '../app/actions';
import { formatPercent } from './format';
import { COLORS } from './palette';
import { stageKey } from '../engine/trace';
import { STAGE_LABEL, valueAt } from './plot-helpers';
import { AnimateT } from './lecture/AnimateT';

/**
 * The curve index t: a slider bound to the store (arrows ±0.01, shift+arrows ±0.001) and the
 * read-out of the selected stage's curve at t, interpolated between evaluated points, updated in
 * the same frame, and a button that plays t to 1. θ(t)'s sample predictions are requested from
 * the worker, debounced (a precomputed run answers from its table, with no request).
 */
export function TControl({ actions }: { actions: AppActions }) {
  const t = useAppStore((s) => s.viewT);
  const setViewT = useAppStore((s) => s.setViewT);
  const selected = useAppStore((s) => s.selected);
  const stage = useAppStore(selectedStage);
  const live = useAppStore((s) => s.liveCurves[stageKey(s.selected.round, s.selected.stage)]);
  const points = stage?.curve ?? live ?? [];

  // A restored or precomputed run has no weights in the worker: the samples grid reads a precomputed run's table instead.
  const noWeights = useAppStore((s) => s.restored !== null || s.precomputed !== null);
  useEffect(() => {
    if (stage && !noWeights) actions.preview(stage.round, stage.stage, t);
  }, [actions, stage, t, noWeights]);

  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (!e.shiftKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    setViewT(t + (e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -0.001 : 0.001));
  };

  return (
    <div className="t-control t-control-animated">
      <AnimateT />
      <label className="t-slider-label" htmlFor="t-slider">
        curve index <strong>t = {t.toFixed(3)}</strong>
      </label>
      <input
        id="t-slider"
        data-testid="t-slider"
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={t}
        onChange={(e) => setViewT(Number(e.target.value))}
        onKeyDown={onKey}
        aria-valuetext={`t = ${t.toFixed(3)}`}
      />
      <div className="t-readout" data-testid="t-readout" aria-live="polite">
        {points.length === 0 ? (
          <span className="muted">
            no curve yet for round {selected.round}, {STAGE_LABEL[selected.stage]}
          </span>
        ) : (
          <>
            <span style={{ color: COLORS.clean }}>
              clean loss <b data-testid="readout-clean-loss">{valueAt(points, 'cleanLoss', t).toFixed(3)}</b>
            </span>
            <span style={{ color: COLORS.poisoned }}>
              poisoned loss <b data-testid="readout-poisoned-loss">{valueAt(points, 'poisonedLoss', t).toFixed(3)}</b>
            </span>
            <span style={{ color: COLORS.clean }}>
              ACC <b>{formatPercent(valueAt(points, 'acc', t), 1)}</b>
            </span>
            <span style={{ color: COLORS.poisoned }}>
              ASR <b>{formatPercent(valueAt(points, 'asr', t), 1)}</b>
            </span>
            <span className="muted">
              round {selected.round}, {STAGE_LABEL[selected.stage]}
              {stage ? '' : ' (training…)'}
            </span>
          </>
        )}
      </div>
    </div>
  );
}
