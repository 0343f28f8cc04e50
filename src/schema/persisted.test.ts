import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { FULL_SETTINGS, PLANE_DEFAULTS, LIVE_DEMO } from './presets';
import { PERSIST_VERSION, PersistedStateSchema, migratePersisted, parsePersisted, type PersistedState } from './persisted';

const defaults: PersistedState = {
  selectedModelId: 'mnist-mlp-badnet',
  preferredBackend: 'auto',
  settings: LIVE_DEMO,
  viewT: 0.4,
  planeSettings: PLANE_DEFAULTS,
};
const chosen: PersistedState = {
  selectedModelId: 'fmnist-cnn-blended',
  preferredBackend: 'cpu',
  settings: { ...FULL_SETTINGS, defense: 'mcr', seed: 42 },
  viewT: 0.85,
  planeSettings: { coarse: 7, finest: 25, margin: 1, equalAxes: false, samples: 2000 },
};

describe('persisted state', () => {
  it('keeps a valid state exactly and accepts the defaults', () => {
    expect(parsePersisted(chosen, defaults)).toEqual({ value: chosen, dropped: [] });
    expect(v.is(PersistedStateSchema, defaults)).toBe(true);
    expect(v.is(PersistedStateSchema, chosen)).toBe(true);
  });

  it('resets only the bad fields, names each, and ignores unknown keys', () => {
    const stored = { ...chosen, viewT: 'abc', preferredBackend: 'quantum', settings: { ...chosen.settings, defense: 'evil' }, extra: { x: 1 } };
    expect(parsePersisted(stored, defaults)).toEqual({
      value: { ...chosen, viewT: 0.4, preferredBackend: 'auto', settings: { ...chosen.settings, defense: 'tsc' } },
      dropped: ['preferredBackend', 'viewT', 'settings.defense'],
    });
  });

  it('treats nothing stored as a first visit and anything not an object as unreadable', () => {
    expect(parsePersisted(undefined, defaults)).toEqual({ value: defaults, dropped: [] });
    for (const junk of [null, 'garbage', 42, [chosen]]) expect(parsePersisted(junk, defaults)).toEqual({ value: defaults, dropped: ['(all)'] });
  });

  it('migrates the unversioned format (version 0) unchanged to the current version', () => {
    expect(PERSIST_VERSION).toBe(1);
    expect(migratePersisted(chosen, 0)).toBe(chosen);
    expect(migratePersisted(chosen, PERSIST_VERSION + 1)).toBe(chosen); // a newer build's data: merge validates it
  });
});
