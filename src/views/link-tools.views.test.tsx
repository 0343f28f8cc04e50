// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../store/store';
import { LinkTools } from './LinkTools';
import './test/markup'; // React's act() environment

function mount() {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<LinkTools />));
  return { host, unmount: () => act(() => root.unmount()) };
}
const testIds = (host: HTMLElement, id: string) => [...host.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ selectedModelId: 'mnist-mlp-badnet', selected: { round: 2, stage: 2, layer: 0 }, viewT: 0.7 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('link tools', () => {
  it('lists the notices as text, one dismiss button each', () => {
    useAppStore.setState({ notices: ['first <b>not bold</b>', 'second'] });
    const { host, unmount } = mount();
    expect(testIds(host, 'notice').map((n) => n.querySelector('.notice-text')?.textContent)).toEqual(['first <b>not bold</b>', 'second']);
    expect(host.querySelector('b')).toBeNull();
    act(() => testIds(host, 'notice-dismiss')[0].click());
    expect([useAppStore.getState().notices, testIds(host, 'notice').length]).toEqual([['second'], 1]);
    act(() => testIds(host, 'notice-dismiss')[0].click());
    expect(host.querySelector('.notice-bar')).toBeNull();
    unmount();
  });

  it('copies the link to the view on screen and says so for 2 s', async () => {
    vi.useFakeTimers();
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const { host, unmount } = mount();
    const button = testIds(host, 'copy-link')[0];
    await act(async () => {
      button.click();
      await Promise.resolve();
    });
    expect(writeText).toHaveBeenCalledWith(
      `${location.origin}${location.pathname}?model=mnist-mlp-badnet&defense=tsc&rounds=3&epochs=10&lr=0.2&out-t=0.4&clean=0.05&seed=0&perm=activation&ft=1&eval=300&test=0&round=2&stage=2&t=0.70`,
    );
    expect(button.textContent).toBe('Link copied');
    act(() => {
      vi.advanceTimersByTime(1999);
    });
    expect(button.textContent).toBe('Link copied');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect([button.textContent, testIds(host, 'copy-link-field').length]).toEqual(['Copy link', 0]);
    unmount();
  });

  it('without a clipboard, shows the link selected in a read-only field', async () => {
    vi.stubGlobal('navigator', {});
    const { host, unmount } = mount();
    await act(async () => {
      testIds(host, 'copy-link')[0].click();
      await Promise.resolve();
    });
    const field = testIds(host, 'copy-link-field')[0] as HTMLInputElement;
    expect([field.value, field.readOnly, field.selectionStart, field.selectionEnd]).toEqual([
      `${location.origin}${location.pathname}?model=mnist-mlp-badnet&defense=tsc&rounds=3&epochs=10&lr=0.2&out-t=0.4&clean=0.05&seed=0&perm=activation&ft=1&eval=300&test=0&round=2&stage=2&t=0.70`,
      true,
      0,
      field.value.length,
    ]);
    expect(testIds(host, 'copy-link')[0].textContent).toBe('Copy link');
    unmount();
  });
});
