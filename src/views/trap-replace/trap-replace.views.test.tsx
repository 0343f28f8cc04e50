// @vitest-environment happy-dom
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrapReplaceActions } from '../../app/trap-replace-actions';
import { TRAP_REPLACE_DEFAULTS } from '../../engine/defenses/trap-replace-settings';
import { userModelEntry } from '../../engine/test/user-model-entry';
import type { BackendStatus } from '../../protocol/messages';
import { useAppStore } from '../../store/store';
import { DefenseComparisonTable } from '../DefenseComparisonTable';
import { entry } from '../test/fixtures';
import { mount, typeInto } from '../test/mount'; // also React's act() environment
import { TrapReplacePanel } from './TrapReplacePanel';

const backend: BackendStatus = { name: 'wasm', fallbackReasons: [], detail: '' };
const imported = userModelEntry('user-folder-1', { name: 'my-folder' });

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ models: [entry, { ...entry, id: 'fmnist-mlp-badnet', dataset: 'fashion-mnist' }], selectedModelId: entry.id, backend });
});

const input = (host: HTMLElement, key: string) => host.querySelector<HTMLInputElement>(`[data-testid="trap-replace-${key}"]`) as HTMLInputElement;
const button = (host: HTMLElement, id: string) => host.querySelector<HTMLButtonElement>(`[data-testid="trap-replace-${id}"]`) as HTMLButtonElement;

const fakeActions = () => ({ trapReplace: vi.fn(), cancelTrapReplace: vi.fn() }) satisfies TrapReplaceActions;

describe('Trap and Replace panel', () => {
  it('shows every setting at its dataset’s defaults and runs with what was typed', () => {
    const actions = fakeActions();
    const { host, unmount } = mount(<TrapReplacePanel actions={actions} />);
    expect(host.textContent).toContain('A training-time defense');
    expect(host.querySelectorAll('[data-testid="trap-replace-fields"] input')).toHaveLength(12);
    expect(input(host, 'stage1Epochs').value).toBe('4');
    expect(input(host, 'stage2Lr').value).toBe('0.001');
    typeInto(input(host, 'stage1Epochs'), '1');
    typeInto(input(host, 'stage2Epochs'), '2');
    act(() => button(host, 'run').click());
    expect(actions.trapReplace).toHaveBeenCalledWith({ ...TRAP_REPLACE_DEFAULTS, stage1Epochs: 1, stage2Epochs: 2 });
    act(() => void useAppStore.setState({ selectedModelId: 'fmnist-mlp-badnet' }));
    expect(input(host, 'stage1Epochs').value).toBe('1'); // Fashion-MNIST's default (trapReplaceDefaults)
    unmount();
  });

  it('names a value out of range under its field and will not run until it is fixed', () => {
    const actions = fakeActions();
    const { host, unmount } = mount(<TrapReplacePanel actions={actions} />);
    typeInto(input(host, 'holdoutFraction'), '1.5');
    expect(input(host, 'holdoutFraction').getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector('#trap-replace-holdoutFraction-error')?.textContent).toMatch(/^holdout share is 1\.5, expected/);
    expect(button(host, 'run').disabled).toBe(true);
    typeInto(input(host, 'holdoutFraction'), '');
    expect(host.querySelector('#trap-replace-holdoutFraction-error')?.textContent).toMatch(/^holdout share is "", expected/);
    act(() => button(host, 'defaults').click());
    expect(button(host, 'run').disabled).toBe(false);
    unmount();
  });

  it('while it runs: progress with stage, epoch and loss, Cancel live and focused, inputs locked; then idle with the result', () => {
    const actions = fakeActions();
    const { host, unmount } = mount(<TrapReplacePanel actions={actions} />);
    button(host, 'run').focus();
    act(() => useAppStore.getState().startTrapReplace(7, entry.id));
    expect(document.activeElement).toBe(button(host, 'cancel'));
    expect(button(host, 'run').disabled).toBe(true);
    expect(input(host, 'seed').disabled).toBe(true);
    act(() => {
      useAppStore.getState().setTrapReplaceProgress(7, { kind: 'training', stage: 1, epoch: 1, epochs: 4, done: 10, total: 40, meanLoss: 2.345, seconds: 3 });
      useAppStore.getState().setTrapReplaceProgress(7, { kind: 'training', stage: 1, epoch: 2, epochs: 4, done: 12, total: 40, seconds: 4 });
    });
    expect(host.querySelector('[data-testid="trap-replace-progress-text"]')?.textContent).toBe('stage 1 · epoch 2/4 · 4 s · loss 2.35 (stage 1, epoch 1)');
    expect(host.querySelector('progress')?.getAttribute('value')).toBe('0.3');
    act(() => button(host, 'cancel').click());
    expect(actions.cancelTrapReplace).toHaveBeenCalledOnce();
    act(() => useAppStore.getState().failTrapReplace(7, 'Cancelled', true));
    expect(host.querySelector('[data-testid="trap-replace-status"]')?.getAttribute('data-state')).toBe('idle');
    expect(document.activeElement).toBe(button(host, 'run'));
    const result = {
      requestId: 8,
      modelId: entry.id,
      acc: 0.9123,
      asr: 0.0456,
      cleanCount: 10000,
      poisonedCount: 9020,
      seconds: 12,
      settings: TRAP_REPLACE_DEFAULTS,
      backend: 'wasm',
    };
    act(() => (useAppStore.getState().startTrapReplace(8, entry.id), useAppStore.getState().finishTrapReplace(result)));
    expect(host.querySelector('[data-testid="trap-replace-result"]')?.textContent).toBe(
      'Measured in this page: clean ACC 91.23%, ASR 4.56% on 10000 clean and 9020 triggered test images; training took 12 s on wasm.',
    );
    unmount();
  });

  it('says plainly that an imported model cannot run it, and offers no Run', () => {
    useAppStore.setState({ models: [entry, imported], selectedModelId: imported.id } as never);
    const { host, unmount } = mount(<TrapReplacePanel actions={fakeActions()} />);
    expect(host.querySelector('[data-testid="trap-replace-unavailable"]')?.textContent).toBe(
      'my-folder was imported, so its poisoned training set is not known; Trap and Replace trains a new model from that set, so it cannot run on this model.',
    );
    expect(button(host, 'run')).toBeNull();
    unmount();
  });

  it('its measured result joins the defense table as its own row, labelled against the precomputed one', () => {
    const { host, unmount } = mount(<DefenseComparisonTable />);
    expect(host.querySelector('[data-testid="trap-replace-page-row"]')).toBeNull();
    const result = {
      requestId: 9,
      modelId: entry.id,
      acc: 0.88,
      asr: 0.02,
      cleanCount: 10,
      poisonedCount: 9,
      seconds: 1,
      settings: TRAP_REPLACE_DEFAULTS,
      backend: 'wasm',
    };
    act(() => (useAppStore.getState().startTrapReplace(9, entry.id), useAppStore.getState().finishTrapReplace(result)));
    const rows = [...host.querySelectorAll('tr[data-defense]')].map((tr) => [tr.getAttribute('data-defense'), tr.lastElementChild?.textContent]);
    expect(rows.at(-2)).toEqual(['trap-replace', 'precomputed (npm run results)']);
    expect(rows.at(-1)).toEqual(['trap-replace-page', 'measured in this page (wasm)']);
    const cells = [...host.querySelectorAll('[data-testid="trap-replace-page-row"] td')].map((td) => td.textContent);
    expect(cells.slice(0, 4)).toEqual(['Trap and Replace (this page)', 'the poisoned training set (model recipe), retrained', '88.00%', '2.00%']);
    unmount();
  });
});
