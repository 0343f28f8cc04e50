import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FULL_SETTINGS, PLANE_DEFAULTS, LIVE_DEMO } from './presets';
import {
  DefenseSchema,
  ModelIdSchema,
  PlaneSettingsSchema,
  PreferredBackendSchema,
  RunSettingsSchema,
  isRefinementOf,
  parsePlaneSettings,
  parseRunSettings,
} from './settings';

const runOk = (patch: object) => v.is(RunSettingsSchema, { ...LIVE_DEMO, ...patch });
const planeOk = (patch: object) => v.is(PlaneSettingsSchema, { ...PLANE_DEFAULTS, ...patch });

describe('run settings schema', () => {
  it('accepts the defaults, the quick demo and every edge of every range', () => {
    expect(v.parse(RunSettingsSchema, LIVE_DEMO)).toEqual(LIVE_DEMO);
    expect(v.parse(RunSettingsSchema, FULL_SETTINGS)).toEqual(FULL_SETTINGS);
    const edges = [{ rounds: 1 }, { rounds: 10 }, { t: 0 }, { t: 1 }, { curveEpochs: 1000 }, { cleanFraction: 1 }, { seed: 123456 }];
    const more = [{ evalSamples: 1 }, { evalSamples: 10_000 }, { testSamples: 0 }, { permutationMethod: 'weight' }, { interRoundFinetune: false }];
    for (const patch of [...edges, ...more]) expect(runOk(patch), JSON.stringify(patch)).toBe(true);
    for (const defense of ['tsc', 'mcr', 'ft', 'line', 'none']) expect(runOk({ defense })).toBe(true);
  });

  it.each([
    ['defense', 'evil'],
    ['defense', 'TSC'],
    ['defense', null],
    ['rounds', 0],
    ['rounds', 11],
    ['rounds', 1.5],
    ['rounds', '3'],
    ['rounds', NaN],
    ['t', -0.01],
    ['t', 1.01],
    ['t', NaN],
    ['t', '0.4'],
    ['t', Infinity],
    ['curveEpochs', 0],
    ['curveEpochs', 1001],
    ['curveEpochs', 2.5],
    ['cleanFraction', 0],
    ['cleanFraction', 1.5],
    ['cleanFraction', -0.1],
    ['seed', -1],
    ['seed', 0.5],
    ['seed', NaN],
    ['permutationMethod', 'random'],
    ['interRoundFinetune', 'true'],
    ['interRoundFinetune', 1],
    ['evalSamples', 0],
    ['evalSamples', 10_001],
    ['evalSamples', 99.5],
    ['testSamples', -1],
    ['testSamples', 10_001],
    ['testSamples', 2.5],
  ])('rejects %s = %s', (field, value) => {
    expect(runOk({ [field]: value })).toBe(false);
    expect(parseRunSettings({ ...LIVE_DEMO, [field]: value }, FULL_SETTINGS)).toEqual({
      value: { ...LIVE_DEMO, [field]: FULL_SETTINGS[field as keyof typeof FULL_SETTINGS] },
      dropped: [`settings.${field}`],
    });
  });

  it('parses field by field: a bad rounds alone does not reset t; unknown keys are ignored; missing ones fall back silently', () => {
    expect(parseRunSettings({ rounds: 99, t: 0.7, evil: true }, LIVE_DEMO)).toEqual({ value: { ...LIVE_DEMO, t: 0.7 }, dropped: ['settings.rounds'] });
    expect(parseRunSettings(null, LIVE_DEMO)).toEqual({ value: LIVE_DEMO, dropped: ['settings'] });
    expect(parseRunSettings(undefined, LIVE_DEMO)).toEqual({ value: LIVE_DEMO, dropped: [] });
  });

  it('checks the small enums and ids', () => {
    expect(v.is(DefenseSchema, 'none')).toBe(true);
    expect(v.is(PreferredBackendSchema, 'webgl')).toBe(true);
    expect(v.is(PreferredBackendSchema, 'webgl2')).toBe(false);
    expect(v.is(ModelIdSchema, 'fmnist-mlp-badnet-4x4')).toBe(true);
    for (const id of ['', '../x', 'a b', 'x'.repeat(101), 7]) expect(v.is(ModelIdSchema, id), String(id)).toBe(false);
  });
});

describe('plane settings schema', () => {
  it('accepts the defaults and refinement ladders', () => {
    expect(v.parse(PlaneSettingsSchema, PLANE_DEFAULTS)).toEqual(PLANE_DEFAULTS);
    for (const patch of [
      { coarse: 5, finest: 5 },
      { coarse: 5, finest: 17 },
      { coarse: 15, finest: 57 },
      { coarse: 3, finest: 65 },
      { margin: 0 },
      { margin: 2 },
    ])
      expect(planeOk(patch), JSON.stringify(patch)).toBe(true);
    expect([isRefinementOf(11, 41), isRefinementOf(11, 31), isRefinementOf(21, 11)]).toEqual([true, false, false]);
  });

  it.each([
    ['coarse', 1],
    ['coarse', 4],
    ['coarse', 103],
    ['coarse', '11'],
    ['finest', 22],
    ['finest', 129],
    ['margin', -0.1],
    ['margin', 2.5],
    ['margin', NaN],
    ['samples', 0],
    ['samples', 10_001],
    ['samples', 1.5],
    ['equalAxes', 'yes'],
  ])('rejects %s = %s', (field, value) => {
    expect(planeOk({ [field]: value })).toBe(false);
  });

  it('rejects a finest size off the coarse grid’s ladder, and resets the pair together', () => {
    expect(planeOk({ coarse: 5, finest: 21 })).toBe(false);
    expect(parsePlaneSettings({ ...PLANE_DEFAULTS, coarse: 5, finest: 21, margin: 0.5 }, PLANE_DEFAULTS)).toEqual({
      value: { ...PLANE_DEFAULTS, margin: 0.5 },
      dropped: ['planeSettings.coarse', 'planeSettings.finest'],
    });
    expect(parsePlaneSettings({ coarse: 1 }, PLANE_DEFAULTS)).toEqual({ value: PLANE_DEFAULTS, dropped: ['planeSettings.coarse'] });
    expect(parsePlaneSettings({ coarse: 7, finest: 13, samples: 250 }, PLANE_DEFAULTS)).toEqual({
      value: { ...PLANE_DEFAULTS, coarse: 7, finest: 13, samples: 250 },
      dropped: [],
    });
  });
});
