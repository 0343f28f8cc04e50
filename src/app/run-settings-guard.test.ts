// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ComputeClient } from '../compute/client';
import { DEFAULT_MODEL_ID } from '../engine/zoo';
import { LIVE_DEMO } from '../schema/presets';
import { PERSIST_VERSION } from '../schema/persisted';

// A stored `defense: "evil"` must never reach the worker: the page's own store hydrates from this
// localStorage (src/store/persist.ts), and the fake client stands where the worker's messages leave.
let actions: typeof import('./actions');
let store: typeof import('../store/store');
let zoo: typeof import('./zoo-manifest');
const client = { run: vi.fn() };

beforeAll(async () => {
  localStorage.setItem('tsc-visualizer', JSON.stringify({ state: { settings: { ...LIVE_DEMO, defense: 'evil' } }, version: PERSIST_VERSION }));
  vi.resetModules();
  store = await import('../store/store');
  actions = await import('./actions');
  zoo = await import('./zoo-manifest');
});

describe('run settings on their way to the worker', () => {
  it('a stored defense: "evil" is reset on load, and the run sends the default', () => {
    const { useAppStore } = store;
    zoo.installManifest();
    expect(useAppStore.getState().settings.defense).toBe('tsc');
    expect(useAppStore.getState().notices).toEqual(['Saved settings that were invalid were reset to their defaults: settings.defense.']);
    actions.createActions(client as unknown as ComputeClient).run();
    expect(client.run).toHaveBeenCalledTimes(1);
    expect(client.run.mock.calls[0][0].id).toBe(DEFAULT_MODEL_ID);
    expect(client.run.mock.calls[0][2]).toEqual({ ...LIVE_DEMO, defense: 'tsc' });
  });

  it('settings put in the store unchecked are reset and reported, and nothing is sent', () => {
    const { useAppStore } = store;
    client.run.mockClear();
    useAppStore.setState({ settings: { ...LIVE_DEMO, defense: 'evil' as 'tsc', rounds: -1 }, notices: [] });
    actions.createActions(client as unknown as ComputeClient).run();
    expect(client.run).not.toHaveBeenCalled();
    expect(useAppStore.getState().settings).toEqual(LIVE_DEMO);
    expect(useAppStore.getState().notices).toEqual([
      'Run settings that were invalid were reset to their defaults: settings.defense, settings.rounds. Press Run again to run with them.',
    ]);
  });
});
