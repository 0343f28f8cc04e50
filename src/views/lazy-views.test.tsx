// @vitest-environment happy-dom
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppActions } from '../app/actions';
import { useAppStore } from '../store/store';
import { testPack } from '../store/test/pack';
import { Deferred, LazyLossPlane, LazyPermutationMatrix, loadLazyViews } from './lazy-views';
import { entry } from './test/fixtures';
import './test/markup'; // React's act() environment

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ models: [entry], selectedModelId: entry.id });
  useAppStore.getState().showPrecomputed(entry.id, testPack(entry.id));
});

const actions = { lossPlane: vi.fn(), cancelPlane: vi.fn() } as unknown as AppActions;

function mount(view: ReactNode) {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<Deferred what="view">{view}</Deferred>));
  return { host, unmount: () => act(() => root.unmount()) };
}

// In this order: the first test renders a view whose chunk has not loaded, the second a view never rendered before, after loadLazyViews.
describe('lazy views', () => {
  it('show a placeholder that says what is loading, then the view once its chunk is here', async () => {
    const { host, unmount } = mount(<LazyPermutationMatrix />);
    expect(host.querySelector('[data-testid="view-loading"]')?.textContent).toBe('Loading the view…');
    expect(host.querySelector('[data-testid="perm-matrix"]')).toBeNull();
    await act(() => loadLazyViews());
    await untilTrue(() => host.querySelector('[data-testid="view-loading"]') === null);
    expect(host.querySelector('[data-testid="perm-matrix"]')).not.toBeNull();
    unmount();
  });

  it('render at once, without the placeholder, once their chunks have loaded', async () => {
    await loadLazyViews();
    const { host, unmount } = mount(<LazyLossPlane actions={actions} />);
    expect(host.querySelector('[data-testid="view-loading"]')).toBeNull();
    expect(host.querySelector('[data-testid="loss-plane"]')).not.toBeNull();
    unmount();
  });
});

/** Lets React retry the suspended view (its promise settles in a later task) until `done`. */
async function untilTrue(done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i++) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
}
