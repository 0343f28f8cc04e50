// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserModelEntry } from '../../engine/zoo';
import { useAppStore } from '../../store/store';
import { userModelRecord } from '../../store/test/user-model-record';
import { DefenseComparisonTable } from '../DefenseComparisonTable';
import { ModelPicker } from '../ModelPicker';
import { entry as zooEntry } from '../test/fixtures';
import { htmlOf, renderMarkup } from '../test/markup'; // also React's act() environment
import { mount } from '../test/mount';
import { ImportModelPanel } from './ImportModelPanel';

vi.mock('idb-keyval', () => import('../../store/run-history-fake-idb'));

const text = (host: HTMLElement, testId: string) => host.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
/** Waits for the panel's async work (reading files, the import's promise) to show. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 20)));
const FOLDER = join('test', 'fixtures', 'models', 'good', 'mlp-3-hidden');
const files = () => readdirSync(FOLDER).map((f) => new File([readFileSync(join(FOLDER, f))], f));

const user: UserModelEntry = { ...userModelRecord('user-a').entry, name: 'my net', trigger: { kind: 'badnet', patchSize: 3, value: 1 }, target: 7 };

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ models: [zooEntry, user], selectedModelId: user.id });
});

describe('the model picker with user models', () => {
  it('lists them under "Your models" and shows the selected one\'s card: origin, architecture, trigger, target, figures', () => {
    const { host, unmount } = mount(<ModelPicker />);
    const groups = [...host.querySelectorAll('optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.value)]);
    expect(groups).toEqual([
      ['Zoo', [zooEntry.id]],
      ['Your models', ['user-a']],
    ]);
    expect(text(host, 'user-model-name')).toBe('my net');
    expect(text(host, 'user-model-arch')).toBe('MLP 784-64-32-10');
    expect(text(host, 'user-model-trigger')).toBe('BadNet 3×3 white patch (bottom-right)');
    expect(text(host, 'user-model-measured')).toBe('ACC 97.00%, ASR 99.00% (wasm, 10,000 clean / 9,020 triggered test images)');
    expect(host.textContent).toContain('7 (7), all-to-one');
    unmount();
  });

  it('snapshot: the picker and the card of an imported model', async () => {
    await expect(renderMarkup(<ModelPicker />, htmlOf)).toMatchFileSnapshot('../__snapshots__/model-picker-user-model.html');
  });
});

describe('the defense table on a user model', () => {
  it('names the model by its name and says results/ covers the zoo only', () => {
    const { host, unmount } = mount(<DefenseComparisonTable results={{ results: [] }} />);
    expect(host.querySelector('h2')?.textContent).toBe('Defenses compared on my net');
    expect(host.querySelector('p.muted')?.textContent).toMatch(/^Your own model: results\/ covers the zoo only\. Run TSC, MCR or FT on it/);
    unmount();
  });

  it("lists the model as measured at import and the user's saved runs of it, newest first", () => {
    const run = (id: string, defense: 'tsc' | 'mcr', savedAt: number, asr: number) => ({
      id,
      name: `${defense} run`,
      savedAt,
      modelId: user.id,
      defense,
      backend: 'wasm',
      wallSeconds: 3,
      settings: {} as never,
      before: { acc: 0.95, asr: 0.99 },
      after: { acc: 0.9, asr },
    });
    useAppStore.setState({ models: [zooEntry, { ...user, cleanAccuracy: 0.95, attackSuccessRate: 0.99 }] });
    useAppStore.setState({
      history: [run('run:b', 'mcr', 2000, 0.97), run('run:a', 'tsc', 1000, 0.2), { ...run('run:z', 'tsc', 500, 0.1), modelId: 'other' }],
    });
    const { host, unmount } = mount(<DefenseComparisonTable results={{ results: [] }} />);
    const rows = [...host.querySelectorAll('tr[data-defense]')].map((tr) => [
      tr.getAttribute('data-defense'),
      ...[...tr.querySelectorAll('td.num')].map((td) => td.textContent),
    ]);
    expect(rows).toEqual([
      ['none-user', '95.00%', '99.00%'],
      ['mcr-saved', '90.00%', '97.00%'],
      ['tsc-saved', '90.00%', '20.00%'],
    ]);
    expect(host.querySelector('[data-testid="user-baseline-row"]')?.textContent).toContain('measured when imported');
    unmount();
  });
});

describe('the Bring your own model panel', () => {
  it('shows what a folder is, then imports it with the chosen trigger and target; a failed import says why in the panel', async () => {
    const importModel = vi.fn().mockRejectedValueOnce(new Error('The mnist test split could not be loaded: HTTP 404')).mockResolvedValueOnce(user);
    const { host, unmount } = mount(<ImportModelPanel actions={{ importModel }} />);
    const input = host.querySelector<HTMLInputElement>('[data-testid="import-files"]');
    if (!input) throw new Error('no file input');
    Object.defineProperty(input, 'files', { value: files(), configurable: true });
    await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await settle();
    expect(text(host, 'import-arch')).toBe('MLP 784-16-16-16-10');
    expect(text(host, 'import-params')).toBe('13,274');
    const start = host.querySelector<HTMLButtonElement>('[data-testid="import-start"]');
    act(() => start?.click());
    await settle();
    expect(text(host, 'import-error')).toBe('The mnist test split could not be loaded: HTTP 404');
    act(() => start?.click());
    await settle();
    const [, choices] = importModel.mock.calls[1];
    expect(choices).toMatchObject({ name: 'model', dataset: 'mnist', target: 0, trigger: { kind: 'badnet', patchSize: 3, value: 1 } });
    expect(text(host, 'import-done')).toContain('“my net” was imported and selected: ACC 97.00%, ASR 99.00%');
    unmount();
  });

  it('a folder it cannot use is refused with a message naming the file', async () => {
    const { host, unmount } = mount(<ImportModelPanel actions={{ importModel: vi.fn() }} />);
    const input = host.querySelector<HTMLInputElement>('[data-testid="import-files"]');
    if (!input) throw new Error('no file input');
    Object.defineProperty(input, 'files', { value: files().filter((f) => f.name.endsWith('.json')), configurable: true });
    await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await settle();
    expect(text(host, 'import-error')).toContain('group1-shard1of1.bin');
    expect(host.querySelector('[data-testid="import-start"]')).toBeNull();
    unmount();
  });
});
