import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../engine/trace';
import { STORED_RUN_VERSION, parseStoredRun, toStoredRun, type ArchivedRun } from './stored-run';
import { parseTracePack } from './trace-pack';

// A real trace: the small pack the engine tests verify (src/engine/trace-pack/fixtures/), decoded.
const pack = parseTracePack(readFileSync(join(import.meta.dirname, '../engine/trace-pack/fixtures/mnist-cnn-badnet.tsc.json'), 'utf8'));
if (!pack.ok) throw new Error(pack.message);
const trace: Trace = pack.pack.trace;
const run: ArchivedRun = { savedAt: 1_700_000_000_000, modelId: trace.model, trace };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach into arbitrary fields of the record to spoil them
type Json = any;
const PERM_SIZE = trace.rounds[0].stages[1].permutation?.layers[0].size ?? 0;
const fresh = (): Json => structuredClone(toStoredRun(run));
const unreadable = (detail: string) => `The run saved on your last visit could not be read (${detail}) and was discarded.`;
const OTHER_VERSION = 'The run saved on your last visit is from another version of this page and was discarded.';

describe('parseStoredRun', () => {
  it('accepts what saveLastRun writes, versioned, and gives back the run', () => {
    expect(fresh().version).toBe(STORED_RUN_VERSION);
    expect(parseStoredRun(fresh())).toEqual({ ok: true, run });
  });

  it('nothing stored is no run and no message', () => {
    expect(parseStoredRun(undefined)).toEqual({ ok: true, run: null });
  });

  it('a record from before versioning (no version) is migrated and kept', () => {
    const old = fresh();
    delete old.version;
    expect(parseStoredRun(old)).toEqual({ ok: true, run });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'garbage'],
    ['an array', [run]],
  ])('%s: not a record', (_, input) => {
    expect(parseStoredRun(input)).toEqual({ ok: false, message: unreadable('not a record') });
  });

  it.each<[string, (r: Json) => void, string]>([
    ['rounds: [null]', (r) => (r.trace.rounds = [null]), unreadable('at trace.rounds.0: null, expected an object')],
    ['rounds: "x"', (r) => (r.trace.rounds = 'x'), unreadable('at trace.rounds: "x", expected a list')],
    ['no trace', (r) => delete r.trace, unreadable('at trace: missing')],
    ['an unknown defense', (r) => (r.trace.defense = 'evil'), unreadable('at trace.defense: "evil", expected one of tsc, mcr, ft, line, none')],
    [
      'a NaN loss',
      (r) => (r.trace.rounds[0].stages[0].curve[2].cleanLoss = NaN),
      unreadable('at trace.rounds.0.stages.0.curve.2.cleanLoss: NaN, expected a number'),
    ],
    [
      'a path as model id',
      (r) => (r.modelId = '../etc'),
      unreadable('at modelId: "../etc", expected a model id (letters, digits, ".", "_" or "-", at most 100)'),
    ],
    [
      'a permutation of the wrong size',
      (r) => r.trace.rounds[0].stages[1].permutation.layers[0].perm.pop(),
      unreadable(`trace.rounds[0].stages[1].permutation.layers[0].perm has ${PERM_SIZE - 1} values, expected ${PERM_SIZE}`),
    ],
    ['a newer record version', (r) => (r.version = STORED_RUN_VERSION + 1), OTHER_VERSION],
    ['an older trace version', (r) => (r.trace.version = 0), OTHER_VERSION],
  ])('%s: rejected with one line', (_, spoil, message) => {
    const record = fresh();
    spoil(record);
    expect(parseStoredRun(record)).toEqual({ ok: false, message });
  });
});
