import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZooEntry } from '../engine/zoo';
import { LIVE_DEMO } from '../schema/presets';
import { encodeLink, parseLink } from '../schema/url';
import { createAppStore } from '../store/store';
import { applyLink, linkFromState, type LinkTarget } from './url-sync';

const models = [{ id: 'mnist-mlp-badnet' }, { id: 'fmnist-cnn-blended' }] as ZooEntry[];
const noStorage = () => ({ getItem: () => null, setItem: () => undefined, removeItem: () => undefined }) as unknown as Storage;
let store = createAppStore(noStorage);
const state = () => store.getState();

beforeEach(() => {
  store = createAppStore(noStorage);
  store.setState({ models, selectedModelId: 'mnist-mlp-badnet' });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The Live demo preset as a link writes it. */
const LIVE_QUERY = 'defense=tsc&rounds=3&epochs=10&lr=0.2&out-t=0.4&clean=0.05&seed=0&perm=activation&ft=1&eval=300&test=0';

describe('state → link', () => {
  it('the default view: model, every setting, selection and t; layer 0 and the auto backend are left out', () => {
    expect(linkFromState(state())).toEqual({ model: 'mnist-mlp-badnet', settings: LIVE_DEMO, round: 1, stage: 1, t: 0.4 });
    expect(encodeLink(linkFromState(state()))).toBe(`?model=mnist-mlp-badnet&${LIVE_QUERY}&round=1&stage=1&t=0.40`);
  });

  it('changed settings, a layer, a forced backend; in lecture mode the step instead of the selection', () => {
    store.setState({ settings: { ...LIVE_DEMO, rounds: 5, interRoundFinetune: false }, selected: { round: 2, stage: 2, layer: 1 }, viewT: 0.735 });
    store.setState({ preferredBackend: 'cpu' });
    const changed = LIVE_QUERY.replace('rounds=3', 'rounds=5').replace('ft=1', 'ft=0');
    expect(encodeLink(linkFromState(state()))).toBe(`?model=mnist-mlp-badnet&${changed}&round=2&stage=2&layer=1&t=0.735&backend=cpu`);
    store.setState({ lecture: { on: true, step: 2, playing: false } });
    expect(linkFromState(state())).toEqual({
      model: 'mnist-mlp-badnet',
      settings: { ...LIVE_DEMO, rounds: 5, interRoundFinetune: false },
      lecture: true,
      step: 3,
      backend: 'cpu',
    });
  });
});

/** A store stand-in that records every action it is asked for. */
function recorder(over: Partial<LinkTarget> = {}) {
  const calls: string[] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
  const names = ['selectModel', 'updateSettings', 'selectStage', 'selectLayer', 'setViewT', 'setLecture', 'goToStep', 'addNotice'] as const;
  const target = { ...state(), ...Object.fromEntries(names.map((n) => [n, rec(n)])), ...over } as LinkTarget;
  return { calls, apply: (search: string) => applyLink(parseLink(search), target) };
}

describe('link → store calls', () => {
  it('a full view, in order; values already on screen are not set again', () => {
    const { calls, apply } = recorder();
    apply('?model=fmnist-cnn-blended&rounds=5&round=2&stage=2&layer=1&t=0.70&backend=webgl');
    expect(calls).toEqual(['selectModel("fmnist-cnn-blended")', 'updateSettings({"rounds":5})', 'selectStage(2,2)', 'selectLayer(1)', 'setViewT(0.7)']);
    calls.length = 0;
    apply('?model=mnist-mlp-badnet&round=1&stage=1&t=0.40');
    expect(calls).toEqual([]);
  });

  it('an unknown model and bad values: one notice each for the model and for the rest', () => {
    const { calls, apply } = recorder();
    apply('?t=abc&rounds=0&model=foo&stage=2');
    expect(calls).toEqual([
      'addNotice("Unknown model \\"foo\\" in the link; showing mnist-mlp-badnet.")',
      'selectStage(1,2)',
      'addNotice("Ignored link parameters t=abc, rounds=0: not a valid value.")',
    ]);
  });

  it('lecture: on, then the 0-based step; a link without it turns lecture mode off and opens its view', () => {
    const off = recorder();
    off.apply('?lecture=1&step=3');
    expect(off.calls).toEqual(['setLecture(true)', 'goToStep(2)']);
    const on = recorder({ lecture: { on: true, step: 2, playing: false } });
    on.apply('?step=4&lecture=1');
    on.apply('?round=1&stage=2&t=0.10');
    expect(on.calls).toEqual(['goToStep(3)', 'setLecture(false)', 'selectStage(1,2)', 'setViewT(0.1)']);
  });
});
