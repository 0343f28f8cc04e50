// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseResultFiles } from '../app/results-bundle';
import { useAppStore } from '../store/store';
import { bundledResults } from './defense-comparison-data';
import { DefenseComparisonTable } from './DefenseComparisonTable';
import './test/markup'; // React's act() environment

const result = (defense: string, acc: number, asr: number) => ({
  model: 'mnist-mlp-badnet',
  defense,
  settings: {},
  before: { acc: 0.96, asr: 0.99 },
  after: { acc, asr },
  wallSeconds: 1,
  backend: 'wasm',
  cleanSubsetSize: 400,
  testSet: { clean: 2000, poisoned: 1800 },
});

function mount(results = bundledResults) {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<DefenseComparisonTable results={results} />));
  return { host, unmount: () => act(() => root.unmount()) };
}

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ selectedModelId: 'mnist-mlp-badnet' });
});

describe('defense comparison table (results/*.json)', () => {
  it('every bundled results file passes the schema (src/schema/defense-summary.ts), Trap and Replace included', () => {
    expect(bundledResults.problems).toEqual([]);
    expect(bundledResults.results.some((r) => r.defense === 'trap-replace')).toBe(true);
  });

  it('lists the defenses in order with their after-ACC/ASR, says Trap and Replace needs the poisoned set, leaves out a bad file', () => {
    const parsed = parseResultFiles({
      'results/a.trap-replace.json': result('trap-replace', 0.9, 0.05),
      'results/a.none.json': result('none', 0.96, 0.99),
      'results/a.tsc.json': result('tsc', 0.95, 0.02),
      'results/bad.json': { ...result('ft', 1.5, 0), model: 'mnist-mlp-badnet' },
    });
    const { host, unmount } = mount(parsed);
    const rows = [...host.querySelectorAll('tr[data-defense]')].map((tr) => [
      tr.getAttribute('data-defense'),
      ...[...tr.querySelectorAll('td.num')].map((td) => td.textContent),
    ]);
    expect(rows).toEqual([
      ['none', '96.00%', '99.00%'],
      ['tsc', '95.00%', '2.00%'],
      ['trap-replace', '90.00%', '5.00%'],
    ]);
    expect(host.querySelector('[data-testid="trap-replace-note"]')?.textContent).toMatch(/training-time defense.*poisoned training set/);
    expect(parsed.problems).toHaveLength(1); // the bad FT file: no ft row above
    unmount();
  });

  it('says so when the model has no results', () => {
    useAppStore.setState({ selectedModelId: 'no-such-model' });
    const { host, unmount } = mount();
    expect(host.textContent).toContain('No measured results for this model');
    unmount();
  });
});
