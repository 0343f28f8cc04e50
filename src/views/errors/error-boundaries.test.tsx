// @vitest-environment happy-dom
import { act, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppActions } from '../../app/actions';
import { LECTURE_STEPS } from '../../store/lecture/steps';
import { STORAGE_KEY } from '../../store/persist';
import { useAppStore } from '../../store/store';
import { testPack } from '../../store/test/pack';
import { App } from '../App';
import { loadLazyViews } from '../lazy-views';
import { entry } from '../test/fixtures';
import '../test/markup'; // React's act() environment
import { AppGuard } from './AppGuard';
import { ViewGuard } from './ViewGuard';

// The permutation panel, made to throw on a selection it cannot show (a layer index past the end), as a real bug would.
vi.mock('../permutation/PermutationMatrix', async () => {
  const { useAppStore: store } = await import('../../store/store');
  return {
    PermutationMatrix: () => {
      const layer = store((s) => s.selected.layer);
      if (layer === 99) throw new Error(`layer ${layer} is not in this stage`);
      return <section data-testid="perm-matrix">layer {layer}</section>;
    },
  };
});

const actions = { evaluate: vi.fn(), run: vi.fn(), preview: vi.fn(), lossPlane: vi.fn(), cancelPlane: vi.fn() } as unknown as AppActions;

function mount(node: React.ReactNode) {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(node));
  const q = (selector: string) => host.querySelector<HTMLElement>(selector);
  return { host, q, click: (selector: string) => act(() => q(selector)?.click()), unmount: () => act(() => root.unmount()) };
}

// the panels App loads lazily (src/views/lazy-views.tsx), loaded first so that one render shows them
beforeAll(() => loadLazyViews());
beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ models: [entry], selectedModelId: entry.id, backend: { name: 'webgl', fallbackReasons: [], detail: '' } });
  useAppStore.getState().showPrecomputed(entry.id, testPack(entry.id));
  // React reports every caught error on the console; the fallbacks are what these tests check
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const PANELS = ['model-picker', 'attack-preview', 'metrics', 'loss-curve', 'samples-grid', 'loss-plane', 'results-table', 'backend-status', 'lecture-toggle'];

describe('error boundaries', () => {
  it('a throwing view shows its message in its own place, and every other panel renders', () => {
    useAppStore.getState().selectLayer(99);
    const { host, q, unmount } = mount(<App actions={actions} />);
    const failed = [...host.querySelectorAll<HTMLElement>('[data-testid="view-failed"]')];
    expect(failed.map((f) => f.dataset.view)).toEqual(['permutation']);
    expect(failed[0].querySelector('p')?.textContent).toBe('This view failed: layer 99 is not in this stage');
    expect(failed[0].querySelector('button')?.textContent).toBe('Reset view');
    expect(q('[data-testid="perm-matrix"]')).toBeNull();
    for (const id of PANELS) expect([id, q(`[data-testid="${id}"]`) !== null]).toEqual([id, true]);
    unmount();
  });

  it('Reset view resets that view’s selection in the store and re-mounts it', () => {
    useAppStore.getState().selectLayer(99);
    const { q, click, unmount } = mount(<App actions={actions} />);
    const before = useAppStore.getState();
    click('[data-testid="reset-view"]');
    expect(useAppStore.getState().selected.layer).toBe(0);
    expect(useAppStore.getState().selected.round).toBe(before.selected.round); // only that view's part
    expect(useAppStore.getState().viewT).toBe(before.viewT);
    expect(q('[data-testid="view-failed"]')).toBeNull();
    expect(q('[data-testid="perm-matrix"]')?.textContent).toBe('layer 0');
    unmount();
  });

  it('in the lecture, a failing panel leaves the step’s title, text and navigation working', () => {
    const step = LECTURE_STEPS.findIndex((s) => s.panels.includes('permutation'));
    act(() => {
      useAppStore.getState().setLecture(true);
      useAppStore.getState().goToStep(step);
      useAppStore.getState().selectLayer(99);
    });
    const { host, q, click, unmount } = mount(<App actions={actions} />);
    expect([...host.querySelectorAll<HTMLElement>('[data-testid="view-failed"]')].map((f) => f.dataset.view)).toEqual(['permutation']);
    expect(q('[data-panel="permutation"] [data-testid="view-failed"]')).not.toBeNull();
    expect(q('#lecture-title')?.textContent).toBe(LECTURE_STEPS[step].title);
    click('[data-testid="lecture-next"]');
    expect(useAppStore.getState().lecture.step).toBe(step + 1);
    expect(q('[data-testid="view-failed"]')).toBeNull(); // the next step has no permutation panel
    unmount();
  });

  it('Reset view re-mounts even a view with nothing to reset: its own state starts over', () => {
    const mounts = vi.fn();
    let broken = true;
    function Counter() {
      const [n, setN] = useState(() => (mounts(), 0));
      if (broken && n > 0) throw new Error('counter broke');
      return (
        <button type="button" data-testid="counter" onClick={() => setN(n + 1)}>
          {n}
        </button>
      );
    }
    const { q, click, unmount } = mount(
      <ViewGuard view="results">
        <Counter />
      </ViewGuard>,
    );
    click('[data-testid="counter"]');
    expect(q('[data-testid="view-failed"]')?.textContent).toBe('This view failed: counter brokeReset view');
    broken = false;
    click('[data-testid="reset-view"]');
    expect(q('[data-testid="counter"]')?.textContent).toBe('0');
    expect(mounts).toHaveBeenCalledTimes(2);
    unmount();
  });

  it('the top-level boundary offers Reset saved state: it forgets the stored settings, then reloads', async () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ state: { viewT: 0.7 }, version: 1 }));
    const reload = vi.fn();
    const Broken = () => {
      throw new Error('the whole page broke');
    };
    const { q, click, unmount } = mount(
      <AppGuard reload={reload}>
        <Broken />
      </AppGuard>,
    );
    expect(q('[data-testid="app-failed"]')?.textContent).toContain('the whole page broke');
    expect(q('[data-testid="reset-saved-state"]')?.textContent).toBe('Reset saved state');
    click('[data-testid="reset-saved-state"]');
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    useAppStore.getState().setViewT(0.2); // nothing is written back before the reload
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    unmount();
  });
});
