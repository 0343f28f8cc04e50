// @vitest-environment happy-dom
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainModelActions } from '../../app/train-model';
import type { UserModelEntry } from '../../engine/zoo';
import { useAppStore } from '../../store/store';
import { entry } from '../test/fixtures';
import { mount, typeInto } from '../test/mount'; // also React's act() environment
import { TrainModelPanel } from './TrainModelPanel';

const cnnEntry = { ...entry, id: 'mnist-cnn-badnet', arch: 'cnn', epochs: 12, seed: 3 };

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ models: [entry, cnnEntry], selectedModelId: entry.id });
});

const byId = <T extends HTMLElement>(host: HTMLElement, id: string) => host.querySelector<T>(`[data-testid="${id}"]`) as T;

function choose(el: HTMLSelectElement, value: string) {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const fakeActions = (problem: string | null = null) => ({ trainModel: vi.fn(() => problem), cancelTraining: vi.fn() }) satisfies TrainModelActions;

describe('the Train a backdoored model panel', () => {
  it("shows the zoo's recipe for the chosen architecture, the id the widths make, and what is wrong with them", () => {
    const { host, unmount } = mount(<TrainModelPanel actions={fakeActions()} />);
    expect(byId<HTMLInputElement>(host, 'train-epochs-field').value).toBe('5');
    expect(byId(host, 'train-arch').textContent).toBe('MLP 784-256-256-10 (seq:d256-d256-d10)');
    typeInto(byId(host, 'train-widths'), '64, 32');
    expect(byId(host, 'train-arch').textContent).toBe('MLP 784-64-32-10 (seq:d64-d32-d10)');
    expect(byId<HTMLInputElement>(host, 'train-name').placeholder).toBe('MNIST · MLP 784-64-32-10 · BadNet → 0');
    typeInto(byId(host, 'train-widths'), '64, -1');
    expect(byId(host, 'train-arch').className).toBe('error');
    expect(byId(host, 'train-arch').textContent).toContain('"-1" is not a positive whole number');

    choose(byId(host, 'train-family'), 'cnn');
    expect(byId<HTMLInputElement>(host, 'train-epochs-field').value).toBe('12');
    expect(byId<HTMLInputElement>(host, 'train-seed').value).toBe('3');
    expect(byId(host, 'train-widths')).toBeNull();
    unmount();
  });

  it('trains on a click and shows what the form got wrong; the described trigger is offered once there is one', () => {
    const actions = fakeActions('no trigger is described');
    const { host, unmount } = mount(<TrainModelPanel actions={actions} />);
    const described = () => byId<HTMLSelectElement>(host, 'train-attack').querySelector<HTMLOptionElement>('option[value="described"]');
    expect(described()?.disabled).toBe(true);
    act(() => useAppStore.getState().setDescribedTrigger({ kind: 'blended', alpha: 0.3, patternSeed: 1 }));
    expect(described()?.disabled).toBe(false);
    act(() => byId(host, 'train-start').click());
    expect(actions.trainModel).toHaveBeenCalledOnce();
    expect(byId(host, 'train-problem').textContent).toBe('no trigger is described');
    unmount();
  });

  it('while training: the epoch bar, each epoch, the time left and Cancel; when done, the measured model and Open', () => {
    const actions = fakeActions();
    const { host, unmount } = mount(<TrainModelPanel actions={actions} />);
    const s = () => useAppStore.getState();
    act(() => {
      s().startTraining(7, 3);
      s().setTrainProgress(7, 'training epoch 2 of 3', {
        epoch: 1,
        epochs: 3,
        loss: 0.51234,
        accuracy: 0.9,
        asr: 0.85,
        samples: { clean: 1000, poisoned: 903 },
        seconds: 4,
      });
    });
    expect(byId<HTMLProgressElement>(host, 'train-progress').value).toBe(1);
    expect(byId(host, 'train-phase').textContent).toBe('1/3 epochs done · training epoch 2 of 3 · ~8 s left');
    act(() => s().setTrainProgress(7, 'training epoch 2 of 3', undefined, { done: 5, total: 10 }));
    expect(byId<HTMLProgressElement>(host, 'train-progress').value).toBe(1.5);
    expect(byId(host, 'train-phase').textContent).toBe('1/3 epochs done · training epoch 2 of 3 (step 5/10) · ~8 s left');
    expect([...byId(host, 'train-epochs').querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['1', '0.5123', '90.0%', '85.0%', '4.0']);
    expect(byId<HTMLButtonElement>(host, 'train-start').disabled).toBe(true);
    act(() => byId(host, 'train-cancel').click());
    expect(actions.cancelTraining).toHaveBeenCalledOnce();

    const model = {
      id: 'user-9',
      name: 'mine',
      cleanAccuracy: 0.9612,
      attackSuccessRate: 0.9901,
      evaluatedOn: { clean: 2000, poisoned: 1800, backend: 'wasm' },
    } as UserModelEntry;
    act(() => s().finishTraining(7, model));
    expect(byId(host, 'train-acc').textContent).toBe('96.12%');
    expect(byId(host, 'train-asr').textContent).toBe('99.01%');
    act(() => byId(host, 'train-open').click());
    expect(s().selectedModelId).toBe('user-9');
    unmount();
  });
});
