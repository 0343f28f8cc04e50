import { beforeEach, describe, expect, it } from 'vitest';
import type { UserModelEntry } from '../engine/zoo';
import type { TrainEpoch } from '../protocol/train-messages';
import { INITIAL_TRAIN_DRAFT, trainSecondsLeft } from './slices/train-model';
import { createAppStore } from './store';
import { memoryStorage } from './test/memory-storage';

const useAppStore = createAppStore(() => memoryStorage().storage);
const state = () => useAppStore.getState();

const epoch = (n: number): TrainEpoch => ({ epoch: n, epochs: 2, loss: 1 / n, accuracy: 0.5, asr: 0.4, samples: { clean: 10, poisoned: 9 }, seconds: 1 });
const model = { id: 'user-1', name: 'mine', cleanAccuracy: 0.9, attackSuccessRate: 0.95 } as UserModelEntry;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('the train-model slice', () => {
  it('a training goes from its progress, epoch by epoch, to its model; answers for another request are dropped', () => {
    state().startTraining(5, 2);
    expect(state().training).toMatchObject({ requestId: 5, status: 'training', totalEpochs: 2, epochs: [] });
    state().setTrainProgress(5, 'loading the data');
    state().setTrainProgress(5, 'training epoch 1 of 2', undefined, { done: 3, total: 10 });
    expect(state().training.step).toEqual({ done: 3, total: 10 });
    state().setTrainProgress(5, 'epoch 1 of 2', epoch(1));
    expect(state().training.step).toBeNull(); // the next epoch has not started
    state().setTrainProgress(4, 'epoch 1 of 2', epoch(1)); // an older training's
    state().setTrainProgress(5, 'epoch 2 of 2', epoch(2));
    expect(state().training.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(state().training.phase).toBe('epoch 2 of 2');
    state().finishTraining(4, { ...model, id: 'user-old' });
    state().finishTraining(5, model);
    expect(state().training).toMatchObject({ status: 'done', model, error: null });
    // a late failure of the finished training changes nothing
    state().failTraining(5, 'late', false);
    expect(state().training.status).toBe('done');
  });

  it('a failure keeps the epochs that finished and its message; a cancel has none', () => {
    state().startTraining(1, 3);
    state().setTrainProgress(1, 'epoch 1 of 3', epoch(1));
    state().failTraining(1, 'Training diverged at epoch 2', false);
    expect(state().training).toMatchObject({ status: 'failed', error: 'Training diverged at epoch 2', epochs: [epoch(1)] });
    state().startTraining(2, 3);
    expect(state().training.epochs).toEqual([]);
    state().failTraining(2, 'Cancelled', true);
    expect(state().training).toMatchObject({ status: 'cancelled', error: null });
  });

  it("the form: a changed architecture, dataset or attack kind drops the numbers the user set (the zoo's recipe shows again)", () => {
    state().setTrainNumber('epochs', 1);
    state().setTrainNumber('seed', 9);
    state().setTrainNumber('seed', undefined);
    state().updateTrainDraft({ hiddenWidths: '32', name: 'x' });
    expect(state().trainDraft).toEqual({ ...INITIAL_TRAIN_DRAFT, hiddenWidths: '32', name: 'x', overrides: { epochs: 1 } });
    state().updateTrainDraft({ attack: { kind: 'badnet', patchSize: 4, value: 1 } }); // same kind: kept
    expect(state().trainDraft.overrides).toEqual({ epochs: 1 });
    state().updateTrainDraft({ dataset: 'fashion-mnist' });
    expect(state().trainDraft.overrides).toEqual({});
    state().setTrainNumber('epochs', 2);
    state().updateTrainDraft({ family: 'cnn' });
    expect(state().trainDraft.overrides).toEqual({});
  });

  it('estimates the time left from the mean pace of the finished epochs', () => {
    expect(trainSecondsLeft({ epochs: [], totalEpochs: 3 })).toBeNull();
    expect(
      trainSecondsLeft({
        epochs: [
          { ...epoch(1), seconds: 2 },
          { ...epoch(2), seconds: 4 },
        ],
        totalEpochs: 5,
      }),
    ).toBe(9);
  });
});
