// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainListener } from '../compute/train-requests';
import type { TrainedModel, TrainRecipe } from '../protocol/train-messages';
import { records, resetFakeIdb } from '../store/run-history-fake-idb';
import { useAppStore } from '../store/store';
import { userModelRecord } from '../store/test/user-model-record';
import { createTrainModelActions } from './train-model';

vi.mock('idb-keyval', () => import('../store/run-history-fake-idb'));

const state = () => useAppStore.getState();

/** A client that keeps what it was asked, so the test can answer as the worker would. */
function fakeClient() {
  const sent: { recipe: TrainRecipe; listener: TrainListener; id: number }[] = [];
  const cancelled: number[] = [];
  return {
    sent,
    cancelled,
    trainModel: (recipe: TrainRecipe, listener: TrainListener) => sent.push({ recipe, listener, id: 40 + sent.length }) + 39,
    cancel: (id: number) => void cancelled.push(id),
  };
}

beforeEach(() => {
  resetFakeIdb();
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('the train-model actions', () => {
  it('send the checked recipe under a fresh user id, and keep the finished model before the panel says done', async () => {
    const client = fakeClient();
    const actions = createTrainModelActions(client, () => 36 ** 3);
    state().updateTrainDraft({ hiddenWidths: '32' });
    state().setTrainNumber('epochs', 1);
    expect(actions.trainModel()).toBeNull();
    expect(client.sent).toHaveLength(1);
    const [{ recipe, listener, id }] = client.sent;
    expect(recipe).toMatchObject({ id: 'user-1000', arch: 'seq:d32-d10', epochs: 1 });
    expect(state().training).toMatchObject({ requestId: id, status: 'training', totalEpochs: 1 });
    expect(actions.trainModel()).toBe('a training is running: cancel it first');

    listener.progress('loading the data');
    expect(state().training.phase).toBe('loading the data');
    const { entry, modelJson, weights } = userModelRecord(recipe.id, { origin: 'trained', arch: recipe.arch });
    const model: TrainedModel = { entry, modelJson, weights };
    listener.done(model);
    await vi.waitFor(() => expect(state().training.status).toBe('done'));
    expect(records.get(recipe.id)).toEqual({ version: 1, ...model });
    expect(state().models.map((m) => m.id)).toContain(recipe.id);
    expect(state().training.model).toEqual(entry);
  });

  it('say what is wrong with the form without sending, and cancel only the training that runs', () => {
    const client = fakeClient();
    const actions = createTrainModelActions(client);
    state().updateTrainDraft({ hiddenWidths: '32, x' });
    expect(actions.trainModel()).toBe('hidden width "x" is not a positive whole number of units (e.g. "256, 256")');
    actions.cancelTraining();
    expect([client.sent.length, client.cancelled]).toEqual([0, []]);

    state().updateTrainDraft({ hiddenWidths: '32' });
    actions.trainModel();
    actions.cancelTraining();
    expect(client.cancelled).toEqual([client.sent[0].id]);
    client.sent[0].listener.failed('Cancelled', true);
    expect(state().training.status).toBe('cancelled');
  });
});
