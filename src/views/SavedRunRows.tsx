import type { UserModelEntry } from '../engine/zoo';
import type { HistorySummary } from '../schema/run-history';
import { COMPARED_DEFENSES } from './defense-comparison-data';
import { formatPercent } from './format';

/** At most this many of the model's saved runs join the table (newest first); the rest stay under Your runs. */
export const MAX_SAVED_ROWS = 8;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** A user model before any defense, as measured when it was imported or trained: the table's "no defense" row. */
export function UserModelBaselineRow({ entry }: { entry: UserModelEntry }) {
  return (
    <tr data-defense="none-user" data-testid="user-baseline-row">
      <td>no defense</td>
      <td className="muted">your {entry.origin} model</td>
      <td className="num clean">{formatPercent(entry.cleanAccuracy)}</td>
      <td className="num poisoned">{formatPercent(entry.attackSuccessRate)}</td>
      <td className="muted">
        measured when {entry.origin} ({entry.evaluatedOn.backend})
      </td>
    </tr>
  );
}

/** The user's saved runs of the selected model (TSC, MCR, FT, …), newest first, as rows of the defense table beside the precomputed ones. */
export function SavedRunRows({ runs }: { runs: HistorySummary[] }) {
  return (
    <>
      {runs.slice(0, MAX_SAVED_ROWS).map((r) => {
        const defense = COMPARED_DEFENSES.find((d) => d.kind === r.defense);
        return (
          <tr key={r.id} data-defense={`${r.defense}-saved`} data-testid="saved-run-row">
            <td>
              {defense?.name ?? r.defense.toUpperCase()} <span className="muted">“{r.name}”</span>
            </td>
            <td className="muted">{defense?.startsFrom ?? 'the backdoored model'}</td>
            <td className="num clean">{formatPercent(r.after.acc)}</td>
            <td className="num poisoned">{formatPercent(r.after.asr)}</td>
            <td className="muted">
              your run, {day(r.savedAt)} UTC ({r.backend})
            </td>
          </tr>
        );
      })}
    </>
  );
}
