import { describe, expect, it } from 'vitest';
import { FULL_SETTINGS, LIVE_DEMO } from './presets';
import { encodeLink, linkNotice, parseLink, type LinkState } from './url';

describe('links', () => {
  it('reads the readable keys of a deep link', () => {
    expect(parseLink('?model=mnist-mlp-badnet&round=1&stage=1&t=0.40&step=4')).toEqual({
      state: { model: 'mnist-mlp-badnet', round: 1, stage: 1, t: 0.4, step: 4 },
      dropped: [],
    });
  });

  it.each<[string, LinkState]>([
    [
      'a full view with every setting',
      { model: 'fmnist-cnn-blended', settings: FULL_SETTINGS, round: 3, stage: 2, layer: 1, t: 0.37, step: 2, lecture: true, backend: 'webgl' },
    ],
    ['the live demo at t = 0.005', { model: 'mnist-mlp-badnet', settings: LIVE_DEMO, round: 1, stage: 1, layer: 0, t: 0.005 }],
    ['nothing', {}],
  ])('round trip: %s', (_, state) => {
    expect(parseLink(encodeLink(state))).toEqual({ state, dropped: [] });
  });

  it('writes t with two decimals on the slider grid and three off it; auto backend and lecture off are left out', () => {
    expect(encodeLink({ t: 0.4 })).toBe('?t=0.40');
    expect(encodeLink({ t: 0.125 })).toBe('?t=0.125');
    expect(encodeLink({ backend: 'auto', lecture: false })).toBe('');
    expect(encodeLink({ settings: { interRoundFinetune: false, cleanFraction: 0.05 } })).toBe('?clean=0.05&ft=0');
  });

  it.each([
    ['t=abc', 't=abc'],
    ['t=1.5', 't=1.5'],
    ['t=', 't='],
    ['round=0', 'round=0'],
    ['round=2.5', 'round=2.5'],
    ['stage=3', 'stage=3'],
    ['layer=-1', 'layer=-1'],
    ['step=0', 'step=0'],
    ['lecture=yes', 'lecture=yes'],
    ['backend=gpu', 'backend=gpu'],
    ['model=<script>', 'model=<script>'],
    ['model=../../etc', 'model=../../etc'],
    ['defense=evil', 'defense=evil'],
    ['rounds=11', 'rounds=11'],
    ['epochs=0', 'epochs=0'],
    ['lr=0', 'lr=0'],
    ['lr=NaN', 'lr=NaN'],
    ['out-t=-0.1', 'out-t=-0.1'],
    ['clean=0', 'clean=0'],
    ['seed=-3', 'seed=-3'],
    ['perm=random', 'perm=random'],
    ['ft=2', 'ft=2'],
    ['eval=0', 'eval=0'],
    ['test=1e9', 'test=1e9'],
  ])('rejects %s and keeps the rest of the link', (bad, named) => {
    const { state, dropped } = parseLink(`?${bad}&layer=1&seed=7`);
    expect(dropped).toEqual([named]);
    const key = bad.split('=')[0];
    if (key !== 'layer') expect(state.layer).toBe(1);
    if (key !== 'seed') expect(state.settings?.seed).toBe(7);
    expect(JSON.stringify(state)).not.toContain(bad.split('=')[1] || '""'); // the bad value itself is gone
  });

  it('names every dropped parameter in one line', () => {
    const { dropped } = parseLink('?t=abc&rounds=0&model=mnist-mlp-badnet');
    expect(linkNotice(dropped)).toBe('Ignored link parameters t=abc, rounds=0: not a valid value.');
    expect(linkNotice(['step=0'])).toBe('Ignored link parameter step=0: not a valid value.');
  });
});
