// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { settingsCaption } from '../../app/export-caption';
import { useAppStore } from '../../store/store';
import { LossCurve } from '../loss-curve/LossCurve';
import { ResultsTable } from '../ResultsTable';
import { entry, trace } from '../test/fixtures';
import { curveFigureSvg } from './CurveExport';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function mount(node: React.ReactNode) {
  const host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  act(() => root.render(node));
  return { host, unmount: () => act(() => root.unmount()) };
}

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ models: [entry], selectedModelId: entry.id });
  useAppStore.getState().importTrace(trace, 'fixture.json', 1);
});

describe('figure export', () => {
  it('the loss-curve SVG is a standalone document with a title, both plots and their axes, the legend and the settings caption', () => {
    const { host, unmount } = mount(<LossCurve />);
    const svg = curveFigureSvg(host.querySelector('figure'), trace, settingsCaption(trace));
    unmount();
    const doc = new DOMParser().parseFromString(svg.markup, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.querySelector('title')?.textContent).toBe('Loss and ACC/ASR along θ(t): mnist-mlp-badnet, TSC');
    const texts = [...root.querySelectorAll('text')].map((t) => t.textContent ?? '');
    expect(texts).toContain('cross-entropy (nats)'); // the loss plot's y axis title
    expect(texts).toContain('ACC / ASR'); // the rate plot's
    expect(texts.filter((t) => t === 'curve index t').length).toBe(2);
    expect(texts).toContain('poisoned: triggered → target (loss, ASR)');
    expect(texts.some((t) => t.includes('3 rounds · t = 0.4 · curve 200 epochs'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Measured on webgl: ACC 97.0 % → 94.0 %'))).toBe(true);
    expect(root.querySelectorAll('svg').length).toBe(2);
    expect(svg.height).toBeGreaterThan(Number(root.querySelectorAll('svg')[1].getAttribute('y')));
  });

  it('each panel has an Export menu of labelled buttons; the results say the run was imported', () => {
    const { host, unmount } = mount(
      <>
        <LossCurve />
        <ResultsTable />
      </>,
    );
    const labels = [...host.querySelectorAll('[data-testid^="export-menu-"] button')].map((b) => b.textContent);
    expect(labels).toEqual([
      'Loss curves (SVG)',
      'Loss curves (PNG, 2×)',
      'Curve table (CSV)',
      'Trace (JSON, can be imported again)',
      'Results table (CSV)',
      'Purified model (tfjs Layers: model.json + weights)',
    ]);
    // an imported run has no weights in the worker
    expect(host.querySelector<HTMLButtonElement>('[data-testid="export-model"]')?.disabled).toBe(true);
    expect(host.querySelector('summary')?.textContent).toBe('Export');
    expect(host.querySelector('[data-testid="imported-note"]')?.textContent).toContain('Imported from fixture.json');
    expect(host.querySelector('[data-testid="restored-note"]')).toBeNull();
    unmount();
  });
});
