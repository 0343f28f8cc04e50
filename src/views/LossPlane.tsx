import { interpolateBlues, interpolateOranges, line as d3line, range } from 'd3';
import { useMemo, useState } from 'react';
import { curveInPlane } from '../engine/bezier';
import { useAppStore } from '../store/store';
import type { AppActions } from '../app/actions';
import type { PlaneResult } from '../shared/protocol';
import { COLORS } from './palette';
import { cellValue, planeColorScale, planeLayout, type PlaneMetric } from './plane-helpers';

const MAX_W = 420;
const MAX_H = 300;
const LEGEND_H = 38;

const METRICS: { metric: PlaneMetric; title: string; color: string; interpolator: (t: number) => string }[] = [
  // Sequential ramps in the two fixed hues: clean stays blue, poisoned stays orange/vermillion.
  { metric: 'clean', title: 'clean loss', color: COLORS.clean, interpolator: (t) => interpolateBlues(0.08 + 0.92 * t) },
  { metric: 'poisoned', title: 'poisoned loss (triggered → target)', color: COLORS.poisoned, interpolator: (t) => interpolateOranges(0.08 + 0.92 * t) },
];

const fmt = (v: number | null) => (v === null ? '–' : v < 0.01 ? v.toExponential(1) : v.toPrecision(3));

/** One heatmap: cells, the straight line, the curve, θA / θc / θB, the output t and the current t. */
function PlaneHeatmap({
  result,
  metric,
  title,
  color,
  interpolator,
  hover,
  onHover,
}: (typeof METRICS)[number] & { result: PlaneResult; hover: [number, number] | null; onHover: (cell: [number, number] | null) => void }) {
  const outputT = useAppStore((s) => s.settings.t);
  const viewT = useAppStore((s) => s.viewT);
  const { grid, coords } = result;
  const box = planeLayout(grid, MAX_W, result.equalAxes ? MAX_H : MAX_H * 0.6, result.equalAxes);
  const colour = useMemo(() => planeColorScale(grid[metric], interpolator), [grid, metric, interpolator]);
  const curve =
    d3line<number>()
      .x((t) => box.px(curveInPlane(coords, t)[0]))
      .y((t) => box.py(curveInPlane(coords, t)[1]))(range(0, 1.0001, 0.02)) ?? '';
  const at = (t: number) => curveInPlane(coords, t);
  const [ox, oy] = at(outputT);
  const [vx, vy] = at(viewT);
  const [lo, hi] = colour.domain();
  const ticks = [lo, Math.sqrt(lo * hi), hi]; // ends and geometric middle of the log colour scale
  const legendX = (v: number) => (Math.log(v / lo) / Math.log(hi / lo)) * box.width;
  const gradientId = `plane-gradient-${metric}`;
  const onMove = (ev: React.PointerEvent<SVGRectElement>) => {
    const r = ev.currentTarget.getBoundingClientRect();
    onHover(box.cellAt(((ev.clientX - r.left) / r.width) * box.width, ((ev.clientY - r.top) / r.height) * box.height));
  };
  const label = (x: number, y: number, text: string, dy = -8) => (
    <text x={box.px(x)} y={box.py(y) + dy} textAnchor="middle" fontSize={12} fontWeight={600} className="plane-label">
      {text}
    </text>
  );
  return (
    <figure className="plane-heatmap" data-testid={`plane-${metric}`}>
      <figcaption style={{ color }}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${box.width} ${box.height + LEGEND_H}`}
        width={box.width}
        className="plot"
        role="img"
        aria-label={`${title} over the plane through θA, θc, θB`}
      >
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
                fill={v === null ? '#e5e7eb' : colour(Math.max(v, lo))}
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
            stroke="#111827"
            strokeWidth={1.5}
          />
        )}
        <line x1={box.px(coords.a[0])} y1={box.py(0)} x2={box.px(coords.b[0])} y2={box.py(0)} stroke="#111827" strokeWidth={1.5} strokeDasharray="5 4" />
        <path d={curve} fill="none" stroke="#fff" strokeWidth={5} opacity={0.8} />
        <path d={curve} fill="none" stroke="#111827" strokeWidth={2} />
        <circle cx={box.px(coords.a[0])} cy={box.py(coords.a[1])} r={5} fill="#111827" />
        <circle cx={box.px(coords.b[0])} cy={box.py(coords.b[1])} r={5} fill="#111827" />
        <rect x={box.px(coords.c[0]) - 5} y={box.py(coords.c[1]) - 5} width={10} height={10} fill="#fff" stroke="#111827" strokeWidth={2} />
        {label(coords.a[0], coords.a[1], 'θA (t=0)', 18)}
        {label(coords.b[0], coords.b[1], 'θB (t=1)', 18)}
        {label(coords.c[0], coords.c[1], 'θc')}
        <path d={`M${box.px(ox)},${box.py(oy) - 7}l7,7l-7,7l-7,-7z`} fill={COLORS.ok} stroke="#fff" strokeWidth={1.5}>
          <title>output θ(t = {outputT})</title>
        </path>
        <circle cx={box.px(vx)} cy={box.py(vy)} r={6} fill="none" stroke="#111827" strokeWidth={2.5}>
          <title>current t = {viewT}</title>
        </circle>
        <rect x={0} y={0} width={box.width} height={box.height} fill="transparent" onPointerMove={onMove} onPointerLeave={() => onHover(null)} />
        <defs>
          <linearGradient id={gradientId}>
            {range(0, 1.001, 0.1).map((s) => (
              <stop key={s} offset={`${s * 100}%`} stopColor={interpolator(s)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={0} y={box.height + 6} width={box.width} height={10} fill={`url(#${gradientId})`} />
        {ticks.map((v, k) => (
          <text key={v} x={legendX(v)} y={box.height + 30} fontSize={11} textAnchor={k === 0 ? 'start' : k === ticks.length - 1 ? 'end' : 'middle'}>
            {fmt(v)}
          </text>
        ))}
      </svg>
    </figure>
  );
}

/** Refinement levels reuse every computed point (n → 2n − 1), so only these finest sizes fit a coarse n. */
const refineOptions = (coarse: number) => [coarse, 2 * coarse - 1, 4 * coarse - 3];

/**
 * The loss plane through θA, θc, θB of the selected stage (Garipov et al. 2018): clean and
 * poisoned cross-entropy on an on-demand grid, coarse first, refined while the user watches.
 */
export function LossPlane({ actions }: { actions: AppActions }) {
  const plane = useAppStore((s) => s.plane);
  const settings = useAppStore((s) => s.planeSettings);
  const update = useAppStore((s) => s.updatePlaneSettings);
  const selected = useAppStore((s) => s.selected);
  const defense = useAppStore((s) => s.trace?.defense ?? s.settings.defense);
  const stageDone = useAppStore((s) => s.stages.some((r) => r.round === s.selected.round && r.stage === s.selected.stage));
  const backend = useAppStore((s) => s.backend?.name);
  const training = useAppStore((s) => s.status === 'running' && s.paused === null);
  const [hoverAt, setHoverAt] = useState<{ key: string; cell: [number, number] } | null>(null);
  const result = plane?.result ?? null;
  // grid indices mean nothing on another grid (refined, or a new request): a hover is kept with its grid's key
  const gridKey = result ? `${result.requestId}/${result.grid.n}` : '';
  const hover = hoverAt?.key === gridKey ? hoverAt.cell : null;
  const setHover = (cell: [number, number] | null) => setHoverAt(cell && { key: gridKey, cell });
  const computing = plane?.status === 'computing';
  const levels = result ? `${result.grid.n}×${result.grid.n}` : '';
  const restored = useAppStore((s) => s.restored !== null);
  const reason = restored
    ? 'This run was restored from an earlier visit without its weights: run it again to compute its loss plane.'
    : !stageDone
      ? 'Run a defense: the plane needs a fitted curve of the selected stage.'
      : defense === 'line'
        ? 'The straight line spans no plane: pick TSC or MCR.'
        : training
          ? 'Pause the run (or let it finish) first: the plane and the training would share the backend.'
          : null;
  const hovered = result && hover ? { x: result.grid.xs[hover[0]], y: result.grid.ys[hover[1]] } : null;

  return (
    <section className="panel" aria-labelledby="plane-heading" data-testid="loss-plane">
      <h2 id="plane-heading">Loss plane through θA, θc, θB</h2>
      <p className="muted">
        The plane spanned by the curve's two ends and its control point (Garipov et al., 2018): x runs along θB − θA, y towards θc, both in weight-space
        distance (one unit on both axes unless unticked below). The Bézier curve θ(t) lies in this plane; the dashed line is the untrained straight line.
      </p>
      <div className="plane-controls">
        <label className="field field-inline">
          <span>coarse grid</span>
          <select
            data-testid="plane-coarse"
            value={settings.coarse}
            disabled={computing}
            onChange={(e) => update({ coarse: Number(e.target.value), finest: 2 * Number(e.target.value) - 1 })}
          >
            {[5, 7, 11, 15].map((o) => (
              <option key={o} value={o}>{`${o}×${o}`}</option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>then refine to</span>
          <select data-testid="plane-finest" value={settings.finest} disabled={computing} onChange={(e) => update({ finest: Number(e.target.value) })}>
            {refineOptions(settings.coarse).map((o, k) => (
              <option key={o} value={o}>
                {k === 0 ? 'no refinement' : `${o}×${o}`}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>margin</span>
          <select data-testid="plane-margin" value={settings.margin} disabled={computing} onChange={(e) => update({ margin: Number(e.target.value) })}>
            {[0.1, 0.25, 0.5, 1].map((o) => (
              <option key={o} value={o}>
                {`${o * 100} %`}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>test images / point</span>
          <select data-testid="plane-samples" value={settings.samples} disabled={computing} onChange={(e) => update({ samples: Number(e.target.value) })}>
            {[100, 250, 500, 1000, 2000].map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-check" title="Off: y is stretched to the three points, a zoom onto the curve when θc lies close to the line θA–θB">
          <input
            type="checkbox"
            data-testid="plane-equal-axes"
            checked={settings.equalAxes}
            disabled={computing}
            onChange={(e) => update({ equalAxes: e.target.checked })}
          />{' '}
          equal units on x and y
        </label>
        <button
          className="primary"
          data-testid="plane-compute-button"
          disabled={reason !== null}
          title={reason ?? undefined}
          onClick={() => actions.lossPlane(selected.round, selected.stage)}
        >
          Compute for round {selected.round}, stage {selected.stage}
        </button>
        <button onClick={() => actions.cancelPlane()} disabled={!computing}>
          Cancel
        </button>
      </div>
      {reason && <p className="muted">{reason}</p>}
      {plane && (
        <div className="plane-status" data-testid="plane-status" data-status={plane.status}>
          {computing && <progress data-testid="plane-progress" max={result?.total ?? 1} value={result?.done ?? 0} aria-label="Loss plane progress" />}
          <span>
            round {plane.round}, stage {plane.stage}
            {result && ` · ${levels} grid · ${result.done}/${result.total} points`}
            {computing && (result && result.done > 0 ? ' · refining…' : ' · starting…')}
            {plane.status === 'cancelled' && ' · cancelled'}
          </span>
          {plane.status === 'failed' && (
            <div className="error" role="alert">
              {plane.error}
            </div>
          )}
        </div>
      )}
      {result && (
        <>
          <div className="plane-maps">
            {METRICS.map((m) => (
              <PlaneHeatmap key={m.metric} {...m} result={result} hover={hover} onHover={setHover} />
            ))}
          </div>
          <p className="plane-readout" data-testid="plane-readout" aria-live="polite">
            {hovered && hover
              ? `x = ${hovered.x.toFixed(2)}, y = ${hovered.y.toFixed(2)}: clean loss ${fmt(cellValue(result.grid, 'clean', ...hover))} · poisoned loss ${fmt(cellValue(result.grid, 'poisoned', ...hover))} nats`
              : 'Hover a heatmap to read the losses at a point. ● θA, θB ends · □ control point θc · ◆ output t · ○ current t'}
          </p>
          <p className="muted small">
            Measured in this page on {backend ?? '?'}: cross-entropy per point on {result.cleanCount} clean and {result.poisonedCount} triggered non-target test
            images; {result.done} points in {result.seconds.toFixed(1)} s. |θB − θA| = {result.coords.b[0].toFixed(2)}.
          </p>
        </>
      )}
    </section>
  );
}
