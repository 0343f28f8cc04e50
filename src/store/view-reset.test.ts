import { describe, expect, it } from 'vitest';
import { LIVE_DEMO, PLANE_DEFAULTS } from '../schema/presets';
import { createAppStore } from './store';
import { VIEW_RESETS, type ViewId } from './view-reset';

/** A store over an empty in-memory Web Storage of its own. */
function fresh() {
  const items = new Map<string, string>();
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  return createAppStore(() => storage as Storage);
}

describe('Reset view', () => {
  it('the curve goes back to the first stage at the output t, and stops the lecture’s sweep', () => {
    const store = fresh();
    store.setState({ selected: { round: 3, stage: 2, layer: 4 }, viewT: 0.9, lecture: { on: true, step: 3, playing: true } });
    store.getState().resetView('curve');
    const s = store.getState();
    expect([s.selected, s.viewT, s.preview, s.lecture]).toEqual([{ round: 1, stage: 1, layer: 4 }, LIVE_DEMO.t, null, { on: true, step: 3, playing: false }]);
  });

  it('each view resets only its own selection', () => {
    const store = fresh();
    store.setState({ selected: { round: 2, stage: 2, layer: 5 }, planeSettings: { ...PLANE_DEFAULTS, margin: 3 }, settings: { ...LIVE_DEMO, rounds: 5 } });
    store.getState().resetView('permutation');
    expect(store.getState().selected).toEqual({ round: 2, stage: 2, layer: 0 });
    store.getState().resetView('plane');
    expect(store.getState().planeSettings).toEqual(PLANE_DEFAULTS);
    expect(store.getState().settings.rounds).toBe(5);
    store.getState().resetView('run-panel');
    expect(store.getState().settings).toEqual(LIVE_DEMO);
    store.setState({ lecture: { on: true, step: 5, playing: true } });
    store.getState().resetView('lecture');
    expect(store.getState().lecture).toEqual({ on: true, step: 0, playing: false });
  });

  it('a plane still computing is kept (its answers must not be dropped); a finished one is cleared', () => {
    const store = fresh();
    store.getState().startPlane(7, 1, 1);
    store.getState().resetView('plane');
    expect(store.getState().plane?.requestId).toBe(7);
    store.getState().failPlane(7, 'x', false);
    store.getState().resetView('plane');
    expect(store.getState().plane).toBeNull();
  });

  it('views with no selection of their own change nothing', () => {
    const store = fresh();
    const before = store.getState();
    for (const view of ['trigger', 'metrics', 'results', 'defenses', 'link-tools', 'lecture-toggle', 'backend-chip'] as ViewId[]) {
      expect(VIEW_RESETS[view](before)).toEqual({});
    }
  });
});
