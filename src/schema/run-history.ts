import * as v from 'valibot';
import { TRACE_VERSION, type Trace } from '../engine/trace';
import { issueWords } from './explain';
import { isRecord } from './fields';
import { MODEL_ID_RULE, ModelIdSchema } from './settings';
import { finite, traceSchema, traceShapeErrors } from './trace';

/**
 * One finished run in the history that src/store/run-history.ts keeps in IndexedDB. Every record
 * read back is checked here: another tab, an older build or a browser bug may have written it. Bump
 * HISTORY_VERSION when this shape changes.
 */
export const HISTORY_VERSION = 1;

/** What the history list shows of a run, without its trace. */
export interface HistorySummary {
  id: string;
  name: string;
  savedAt: number;
  modelId: string;
  defense: Trace['defense'];
  backend: string;
  wallSeconds: number;
  settings: Trace['settings'];
  before: Trace['before'];
  after: Trace['after'];
}

export interface HistoryRun extends HistorySummary {
  trace: Trace;
}

export interface StoredHistoryRun extends HistoryRun {
  version: typeof HISTORY_VERSION;
}

export const NAME_MAX = 120;

const HistoryRunSchema = v.object({
  version: v.literal(HISTORY_VERSION),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  name: v.pipe(v.string(), v.maxLength(NAME_MAX)),
  savedAt: v.pipe(finite, v.minValue(0)),
  modelId: ModelIdSchema,
  // a live run's correlations are plain arrays (src/engine/trace.ts), as in src/schema/stored-run.ts
  trace: traceSchema(v.array(finite)),
});

export type HistoryRunResult = { ok: true; run: HistoryRun } | { ok: false; message: string };

/** The summary fields come from the trace, so a record cannot disagree with its own trace. */
export const toStoredHistoryRun = ({ id, name, savedAt, modelId, trace }: Pick<HistoryRun, 'id' | 'name' | 'savedAt' | 'modelId' | 'trace'>) => ({
  version: HISTORY_VERSION,
  id,
  name,
  savedAt,
  modelId,
  trace,
});

export const summaryOf = ({ id, name, savedAt, modelId, defense, backend, wallSeconds, settings, before, after }: HistoryRun): HistorySummary => ({
  id,
  name,
  savedAt,
  modelId,
  defense,
  backend,
  wallSeconds,
  settings,
  before,
  after,
});

/** How a notice names a record: its name when readable, else its key. */
const nameOf = (key: string, input: unknown) =>
  isRecord(input) && typeof input.name === 'string' && input.name.length > 0 ? `"${input.name.slice(0, NAME_MAX)}" (${key})` : key;

/** Checks one record read from IndexedDB under `key`. Never throws. */
export function parseHistoryRun(key: string, input: unknown): HistoryRunResult {
  const what = `The saved run ${nameOf(key, input)}`;
  if (!isRecord(input)) return { ok: false, message: `${what} could not be read (not a record) and was left out of the history.` };
  if (input.version !== HISTORY_VERSION || (isRecord(input.trace) && input.trace.version !== TRACE_VERSION))
    return { ok: false, message: `${what} is from another version of this page and was left out of the history.` };
  const parsed = v.safeParse(HistoryRunSchema, input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const words = issueWords(issue, { modelId: MODEL_ID_RULE });
    return { ok: false, message: `${what} could not be read (at ${v.getDotPath(issue) ?? 'the top'}: ${words}) and was left out of the history.` };
  }
  const shape = traceShapeErrors(parsed.output.trace)[0];
  if (shape) return { ok: false, message: `${what} could not be read (${shape}) and was left out of the history.` };
  const { id, name, savedAt, modelId } = parsed.output;
  const trace = parsed.output.trace as unknown as Trace;
  return {
    ok: true,
    run: {
      id,
      name,
      savedAt,
      modelId,
      defense: trace.defense,
      backend: trace.backend,
      wallSeconds: trace.wallSeconds,
      settings: trace.settings,
      before: trace.before,
      after: trace.after,
      trace,
    },
  };
}
