// @vitest-environment happy-dom
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DefenseResult } from '../../app/results-bundle';
import { resetFakeIdb } from '../../store/run-history-fake-idb';
import { useAppStore } from '../../store/store';
import { packTrace } from '../../store/test/pack';
import { LossCurve } from '../loss-curve/LossCurve';
import { mount } from '../test/mount'; // also React's act() environment
import { accAsrCsv, accAsrFigureSvg } from '../export/AccAsrExport';
import { AccAsrChart } from './AccAsrChart';
import { accAsrPoints } from './acc-asr-points';
import { HistoryPanel } from './HistoryPanel';

vi.mock('idb-keyval', () => import('../../store/run-history-fake-idb'));

/** Lets the fake IndexedDB's promises and the re-renders they cause settle. */
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
const result = (model: string, defense: string, acc: number, asr: number): DefenseResult => ({
  model,
  defense,
  before: { acc: 0.97, asr: 1 },
  after: { acc, asr },
  wallSeconds: 1,
  backend: 'wasm',
});
const zoo = [
  result('mnist-mlp-badnet', 'none', 0.97, 1),
  result('mnist-mlp-badnet', 'tsc', 0.92, 0.3),
  result('mnist-mlp-badnet', 'trap-replace', 0.95, 0.02),
  result('fmnist-mlp-badnet', 'tsc', 0.85, 0.1),
];
const marks = (host: HTMLElement) => [...host.querySelectorAll('[data-testid="acc-asr-mark"]')];
const button = (host: HTMLElement, label: string) => {
  const b = host.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  if (!b) throw new Error(`no button "${label}"`);
  return b;
};

beforeEach(async () => {
  resetFakeIdb();
  useAppStore.setState(useAppStore.getInitialState(), true);
  await useAppStore.getState().addToHistory(packTrace('mnist-mlp-badnet'), 1000);
  await useAppStore.getState().addToHistory({ ...packTrace('mnist-mlp-badnet'), defense: 'mcr', after: { acc: 0.5, asr: 0.5 } }, 2000);
});

describe('the ACC vs ASR chart', () => {
  it('one mark per model × defense from results/ (any defense name), one per saved run, placed by the scales', () => {
    const { host, unmount } = mount(<AccAsrChart zoo={zoo} problems={['results/x.json was left out']} />);
    const all = marks(host);
    expect(all.map((m) => [m.getAttribute('data-source'), m.getAttribute('data-model'), m.getAttribute('data-defense')])).toEqual([
      ['zoo', 'mnist-mlp-badnet', 'none'],
      ['zoo', 'mnist-mlp-badnet', 'tsc'],
      ['zoo', 'mnist-mlp-badnet', 'trap-replace'],
      ['zoo', 'fmnist-mlp-badnet', 'tsc'],
      ['yours', 'mnist-mlp-badnet', 'mcr'],
      ['yours', 'mnist-mlp-badnet', 'tsc'],
    ]);
    // x = ASR from 56 (0 %) to 444 (100 %): the trap-replace mark (2 %) is far left, no defense (100 %) far right
    const xOf = (m: Element) => Number(/translate\(([\d.]+),/.exec(m.getAttribute('transform') ?? '')?.[1]);
    expect(xOf(all[2])).toBeCloseTo(56 + 0.02 * 388, 5);
    expect(xOf(all[0])).toBeCloseTo(444, 5);
    // each defense its own colour and shape; the user's runs hollow
    const style = (m: Element) => `${m.getAttribute('stroke')} ${m.getAttribute('d')?.slice(0, 12)}`;
    expect(new Set([all[0], all[1], all[2], all[4]].map(style)).size).toBe(4);
    expect(style(all[1])).toBe(style(all[3]));
    expect(all[5].getAttribute('fill')).toBe('#fff');
    expect(all[5].querySelector('title')?.textContent).toBe('your run "TSC on mnist-mlp-badnet" (mnist-mlp-badnet · tsc): ACC 90.00%, ASR 20.00%');
    expect([...host.querySelectorAll('[data-testid="acc-asr-legend"]')].map((l) => l.textContent?.trim())).toEqual([
      'no defense',
      'TSC',
      'MCR',
      'TRAP-REPLACE',
    ]);
    expect(host.textContent).toContain('results/x.json was left out');
    unmount();
  });

  it('exports as a standalone SVG figure (title, every mark, caption) and its points as CSV', () => {
    const { host, unmount } = mount(<AccAsrChart zoo={zoo} problems={[]} />);
    expect([...host.querySelectorAll('[data-testid="export-menu-acc-asr-chart"] button')].map((b) => b.textContent)).toEqual([
      'ACC vs ASR chart (SVG)',
      'ACC vs ASR chart (PNG, 2×)',
      'ACC vs ASR points (CSV)',
    ]);
    const svg = accAsrFigureSvg(host.querySelector('section'), '', [{ label: 'TSC', color: '#000' }]);
    unmount();
    const doc = new DOMParser().parseFromString(svg.markup, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.querySelector('title')?.textContent).toBe('Clean ACC vs ASR after each defense: all models');
    expect(doc.documentElement.querySelectorAll('path[data-testid="acc-asr-mark"]').length).toBe(6);
    const texts = [...doc.documentElement.querySelectorAll('text')].map((t) => t.textContent ?? '');
    expect(texts).toContain('ASR (lower is better)');
    expect(texts.some((t) => t.startsWith('Filled marks: the zoo'))).toBe(true);
    const rows = accAsrCsv(accAsrPoints(zoo, useAppStore.getState().history)).trimEnd().split('\n');
    expect(rows[0]).toBe('model,defense,source,clean_acc,asr');
    expect(rows).toHaveLength(7);
    expect(rows).toContain('mnist-mlp-badnet,mcr,yours,0.5,0.5');
  });

  it('the model filter keeps one model’s marks', () => {
    const { host, unmount } = mount(<AccAsrChart zoo={zoo} problems={[]} />);
    const select = host.querySelector('select');
    if (!select) throw new Error('no select');
    act(() => {
      select.value = 'fmnist-mlp-badnet';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(marks(host).map((m) => m.getAttribute('data-model'))).toEqual(['fmnist-mlp-badnet']);
    unmount();
  });
});

describe('the history panel', () => {
  it('lists the saved runs; rename with Enter, give up with Escape', async () => {
    const { host, unmount } = mount(<HistoryPanel />);
    await settle();
    const names = () => [...host.querySelectorAll('[data-testid="history-name"]')].map((n) => n.textContent);
    expect(names()).toEqual(['MCR on mnist-mlp-badnet', 'TSC on mnist-mlp-badnet']);
    const type = (text: string, key: string) => {
      const input = host.querySelector('input');
      if (!input) throw new Error('no input');
      act(() => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
    };
    act(() => button(host, 'Rename TSC on mnist-mlp-badnet').click());
    type('ignored', 'Escape');
    await settle();
    expect(names()).toEqual(['MCR on mnist-mlp-badnet', 'TSC on mnist-mlp-badnet']);
    act(() => button(host, 'Rename TSC on mnist-mlp-badnet').click());
    type('baseline', 'Enter');
    await settle();
    expect(names()).toEqual(['MCR on mnist-mlp-badnet', 'baseline']);
    unmount();
  });

  it('clear asks first; Keep them keeps them', async () => {
    const { host, unmount } = mount(<HistoryPanel />);
    await settle();
    const byText = (text: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === text);
    act(() => byText('Clear history…')?.click());
    expect(host.querySelector('[role="alertdialog"]')?.textContent).toContain('Delete all 2 saved runs?');
    act(() => byText('Keep them')?.click());
    expect(useAppStore.getState().history).toHaveLength(2);
    act(() => byText('Clear history…')?.click());
    act(() => byText('Delete all')?.click());
    await settle();
    expect(useAppStore.getState().history).toEqual([]);
    expect(host.textContent).toContain('Your runs (0)');
    unmount();
  });

  it('reopen shows the run as restored; overlay draws the other run dashed on the loss curves with a legend naming it', async () => {
    const { host, unmount } = mount(
      <>
        <HistoryPanel />
        <LossCurve />
      </>,
    );
    await settle();
    act(() => button(host, 'Reopen TSC on mnist-mlp-badnet').click());
    await settle();
    expect(useAppStore.getState().restored).toEqual({ savedAt: 1000 });
    expect(button(host, 'Reopen TSC on mnist-mlp-badnet').textContent).toBe('Shown');
    expect(host.querySelector('[data-testid="overlay-curves"]')).toBeNull();
    act(() => button(host, 'Overlay MCR on mnist-mlp-badnet on the loss curves').click());
    await settle();
    expect(button(host, 'Overlay MCR on mnist-mlp-badnet on the loss curves').getAttribute('aria-pressed')).toBe('true');
    expect(host.querySelectorAll('[data-testid="overlay-curves"]')).toHaveLength(2); // the loss and the ACC/ASR plots
    expect(host.querySelector('[data-testid="overlay-curves"] path')?.getAttribute('stroke-dasharray')).toBe('9 3 2 3');
    expect(host.querySelector('[data-testid="overlay-legend"]')?.textContent).toContain('overlay: MCR on mnist-mlp-badnet (round 1, stage 1)');
    act(() => button(host, 'Remove the overlay of MCR on mnist-mlp-badnet').click());
    await settle();
    expect(host.querySelector('[data-testid="overlay-curves"]')).toBeNull();
    unmount();
  });
});
