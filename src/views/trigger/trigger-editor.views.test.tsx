// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../store/store';
import { AttackPreview } from '../AttackPreview';
import { entry, samples } from '../test/fixtures';
import '../test/markup'; // React's act() environment
import { TriggerEditor } from './TriggerEditor';

function mount() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <>
        <AttackPreview />
        <TriggerEditor />
      </>,
    ),
  );
  return { host, unmount: () => act(() => (root.unmount(), host.remove())) };
}

const pick = (host: HTMLElement, testId: string, value: string) => {
  const el = host.querySelector<HTMLSelectElement | HTMLInputElement>(`[data-testid="${testId}"]`);
  if (!el) throw new Error(`no ${testId}`);
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
  act(() => {
    setter?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
};
const caption = (host: HTMLElement) => host.querySelector('[data-testid="attack-preview"] .footnote')?.textContent;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({
    models: [entry],
    selectedModelId: entry.id,
    evaluation: { requestId: 1, modelId: entry.id, backend: 'cpu', acc: 0.97, asr: 1, cleanCount: 10, poisonedCount: 9, seconds: 1, ...samples },
  });
});

describe('the trigger editor', () => {
  it("starts on the model's own recipe and leaves the preview as it was", () => {
    const { host, unmount } = mount();
    expect(useAppStore.getState().describedTrigger).toBeNull();
    expect(caption(host)).toBe(entry.attackDescription);
    unmount();
  });

  it('a BadNet moved and grown shows in the store and the preview caption', () => {
    const { host, unmount } = mount();
    pick(host, 'trigger-kind', 'badnet');
    pick(host, 'trigger-x', '0');
    pick(host, 'trigger-patchSize', '5');
    expect(useAppStore.getState().describedTrigger).toEqual({ kind: 'badnet', patchSize: 5, value: 1, x: 0, y: 23 });
    expect(caption(host)).toBe('BadNet 5×5 white patch (at x 0, y 23) (described; runs measure ASR with it)');
    pick(host, 'trigger-target', '3');
    expect(useAppStore.getState().describedTarget).toBe(3);
    unmount();
  });

  it('an out-of-range value is refused in words and the trigger is kept', () => {
    const { host, unmount } = mount();
    pick(host, 'trigger-kind', 'blended');
    pick(host, 'trigger-alpha', '0');
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('trigger alpha is 0, expected a number > 0 and ≤ 1');
    expect(useAppStore.getState().describedTrigger).toEqual({ kind: 'blended', alpha: 0.2, patternSeed: 1234 });
    unmount();
  });

  it('painting with the keyboard draws one patch pixel at the cursor', () => {
    const { host, unmount } = mount();
    pick(host, 'trigger-kind', 'custom-patch');
    const grid = host.querySelector('[data-testid="trigger-grid"]') as HTMLElement;
    act(() => {
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    });
    act(() => {
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    });
    const spec = useAppStore.getState().describedTrigger;
    expect(spec?.kind === 'custom-patch' && spec.mask.flatMap((m, i) => (m > 0 ? [i] : []))).toEqual([26 * 28 + 27]);
    unmount();
  });
});
