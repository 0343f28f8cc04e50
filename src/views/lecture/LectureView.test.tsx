// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppActions } from '../../app/actions';
import { LECTURE_STEPS, type LecturePanel } from '../../store/lecture/steps';
import { useAppStore } from '../../store/store';
import { testPack } from '../../store/test/pack';
import { entry } from '../test/fixtures';
import '../test/markup'; // React's act() environment
import { LectureView } from './LectureView';

const actions = { preview: vi.fn(), lossPlane: vi.fn(), cancelPlane: vi.fn() } as unknown as AppActions;

/** The test id each panel's component puts on its root. */
const PANEL_IDS: Record<LecturePanel, string> = {
  trigger: 'attack-preview',
  samples: 'samples-grid',
  permutation: 'perm-matrix',
  curve: 'loss-curve',
  plane: 'loss-plane',
  results: 'results-table',
  defenses: 'defense-comparison',
};

function mount() {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<LectureView actions={actions} />));
  return { host, unmount: () => act(() => root.unmount()) };
}

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ models: [entry], selectedModelId: entry.id, backend: { name: 'webgl', fallbackReasons: [], detail: '' } });
  useAppStore.getState().showPrecomputed(entry.id, testPack(entry.id));
  useAppStore.getState().setLecture(true);
});

describe('the lecture view', () => {
  it.each(LECTURE_STEPS.map((s, i) => [i + 1, s] as const))('step %i shows its title, its text and its panels only', (k, step) => {
    act(() => useAppStore.getState().goToStep(k - 1));
    const { host, unmount } = mount();
    expect(host.querySelector('[data-testid="lecture-step"]')?.textContent).toBe(`${k} / ${LECTURE_STEPS.length}`);
    expect(host.querySelector('#lecture-title')?.textContent).toBe(step.title);
    expect(host.querySelector('[data-testid="lecture-text"]')?.textContent).toBe(step.text);
    expect([...host.querySelectorAll<HTMLElement>('[data-panel]')].map((e) => e.dataset.panel)).toEqual(step.panels);
    for (const [panel, id] of Object.entries(PANEL_IDS)) {
      const shown = host.querySelector(`[data-testid="${id}"]`) !== null;
      expect([panel, shown]).toEqual([panel, step.panels.includes(panel as LecturePanel)]);
    }
    expect(host.querySelector('[data-testid="animate-t"]') !== null).toBe(step.panels.includes('curve'));
    expect(host.querySelector<HTMLButtonElement>('[data-testid="lecture-prev"]')?.disabled).toBe(k === 1);
    expect(host.querySelector<HTMLButtonElement>('[data-testid="lecture-next"]')?.disabled).toBe(k === LECTURE_STEPS.length);
    unmount();
  });

  it('prev / next buttons move through the steps', () => {
    const { host, unmount } = mount();
    const click = (id: string) => act(() => host.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)?.click());
    click('lecture-next');
    click('lecture-next');
    expect(host.querySelector('[data-testid="lecture-step"]')?.textContent).toBe(`3 / ${LECTURE_STEPS.length}`);
    click('lecture-prev');
    expect(useAppStore.getState().lecture.step).toBe(1);
    unmount();
  });

  it('the defenses step compares the measured results of the model on screen', () => {
    act(() => useAppStore.getState().goToStep(LECTURE_STEPS.findIndex((s) => s.panels.includes('defenses'))));
    const { host, unmount } = mount();
    const rows = [...host.querySelectorAll<HTMLElement>('tr[data-defense]')].map((r) => r.dataset.defense);
    expect(rows).toEqual(['none', 'tsc', 'mcr', 'ft']);
    expect(host.querySelector('[data-testid="defense-label"]')?.textContent).toMatch(/^measured by npm run results, clean subset D_c = \d+ images/);
    unmount();
  });
});
