import * as v from 'valibot';
import { TRACE_VERSION, type Trace } from '../engine/trace';
import { issueWords } from './explain';
import { isRecord } from './fields';
import { MODEL_ID_RULE, ModelIdSchema } from './settings';
import { finite, traceSchema, traceShapeErrors } from './trace';

/**
 * The last finished run as src/store/run-archive.ts keeps it in IndexedDB. Anything read back is
 * checked here first: another tab, an older build or a browser bug may have written it. Bump
 * STORED_RUN_VERSION when this shape changes, and add the step from the previous version to MIGRATIONS.
 */
export const STORED_RUN_VERSION = 1;

export interface ArchivedRun {
  savedAt: number;
  modelId: string;
  trace: Trace;
}

export interface StoredRun extends ArchivedRun {
  version: typeof STORED_RUN_VERSION;
}

const StoredRunSchema = v.object({
  version: v.literal(STORED_RUN_VERSION),
  savedAt: v.pipe(finite, v.minValue(0)),
  modelId: ModelIdSchema,
  // a live run's correlations are plain arrays (src/engine/trace.ts), not a pack's int16 blobs
  trace: traceSchema(v.array(finite)),
});

/** Step k turns version k's record into version k + 1's; the schema checks whatever comes out. */
const MIGRATIONS: Record<number, (record: Record<string, unknown>) => Record<string, unknown>> = {
  // version 0 (before versioning) had the same fields and no `version`
  0: (record) => ({ ...record, version: 1 }),
};

export type StoredRunResult = { ok: true; run: ArchivedRun | null } | { ok: false; message: string };

const WHAT = 'The run saved on your last visit';
const OTHER_VERSION = `${WHAT} is from another version of this page and was discarded.`;

export const toStoredRun = (run: ArchivedRun): StoredRun => ({ version: STORED_RUN_VERSION, ...run });

/** Checks a record read from IndexedDB; `undefined` (nothing saved) is no run. Never throws. */
export function parseStoredRun(input: unknown): StoredRunResult {
  if (input === undefined) return { ok: true, run: null };
  if (!isRecord(input)) return { ok: false, message: `${WHAT} could not be read (not a record) and was discarded.` };
  let record = input;
  const version = input.version ?? 0;
  if (typeof version !== 'number' || version > STORED_RUN_VERSION) return { ok: false, message: OTHER_VERSION };
  for (let k = version; k < STORED_RUN_VERSION; k++) record = MIGRATIONS[k]?.(record) ?? record;
  if (isRecord(record.trace) && record.trace.version !== TRACE_VERSION) return { ok: false, message: OTHER_VERSION };
  const parsed = v.safeParse(StoredRunSchema, record);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const words = issueWords(issue, { modelId: MODEL_ID_RULE });
    return { ok: false, message: `${WHAT} could not be read (at ${v.getDotPath(issue) ?? 'the top'}: ${words}) and was discarded.` };
  }
  const shape = traceShapeErrors(parsed.output.trace)[0];
  if (shape) return { ok: false, message: `${WHAT} could not be read (${shape}) and was discarded.` };
  const { savedAt, modelId, trace } = parsed.output;
  return { ok: true, run: { savedAt, modelId, trace: trace as unknown as Trace } };
}
