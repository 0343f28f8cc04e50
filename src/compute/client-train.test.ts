import { describe, expect, it } from 'vitest';
import type { TrainedModel, TrainRecipe } from '../protocol/messages';
import { fakeClient } from './test/fake-client';
import type { TrainListener } from './train-requests';

/** A listener that records what it hears, one line per call. */
function recordingListener(): TrainListener & { heard: string[] } {
  const heard: string[] = [];
  return {
    heard,
    progress: (phase, epoch) => heard.push(`progress ${phase}${epoch ? ` loss ${epoch.loss}` : ''}`),
    done: (model) => heard.push(`done ${model.entry.id}`),
    failed: (message, cancelled) => heard.push(`failed ${message} ${cancelled}`),
  };
}

const recipe = { id: 'user-t', name: 't' } as TrainRecipe;
const model = { entry: { id: 'user-t' }, modelJson: '{}', weights: new Uint8Array(4) } as TrainedModel;

describe('ComputeClient.trainModel', () => {
  it("sends the recipe, hands that training's progress and result to its listener only, and cancels by its id", () => {
    const { workers, calls: sinkCalls, client } = fakeClient();
    const [worker] = workers;
    const listener = recordingListener();
    const id = client.trainModel(recipe, listener);
    expect(worker.sent.at(-1)).toEqual({ type: 'train-model', requestId: id, recipe });
    sinkCalls.length = 0;

    worker.answer({ type: 'train-progress', requestId: id, phase: 'loading the data' });
    const epoch = { epoch: 1, epochs: 2, loss: 0.5, accuracy: 0.9, asr: 0.8, samples: { clean: 10, poisoned: 9 }, seconds: 1 };
    worker.answer({ type: 'train-progress', requestId: id, phase: 'epoch 1 of 2', epoch });
    worker.answer({ type: 'train-progress', requestId: id + 99, phase: 'another training' });
    client.cancel(id);
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', requestId: id });
    worker.answer({ type: 'train-done', requestId: id, model });
    worker.answer({ type: 'train-failed', requestId: id, message: 'late', cancelled: false });

    expect(listener.heard).toEqual(['progress loading the data', 'progress epoch 1 of 2 loss 0.5', 'done user-t']);
    // nothing reaches the store's sink, and the worker's memory is read once the training ends
    expect(sinkCalls).toEqual([]);
    expect(worker.sent.at(-1)?.type).toBe('memory');
  });

  it('a failed or cancelled training, and an error for its id, reach its listener as failures', () => {
    const { workers, client } = fakeClient();
    const [worker] = workers;
    const a = recordingListener();
    const b = recordingListener();
    const idA = client.trainModel(recipe, a);
    const idB = client.trainModel(recipe, b);
    worker.answer({ type: 'train-failed', requestId: idA, message: 'Cancelled', cancelled: true });
    worker.answer({ type: 'error', requestId: idB, message: 'No backend yet' });
    expect(a.heard).toEqual(['failed Cancelled true']);
    expect(b.heard).toEqual(['failed No backend yet false']);
  });

  it('a worker that crashes fails the training it owed, and the next worker trains again', () => {
    const { workers, client } = fakeClient();
    const listener = recordingListener();
    client.trainModel(recipe, listener);
    workers[0].die('out of memory');
    expect(listener.heard).toEqual(['failed The compute worker crashed: out of memory; a new one was started. false']);
    const again = recordingListener();
    const id = client.trainModel(recipe, again);
    workers[1].answer({ type: 'train-done', requestId: id, model });
    expect(again.heard).toEqual(['done user-t']);
  });
});
