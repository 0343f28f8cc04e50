import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTracePack } from './trace-pack';

// The small pack the engine tests verify (src/engine/trace-pack/fixtures/).
const TEXT = readFileSync(join(import.meta.dirname, '../engine/trace-pack/fixtures/mnist-cnn-badnet.tsc.json'), 'utf8');
const fresh = () => JSON.parse(TEXT) as Json;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach into arbitrary fields of the JSON to spoil them
type Json = any;
const REGEN = 'regenerate it with `npm run traces`.';

describe('parseTracePack', () => {
  it('accepts a pack the engine wrote and decodes it', () => {
    const result = parseTracePack(TEXT, 'x.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.trace.model).toBe('mnist-cnn-badnet');
    const layer = result.pack.trace.rounds[0]?.stages[0]?.permutation?.layers[0];
    expect(layer?.correlation?.length).toBe((layer?.corrSize ?? 0) ** 2);
    expect(result.pack.predictions[0]?.clean.length).toBe(result.pack.predictionTs.length);
  });

  it.each<[string, unknown, string]>([
    ['not JSON', '{"format": "tsc-trace-pack", ', `x.json is not valid JSON; ${REGEN}`],
    ['JSON but not a pack', '{"hello": 1}', 'x.json is not a TSC trace pack (no "format": "tsc-trace-pack").'],
    ['null', 'null', 'x.json is not a TSC trace pack (no "format": "tsc-trace-pack").'],
    ['a newer version', { ...fresh(), version: 2 }, `x.json is trace pack version 2; this app reads version 1: ${REGEN}`],
  ])('%s: a clear message', (_, input, message) => {
    expect(parseTracePack(input, 'x.json')).toEqual({ ok: false, message });
  });

  it.each<[string, (p: Json) => void, RegExp]>([
    ['NaN loss', (p) => (p.trace.rounds[0].stages[0].curve[3].poisonedLoss = NaN), /malformed at trace\.rounds\.0\.stages\.0\.curve\.3\.poisonedLoss/],
    ['ASR above 1', (p) => (p.trace.after.asr = 1.5), /malformed at trace\.after\.asr/],
    ['unknown defense', (p) => (p.trace.defense = 'evil'), /malformed at trace\.defense/],
    ['script in a blob', (p) => (p.samples.clean.data = '<script>'), /malformed at samples\.clean\.data: "<script>", expected base64 text/],
    ['missing trace', (p) => delete p.trace, /malformed at trace/],
    [
      'short correlation',
      (p) => (p.trace.rounds[0].stages[0].permutation.layers[0].corrSize = 3),
      /wrong shapes: trace\.rounds\[0\]\.stages\[0\]\.permutation\.layers\[0\]\.correlation has \d+ values, expected 9/,
    ],
    ['predictions for fewer t', (p) => p.predictionTs.pop(), /wrong shapes: predictions\[0\]\.clean has \d+ values, expected \d+/],
    [
      'perm of the wrong size',
      (p) => p.trace.rounds[0].stages[1].permutation.layers[1].perm.pop(),
      /wrong shapes: trace\.rounds\[0\]\.stages\[1\]\.permutation\.layers\[1\]\.perm has \d+ values/,
    ],
    ['blob shorter than it says', (p) => (p.samples.clean.length += 1), /wrong shapes: samples\.clean has \d+ values/],
    ['bytes disagree with length', (p) => (p.samples.clean.data = p.samples.clean.data.slice(0, 8)), /could not be decoded: uint8 blob: 6 bytes/],
  ])('%s: rejected, naming where', (_, spoil, message) => {
    const pack = fresh();
    spoil(pack);
    const result = parseTracePack(JSON.stringify(pack), 'x.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
