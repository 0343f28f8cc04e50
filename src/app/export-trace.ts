import * as v from 'valibot';
import { TRACE_VERSION, type Trace } from '../engine/trace';
import { issueWords } from '../schema/explain';
import { isRecord } from '../schema/fields';
import { finite, traceSchema, traceShapeErrors } from '../schema/trace';

/**
 * A trace exported from the page is the Trace itself (src/engine/trace.ts) as JSON: it carries its
 * own `version` (TRACE_VERSION), and the page reads it back with the schema that checks stored runs.
 */
export const traceToJson = (trace: Trace): string => JSON.stringify(trace, null, 1);

/** A full-size run's trace is a few MB; anything far larger is not one. */
export const MAX_TRACE_FILE_CHARS = 64 * 1024 * 1024;

// correlations as plain arrays, as a run in the page has them (src/schema/stored-run.ts does the same)
const TraceFileSchema = traceSchema(v.array(finite));

export type TraceFileResult = { ok: true; trace: Trace } | { ok: false; message: string };

/** Checks an imported trace file's text; the message names the file and, for a bad field, where. Never throws. */
export function parseTraceFile(text: string, fileName: string): TraceFileResult {
  const fail = (why: string): TraceFileResult => ({ ok: false, message: `${fileName} could not be imported: ${why}.` });
  if (text.length > MAX_TRACE_FILE_CHARS) return fail(`it is ${text.length.toLocaleString('en-US')} characters long, more than a trace can be`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('it is not valid JSON');
  }
  if (!isRecord(value) || !('rounds' in value) || !('version' in value)) return fail('it is not a trace exported by this page (no "version" and "rounds")');
  if (value.version !== TRACE_VERSION) return fail(`it is trace version ${String(value.version)}; this page reads version ${TRACE_VERSION}`);
  const parsed = v.safeParse(TraceFileSchema, value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return fail(`at ${v.getDotPath(issue) ?? 'the top'}: ${issueWords(issue)}`);
  }
  const shape = traceShapeErrors(parsed.output)[0];
  if (shape) return fail(shape);
  return { ok: true, trace: parsed.output as unknown as Trace };
}
