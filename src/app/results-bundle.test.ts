import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledResults, parseResultFiles } from './results-bundle';

const good = {
  model: 'mnist-mlp-badnet',
  defense: 'trap-replace',
  before: { acc: 0.97, asr: 1 },
  after: { acc: 0.95, asr: 0.02 },
  wallSeconds: 3,
  backend: 'wasm',
};

describe('the bundled results', () => {
  it('every results/*.json is bundled and valid', () => {
    const files = readdirSync('results').filter((f) => f.endsWith('.json'));
    expect(bundledResults.problems).toEqual([]);
    expect(bundledResults.results).toHaveLength(files.length);
    expect(files.length).toBeGreaterThan(0);
  });

  it('any defense name is kept; a bad file is left out with a message naming it', () => {
    const { results, problems } = parseResultFiles({
      '../../results/a.trap-replace.json': { ...good, extra: 'dropped' },
      '../../results/b.tsc.json': { ...good, defense: 'tsc', after: { acc: 1.5, asr: 0 } },
      '../../results/c.json': 'garbage',
    });
    expect(results).toEqual([good]);
    expect(problems).toEqual([
      'results/b.tsc.json was left out of the ACC vs ASR chart (at after.acc: 1.5, expected a number ≤ 1).',
      'results/c.json was left out of the ACC vs ASR chart (at the top: "garbage", expected an object).',
    ]);
  });
});
