import type { AppActions } from '../app/actions';
import { showsImported } from '../store/slices/imported';
import { useAppStore } from '../store/store';
import { ImportedNote } from './export/ImportedNote';
import { ResultsExport } from './export/ResultsExport';
import type { AccAsr } from '../engine/trace';
import { formatCount, formatPercent } from './format';
import { PrecomputedLabel } from './PrecomputedLabel';
import { AsrTriggerNote } from './trigger/AsrTriggerNote';

/** ACC / ASR of the backdoored model and of every intermediate and final model of the run. */
export function ResultsTable({ actions }: { actions?: AppActions }) {
  const trace = useAppStore((s) => s.trace);
  const rounds = useAppStore((s) => s.rounds);
  const stages = useAppStore((s) => s.stages);
  const status = useAppStore((s) => s.status);
  const restored = useAppStore((s) => s.restored);
  const imported = useAppStore((s) => (showsImported(s) ? s.imported : null));
  const precomputed = useAppStore((s) => s.precomputed !== null);
  if (stages.length === 0 && !trace) return null;
  const rows: [string, AccAsr][] = [];
  if (trace) rows.push(['backdoored model (no defense)', trace.before]);
  for (const s of stages)
    rows.push([`round ${s.round} · ${s.kind === 'unalign-connect' ? 'θ_t1' : s.kind === 'align-connect' ? 'θ_t2' : s.kind} at t = ${s.output.t}`, s.output]);
  for (const r of rounds) if (r.finetuned) rows.push([`round ${r.round} · θ_t2 after inter-round fine-tuning`, r.finetuned]);
  if (trace) rows.push([`final (${trace.defense.toUpperCase()})`, trace.after]);
  return (
    <section className="panel" aria-labelledby="results-heading">
      <h2 id="results-heading">Results {status === 'running' && <span className="muted">(growing)</span>}</h2>
      <PrecomputedLabel where="results" withReason />
      <AsrTriggerNote />
      <ResultsExport actions={actions} />
      <table className="results" data-testid="results-table">
        <thead>
          <tr>
            <th>model</th>
            <th>clean ACC</th>
            <th>ASR</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, m], k) => (
            <tr key={k}>
              <td>{label}</td>
              <td className="num clean">{formatPercent(m.acc)}</td>
              <td className="num poisoned">{formatPercent(m.asr)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trace && (
        <p className="footnote">
          {precomputed ? `All measured in Node on ${trace.backend}` : `All measured in this page on ${trace.backend}`}: ACC on{' '}
          {formatCount(trace.testSet.clean)} clean test images, ASR on {formatCount(trace.testSet.poisoned)} triggered non-target images; curves on{' '}
          {formatCount(trace.evalSubset.clean)} + {formatCount(trace.evalSubset.poisoned)}; clean subset D_c = {formatCount(trace.cleanSubsetSize)} images;{' '}
          {trace.wallSeconds.toFixed(0)} s.
          {imported && <ImportedNote trace={trace} fileName={imported.fileName} />}
          {restored && !imported && (
            <strong data-testid="restored-note">
              {' '}
              Restored from a {trace.model} run saved {new Date(restored.savedAt).toLocaleString()}; θ(t) previews and the loss plane need a new run.
            </strong>
          )}
        </p>
      )}
    </section>
  );
}
