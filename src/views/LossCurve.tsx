import { axisBottom, axisLeft, line as d3line, scaleLinear, select, type AxisScale, type ScaleLinear } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CurvePointRecord } from '../engine/evaluate';
import { useAppStore } from '../store/store';
import { COLORS } from './palette';
import { stageKey } from '../engine/trace';
import { lossScale, tFromX, type Metric } from './plot-helpers';

const W = 720;
const H_TOP = 250;
const H_BOTTOM = 150;
const M = { left: 56, right: 16, top: 14, bottom: 34 };

/** Left and bottom axes of one plot, drawn by D3 into a React-owned group. */
function drawAxes(g: SVGGElement | null, x: ScaleLinear<number, number>, y: AxisScale<number>, height: number, yFormat: string | undefined): void {
  if (!g) return;
  select(g)
    .selectAll<SVGGElement, null>('g.y')
    .data([null])
    .join('g')
    .attr('class', 'y axis')
    .attr('transform', `translate(${M.left},0)`)
    .call(axisLeft(y).ticks(5, yFormat));
  select(g)
    .selectAll<SVGGElement, null>('g.x')
    .data([null])
    .join('g')
    .attr('class', 'x axis')
    .attr('transform', `translate(0,${height - M.bottom})`)
    .call(axisBottom(x).ticks(10));
}

interface Series {
  key: string;
  round: number;
  stage: number;
  points: CurvePointRecord[];
  line: CurvePointRecord[];
  live: boolean;
}

/**
 * Loss (top) and ACC/ASR (bottom) along t for every stage's curve: clean always blue, poisoned
 * always vermillion; the selected stage is drawn strong with its untrained straight line dashed,
 * the others faint. The vertical marker is the store's t and can be dragged.
 */
export function LossCurve() {
  const stages = useAppStore((s) => s.stages);
  const live = useAppStore((s) => s.liveCurves);
  const selected = useAppStore((s) => s.selected);
  const outputT = useAppStore((s) => s.settings.t);
  const viewT = useAppStore((s) => s.viewT);
  const setViewT = useAppStore((s) => s.setViewT);
  const selectStage = useAppStore((s) => s.selectStage);
  const [logScale, setLogScale] = useState(true);
  const topRef = useRef<SVGGElement>(null);
  const bottomRef = useRef<SVGGElement>(null);

  const series: Series[] = useMemo(() => {
    const done = stages.map((s) => ({ key: stageKey(s.round, s.stage), round: s.round, stage: s.stage, points: s.curve, line: s.line, live: false }));
    const growing = Object.entries(live)
      .filter(([key]) => !done.some((d) => d.key === key))
      .map(([key, points]) => {
        const [round, stage] = key.split('/').map(Number);
        return { key, round, stage, points, line: [], live: true };
      });
    return [...done, ...growing];
  }, [stages, live]);

  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, 1])
        .range([M.left, W - M.right]),
    [],
  );
  const yLoss = useMemo(
    () =>
      lossScale(
        series.flatMap((s) => [...s.points, ...s.line].flatMap((p) => [p.cleanLoss, p.poisonedLoss])),
        logScale,
        [H_TOP - M.bottom, M.top],
      ),
    [series, logScale],
  );
  const yRate = useMemo(
    () =>
      scaleLinear()
        .domain([0, 1])
        .range([H_BOTTOM - M.bottom, M.top]),
    [],
  );

  useEffect(() => {
    drawAxes(topRef.current, x, yLoss, H_TOP, logScale ? '~g' : undefined);
    drawAxes(bottomRef.current, x, yRate, H_BOTTOM, '.0%');
  }, [x, yLoss, yRate, logScale, series.length]);

  const path = (points: CurvePointRecord[], metric: Metric, y: (v: number) => number) =>
    d3line<CurvePointRecord>()
      .x((p) => x(p.t))
      .y((p) => y(p[metric]))(points) ?? '';

  const selKey = stageKey(selected.round, selected.stage);
  const onDrag = (ev: React.PointerEvent<SVGSVGElement>) => {
    if (ev.buttons !== 1 && ev.type !== 'pointerdown') return;
    const svg = ev.currentTarget;
    const box = svg.getBoundingClientRect();
    setViewT(tFromX(((ev.clientX - box.left) / box.width) * W, x));
  };

  const lines = (metrics: [Metric, string][], y: (v: number) => number, withPoints: boolean) =>
    series.map((s) => {
      const isSel = s.key === selKey;
      return (
        <g key={s.key} opacity={isSel ? 1 : 0.28} onClick={() => selectStage(s.round, s.stage)} style={{ cursor: 'pointer' }}>
          {isSel &&
            s.line.length > 0 &&
            metrics.map(([m, color]) => (
              <path key={`line-${m}`} d={path(s.line, m, y)} fill="none" stroke={color} strokeWidth={1.5} strokeDasharray="5 4" opacity={0.7} />
            ))}
          {metrics.map(([m, color]) => (
            <path key={m} d={path(s.points, m, y)} fill="none" stroke={color} strokeWidth={isSel ? 3 : 1.5} />
          ))}
          {withPoints &&
            metrics.map(([m, color]) =>
              s.points.map((p) => (
                <circle
                  key={`${m}-${p.t}`}
                  className="curve-point"
                  data-round={s.round}
                  data-stage={s.stage}
                  data-series={m}
                  data-t={p.t}
                  data-value={p[m]}
                  data-live={s.live ? 'true' : 'false'}
                  cx={x(p.t)}
                  cy={y(p[m])}
                  r={isSel ? 3.5 : 2}
                  fill={color}
                />
              )),
            )}
          <title>{`round ${s.round}, stage ${s.stage}${s.live ? ' (training…)' : ''}`}</title>
        </g>
      );
    });

  /** One plot: axes group, the stage lines, the t markers, and axis titles. */
  const panel = (
    height: number,
    ref: React.RefObject<SVGGElement | null>,
    metrics: [Metric, string][],
    y: (v: number) => number,
    withPoints: boolean,
    yLabel: string,
    aria: string,
  ) => (
    <svg viewBox={`0 0 ${W} ${height}`} className="plot" onPointerDown={onDrag} onPointerMove={onDrag} role="img" aria-label={aria}>
      <g ref={ref} />
      {lines(metrics, y, withPoints)}
      {marker(height)}
      <text x={14} y={height / 2} transform={`rotate(-90 14 ${height / 2})`} fontSize={12} textAnchor="middle">
        {yLabel}
      </text>
      <text x={W - M.right} y={height - 4} fontSize={12} textAnchor="end">
        curve index t
      </text>
    </svg>
  );

  /** the output t (dashed; labelled in the loss panel only, where it does not sit on the 100 % ASR line) and the current t */
  const marker = (height: number) => (
    <>
      <line x1={x(outputT)} x2={x(outputT)} y1={M.top} y2={height - M.bottom} stroke={COLORS.muted} strokeDasharray="2 3" />
      {height === H_TOP && (
        <text x={x(outputT) + 4} y={M.top + 10} fontSize={11} fill={COLORS.muted}>
          output t = {outputT}
        </text>
      )}
      <line x1={x(viewT)} x2={x(viewT)} y1={M.top} y2={height - M.bottom} stroke="#111827" strokeWidth={2} />
    </>
  );

  return (
    <figure className="loss-curve" data-testid="loss-curve">
      <div className="plot-toolbar">
        <label>
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> log-scale loss
        </label>
        <span className="legend">
          <span className="swatch" style={{ background: COLORS.clean }} /> clean
          <span className="swatch" style={{ background: COLORS.poisoned }} /> poisoned (triggered → target)
          <span className="swatch dashed" /> untrained straight line
        </span>
      </div>
      {series.length === 0 ? (
        <p className="muted plot-empty">Run a defense to draw the loss along the Bézier curve θ(t), t ∈ [0, 1].</p>
      ) : (
        <>
          {panel(
            H_TOP,
            topRef,
            [
              ['cleanLoss', COLORS.clean],
              ['poisonedLoss', COLORS.poisoned],
            ],
            yLoss,
            true,
            'cross-entropy (nats)',
            'Cross-entropy loss along the curve',
          )}
          {panel(
            H_BOTTOM,
            bottomRef,
            [
              ['acc', COLORS.clean],
              ['asr', COLORS.poisoned],
            ],
            yRate,
            false,
            'ACC / ASR',
            'Accuracy and attack success rate along the curve',
          )}
        </>
      )}
    </figure>
  );
}
