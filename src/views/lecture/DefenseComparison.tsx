import { useAppStore } from '../../store/store';
import { formatDuration, formatPercent } from '../format';
import { DEFENSES, budgetOf, settingsSummary, summariesOf } from './defense-results';

/** A value as a number and a bar (0–100 %), in the clean or poisoned colour. */
function Rate({ value, kind }: { value: number; kind: 'clean' | 'poisoned' }) {
  return (
    <span className={`rate ${kind}`}>
      <span className="rate-bar" style={{ width: `${Math.round(value * 100)}%` }} />
      <b>{formatPercent(value, 1)}</b>
    </span>
  );
}

/** TSC next to MCR and FT on the model on screen: ACC and ASR before → after, from results/*.json. */
export function DefenseComparison() {
  const model = useAppStore((s) => s.selectedModelId);
  const rows = summariesOf(model);
  return (
    <section className="panel defense-comparison" data-testid="defense-comparison" aria-labelledby="defenses-heading">
      <h2 id="defenses-heading">Defenses on {model}</h2>
      {rows.length === 0 ? (
        <p className="muted">No measured results for this model yet: npm run results writes them.</p>
      ) : (
        <>
          <p className="defense-label" data-testid="defense-label">
            measured by npm run results, {settingsSummary(rows)}
          </p>
          <table className="results defenses">
            <thead>
              <tr>
                <th>defense</th>
                <th>clean ACC before → after</th>
                <th>ASR before → after</th>
                <th>training on D_c</th>
                <th>wall</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.defense} data-defense={r.defense}>
                  <th scope="row">{DEFENSES.find((d) => d.kind === r.defense)?.name}</th>
                  <td>
                    <span className="before">{formatPercent(r.before.acc, 1)} →</span> <Rate value={r.after.acc} kind="clean" />
                  </td>
                  <td>
                    <span className="before">{formatPercent(r.before.asr, 1)} →</span> <Rate value={r.after.asr} kind="poisoned" />
                  </td>
                  <td className="budget">{budgetOf(r)}</td>
                  <td className="wall">{r.defense === 'none' ? '–' : formatDuration(r.wallSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
