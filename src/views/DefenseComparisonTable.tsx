import { useEffect } from 'react';
import { isUserModel } from '../engine/zoo';
import { selectedEntry, useAppStore } from '../store/store';
import { formatPercent } from './format';
import { SavedRunRows, UserModelBaselineRow } from './SavedRunRows';
import { TrapReplacePageRow } from './trap-replace/TrapReplacePageRow';
import { bundledResults, COMPARED_DEFENSES, comparisonRows, type DefenseResult } from './defense-comparison-data';

/**
 * No defense, TSC, MCR, FT and Trap and Replace on the selected zoo model, as npm run results
 * measured them (results/*.json). Trap and Replace is a training-time defense: it needs the poisoned
 * training set, which the page rebuilds from a zoo or page-trained model's recipe: its row from this page
 * (src/views/trap-replace/TrapReplacePanel.tsx) follows the precomputed one once it has run.
 * The user's saved runs of the model (TSC, MCR, FT from the run history) follow, so a model the zoo has never
 * seen gets its comparison too. A file that fails validation is left out; the ACC vs ASR chart (src/views/history/AccAsrChart.tsx) names it.
 */
export function DefenseComparisonTable({ results = bundledResults }: { results?: { results: DefenseResult[] } }) {
  const model = useAppStore((s) => s.selectedModelId);
  const rows = comparisonRows(model, results.results);
  const pageTrapReplace = useAppStore((s) => s.trapReplaceResults[model]);
  const loadTrapReplaceResults = useAppStore((s) => s.loadTrapReplaceResults);
  useEffect(() => void loadTrapReplaceResults(), [loadTrapReplaceResults]);
  const history = useAppStore((s) => s.history);
  const saved = history.filter((r) => r.modelId === model);
  // a user model goes by its name; results/ holds the zoo's models only
  const user = useAppStore((s) => {
    const e = selectedEntry(s);
    return e && isUserModel(e) ? e : null;
  });
  return (
    <section className="panel" data-testid="defense-comparison-table" aria-labelledby="defense-table-heading">
      <h2 id="defense-table-heading">Defenses compared on {user?.name ?? model}</h2>
      {rows.length === 0 && !pageTrapReplace && saved.length === 0 ? (
        <p className="muted">
          {user
            ? 'Your own model: results/ covers the zoo only. Run TSC, MCR or FT on it (Defense panel) or Trap and Replace where its poisoned set is known: each finished run joins this table.'
            : 'No measured results for this model: npm run results writes them.'}
        </p>
      ) : (
        <table className="results">
          <thead>
            <tr>
              <th>defense</th>
              <th>starts from</th>
              <th>clean ACC</th>
              <th>ASR</th>
              <th>measured</th>
            </tr>
          </thead>
          <tbody>
            {user && <UserModelBaselineRow entry={user} />}
            {rows.map((r) => {
              const defense = COMPARED_DEFENSES.find((d) => d.kind === r.defense);
              return (
                <tr key={r.defense} data-defense={r.defense}>
                  <td>{defense?.name}</td>
                  <td className="muted">{defense?.startsFrom}</td>
                  <td className="num clean">{formatPercent(r.after.acc)}</td>
                  <td className="num poisoned">{formatPercent(r.after.asr)}</td>
                  <td className="muted">precomputed (npm run results)</td>
                </tr>
              );
            })}
            {pageTrapReplace && <TrapReplacePageRow result={pageTrapReplace} />}
            <SavedRunRows runs={saved} />
          </tbody>
        </table>
      )}
      <p className="muted" data-testid="trap-replace-note">
        Trap and Replace (Wang et al., NeurIPS 2022) is a training-time defense: it trains a new model from the poisoned training set, so it needs that set
        rather than a given model. Here the set is the zoo recipe&apos;s, rebuilt by npm run trap-replace, or rebuilt in this page by the Trap and Replace
        panel; TSC, MCR and FT start from the backdoored model and a 5 % clean subset. ACC on the clean test split, ASR on its triggered non-target images.
      </p>
    </section>
  );
}
