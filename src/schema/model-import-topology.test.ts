import { describe, expect, it } from 'vitest';
import { readTopology } from './model-import-topology';

// Topology variants the corpus (test/fixtures/models/) does not hold a folder for, written inline.

const dense = (name: string, units: number, activation = 'relu', extra: object = {}) => ({
  class_name: 'Dense',
  config: { name, units, activation, ...extra },
});
const sequential = (layers: unknown[]) => ({ class_name: 'Sequential', config: { name: 'sequential', layers } });
const input = (shape: number[], key = 'batch_input_shape') => ({ class_name: 'InputLayer', config: { name: 'input', [key]: [null, ...shape] } });

describe('readTopology', () => {
  it.each<[string, unknown[], string]>([
    ['a flat 784 input', [dense('a', 8, 'relu', { batch_input_shape: [null, 784] }), dense('b', 10, 'linear')], 'seq:d8-d10'],
    ['an InputLayer (Keras 2)', [input([784]), dense('a', 8), dense('b', 10, 'softmax')], 'seq:d8-d10'],
    [
      'an InputLayer with batch_shape (Keras 3), then Flatten',
      [input([28, 28, 1], 'batch_shape'), { class_name: 'Flatten', config: { name: 'f' } }, dense('a', 8), dense('b', 10, 'linear')],
      'seq:d8-d10',
    ],
    [
      'convolutions with kernel_size as one number',
      [
        { class_name: 'Conv2D', config: { name: 'c', filters: 2, kernel_size: 3, padding: 'same', activation: 'relu', batch_input_shape: [null, 28, 28, 1] } },
        { class_name: 'MaxPooling2D', config: { name: 'p', pool_size: [2, 2], strides: null } },
        { class_name: 'Flatten', config: { name: 'f' } },
        dense('d', 10, 'linear'),
      ],
      'seq:c2k3s-p-d10',
    ],
    [
      'a linear activation layer (no-op)',
      [input([784]), dense('a', 8), { class_name: 'Activation', config: { name: 'x', activation: 'linear' } }, dense('b', 10, 'linear')],
      'seq:d8-d10',
    ],
    [
      'a softmax Activation layer after the output',
      [input([784]), dense('a', 8), dense('b', 10, 'linear'), { class_name: 'Activation', config: { name: 's', activation: 'softmax' } }],
      'seq:d8-d10',
    ],
  ])('accepts %s', (_, layers, arch) => {
    expect(readTopology(sequential(layers))).toMatchObject({ ok: true, arch });
  });

  it('the same layers under model_config (the converter of a Keras .h5 file)', () => {
    const result = readTopology({ model_config: sequential([input([784]), dense('a', 8), dense('b', 10, 'linear')]), training_config: {} });
    expect(result).toMatchObject({
      ok: true,
      arch: 'seq:d8-d10',
      weighted: [
        { sourceName: 'a', position: 'fc1' },
        { sourceName: 'b', position: 'fc2' },
      ],
    });
  });

  it.each<[string, unknown[], string]>([
    ['no input shape', [dense('a', 8), dense('b', 10, 'linear')], 'model.json: layer 1 (a) has no input shape'],
    [
      'a Dense on 28×28×1 without Flatten',
      [input([28, 28, 1]), dense('a', 8), dense('b', 10, 'linear')],
      'layer 2 (a) takes input of shape [28, 28, 1]; this layer needs [784]',
    ],
    [
      'a hidden linear Dense',
      [input([784]), dense('a', 8, 'linear'), dense('b', 10, 'linear')],
      'layer 2 (a) is a hidden Dense layer with activation "linear"; hidden layers need relu',
    ],
    ['a relu output', [input([784]), dense('a', 8), dense('b', 10, 'relu')], 'layer 3 (b) is the output layer with activation "relu"'],
    ['tanh', [input([784]), dense('a', 8, 'tanh'), dense('b', 10, 'linear')], 'layer 2 (a) is a Dense layer with activation "tanh"'],
    [
      'an Activation("relu") that does not follow a linear layer',
      [input([784]), dense('a', 8), { class_name: 'Activation', config: { name: 'r', activation: 'relu' } }, dense('b', 10, 'linear')],
      'layer 3 (r) is an Activation("relu") layer',
    ],
    [
      '5 output classes',
      [input([784]), dense('a', 8), dense('b', 5, 'linear')],
      'its layers make "seq:d8-d5", which the engine cannot run: architecture "seq:d8-d5" must end with a dense layer of 10 units',
    ],
    ['no hidden layer', [input([784]), dense('b', 10, 'linear')], 'has no hidden layer'],
    [
      'an LSTM',
      [input([28, 28]), { class_name: 'LSTM', config: { name: 'lstm', units: 8 } }, dense('b', 10, 'linear')],
      'layer 2 (lstm) is an LSTM layer; supported:',
    ],
    ['AveragePooling2D', [input([28, 28, 1]), { class_name: 'AveragePooling2D', config: { name: 'avg' } }], 'layer 2 (avg) is an AveragePooling2D layer'],
    [
      'a Flatten after a Dense',
      [input([784]), dense('a', 8), { class_name: 'Flatten', config: { name: 'f' } }, dense('b', 10, 'linear')],
      'layer 3 (f) is a Flatten after a Flatten or Dense layer',
    ],
    [
      'channels_first',
      [input([1, 28, 28]), { class_name: 'Conv2D', config: { name: 'c', filters: 2, kernel_size: [3, 3], data_format: 'channels_first' } }],
      'layer 2 (c) has data_format "channels_first"',
    ],
    [
      'a 28×28×3 input',
      [input([28, 28, 3]), { class_name: 'Conv2D', config: { name: 'c', filters: 2, kernel_size: [3, 3] } }],
      'layer 2 (c) takes input of shape [28, 28, 3]',
    ],
    [
      'a 7×7 kernel',
      [input([28, 28, 1]), { class_name: 'Conv2D', config: { name: 'c', filters: 2, kernel_size: [7, 7], activation: 'relu' } }],
      'layer 2 (c) has kernel_size [7,7]',
    ],
    [
      'a hostile layer name',
      [input([784]), { class_name: 'Lambda', config: { name: '<img src=x onerror=alert(1)>' } }],
      'layer 2 ("<img src=x onerror=alert(1)>") is a Lambda layer',
    ],
  ])('rejects %s', (_, layers, message) => {
    const result = readTopology(sequential(layers));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('rejects a functional model even when its layers form a chain', () => {
    const result = readTopology({ class_name: 'Model', config: { name: 'm', layers: [input([784]), dense('a', 8), dense('b', 10, 'linear')] } });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('model.json holds a functional model (class_name "Model"); only Sequential stacks are supported'),
    });
  });
});
