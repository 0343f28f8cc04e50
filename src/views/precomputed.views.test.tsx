// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppActions } from '../app/actions';
import { useAppStore } from '../store/store';
import { testPack } from '../store/test/pack';
import { LossPlane } from './loss-plane/LossPlane';
import { precomputedLabel } from './precomputed-label';
import { ResultsTable } from './ResultsTable';
import { RunPanel } from './run-panel/RunPanel';
import { SamplesGrid } from './SamplesGrid';
import { TControl } from './TControl';
import { entry } from './test/fixtures';
import './test/markup'; // React's act() environment

const actions = { preview: vi.fn(), runLive: vi.fn(), run: vi.fn(), lossPlane: vi.fn() } as unknown as AppActions;
const LABEL = 'precomputed in Node (wasm), 2025-11-23, 1 round × 3 curve epochs, t = 0.3';

function mount(node: React.ReactNode) {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(node));
  return { host, unmount: () => act(() => root.unmount()) };
}
const predictions = (host: HTMLElement, kind: string) =>
  [...host.querySelectorAll(`[data-testid="sample-${kind}"]`)].map((e) => e.getAttribute('data-prediction'));

beforeEach(() => {
  vi.clearAllMocks();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ models: [entry], selectedModelId: entry.id, backend: { name: 'webgl', fallbackReasons: [], detail: '' }, viewT: 0.1 });
  useAppStore.getState().showPrecomputed(entry.id, testPack(entry.id));
});

describe('a precomputed run in the views', () => {
  it('labels itself: where, when, budget and t, and the reduced budget', () => {
    const run = useAppStore.getState().precomputed;
    expect(run && precomputedLabel(run, testPack().trace)).toBe(LABEL);
    const { host, unmount } = mount(<ResultsTable />);
    expect(host.querySelector('[data-testid="precomputed-label-results"]')?.textContent).toBe(`${LABEL}reduced budget: a small trace for tests`);
    expect(host.textContent).toMatch(/All measured in Node on wasm/);
    unmount();
  });

  it('the samples grid reads the table as t moves, and nobody asks the worker', () => {
    const { host, unmount } = mount(
      <>
        <TControl actions={actions} />
        <SamplesGrid />
      </>,
    );
    const grid = host.querySelector('[data-testid="samples-grid"]');
    expect([grid?.getAttribute('data-source'), grid?.getAttribute('data-t'), grid?.getAttribute('data-stale')]).toEqual(['precomputed', '0', 'false']);
    expect([predictions(host, 'clean'), predictions(host, 'triggered')]).toEqual([
      ['3', '7'],
      ['0', '0'],
    ]);
    act(() => useAppStore.getState().setViewT(0.6));
    expect(grid?.getAttribute('data-t')).toBe('0.5');
    expect([predictions(host, 'clean'), predictions(host, 'triggered')]).toEqual([
      ['3', '1'],
      ['0', '7'],
    ]);
    expect(actions.preview).not.toHaveBeenCalled();
    unmount();
  });

  it("the loss plane is the pack's for stage 2 and explained for stage 1", () => {
    act(() => useAppStore.getState().selectStage(1, 2));
    let view = mount(<LossPlane actions={actions} />);
    expect(view.host.querySelectorAll('.plane-cell')).toHaveLength(2 * 2 * 2);
    expect(view.host.querySelector('[data-testid="plane-status"]')?.textContent).toBe('round 1, stage 2 · 2×2 grid · 4/4 points');
    expect(view.host.querySelector('[data-testid="precomputed-label-plane"]')?.textContent).toBe(LABEL);
    view.unmount();
    act(() => useAppStore.getState().selectStage(1, 1));
    view = mount(<LossPlane actions={actions} />);
    expect(view.host.querySelectorAll('.plane-cell')).toHaveLength(0);
    expect(view.host.querySelector('[data-testid="plane-reason"]')?.textContent).toBe(
      'The precomputed trace has no loss plane for round 1, stage 1; press Run live, then compute.',
    );
    expect(view.host.querySelector<HTMLButtonElement>('[data-testid="plane-compute-button"]')?.disabled).toBe(true);
    view.unmount();
  });

  it('the run panel offers Run live with the trace settings', () => {
    const { host, unmount } = mount(<RunPanel actions={actions} />);
    const button = host.querySelector<HTMLButtonElement>('[data-testid="run-live-button"]');
    expect(button?.textContent).toBe('Run live with these settings (1 round × 3 curve epochs)');
    act(() => button?.click());
    expect(actions.runLive).toHaveBeenCalledTimes(1);
    expect(host.querySelector('[data-testid="run-status"]')?.textContent).toBe('precomputed: nothing was computed in this page');
    unmount();
  });
});
