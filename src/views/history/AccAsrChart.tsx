import { scaleLinear, symbol } from 'd3';
import { useMemo, useState } from 'react';
import { bundledResults, type DefenseResult } from '../../app/results-bundle';
import { useAppStore } from '../../store/store';
import { AccAsrExport } from '../export/AccAsrExport';
import { COLORS } from '../palette';
import { PLOT_MARGIN as M } from '../plot-helpers';
import { AccAsrAxes } from './AccAsrAxes';
import { accAsrPoints } from './acc-asr-points';
import { defenseMarks } from './defense-marks';

const W = 460;
const H = 340;
const ALL = '';

interface Props {
  zoo?: DefenseResult[];
  /** bundled files that failed validation, shown under the chart */
  problems?: string[];
}

/**
 * Clean ACC (y) against ASR (x) after each defense, one mark per model × defense: the zoo's
 * measured results/ filled, the user's saved runs hollow. Top left is the goal.
 */
export function AccAsrChart({ zoo = bundledResults.results, problems = bundledResults.problems }: Props) {
  const history = useAppStore((s) => s.history);
  const [model, setModel] = useState(ALL);
  const all = useMemo(() => accAsrPoints(zoo, history), [zoo, history]);
  const models = useMemo(() => [...new Set(all.map((p) => p.model))].sort(), [all]);
  const points = model === ALL ? all : all.filter((p) => p.model === model);
  const marks = useMemo(() => defenseMarks(all.map((p) => p.defense)), [all]);
  const minAcc = Math.min(0.8, ...points.map((p) => p.acc));
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, 1])
        .range([M.left, W - M.right]),
    [],
  );
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([Math.floor(minAcc * 10) / 10, 1])
        .range([H - M.bottom, M.top])
        .nice(),
    [minAcc],
  );
  return (
    <section className="panel" aria-labelledby="acc-asr-heading" data-testid="acc-asr-chart">
      <h2 id="acc-asr-heading">ACC vs ASR after each defense</h2>
      <label>
        model{' '}
        <select value={model} onChange={(e) => setModel(e.target.value)}>
          <option value={ALL}>all models</option>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <AccAsrExport points={points} model={model} legend={[...marks].map(([, m]) => ({ label: m.label, color: m.color }))} />
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="plot acc-asr-plot"
        role="img"
        aria-label="Clean accuracy against attack success rate, one mark per model and defense"
      >
        <AccAsrAxes x={x} y={y} left={M.left} bottom={H - M.bottom} />
        {points.map((p) => {
          const mark = marks.get(p.defense);
          const yours = p.source === 'yours';
          return (
            <path
              key={p.key}
              data-testid="acc-asr-mark"
              data-defense={p.defense}
              data-model={p.model}
              data-source={p.source}
              transform={`translate(${x(p.asr)},${y(p.acc)})`}
              d={symbol(mark?.symbol, yours ? 90 : 60)() ?? ''}
              fill={yours ? COLORS.paper : mark?.color}
              stroke={mark?.color}
              strokeWidth={yours ? 2 : 1}
              fillOpacity={yours ? 1 : 0.8}
            >
              <title>{p.title}</title>
            </path>
          );
        })}
        <text x={14} y={H / 2} transform={`rotate(-90 14 ${H / 2})`} fontSize={12} textAnchor="middle">
          clean ACC
        </text>
        <text x={W - M.right} y={H - 4} fontSize={12} textAnchor="end">
          ASR (lower is better)
        </text>
      </svg>
      <ul className="legend acc-asr-legend" aria-label="legend">
        {[...marks].map(([defense, m]) => (
          <li key={defense} data-testid="acc-asr-legend">
            <svg width={14} height={14} aria-hidden="true">
              <path transform="translate(7,7)" d={symbol(m.symbol, 60)() ?? ''} fill={m.color} />
            </svg>{' '}
            {m.label}
          </li>
        ))}
        <li>filled: the zoo (results/)</li>
        <li>hollow: your saved runs</li>
      </ul>
      {problems.map((p) => (
        <p key={p} className="muted" role="note">
          {p}
        </p>
      ))}
    </section>
  );
}
