import { describe, expect, it } from 'vitest';
import { ARCHS, archIdError, archInfo, canonicalArchId, isZooArch, paramCount, preferredArchId } from './arch';

describe('architecture ids', () => {
  it('the zoo aliases describe the zoo files exactly', () => {
    expect(ARCHS.mlp.params.map((p) => `${p.name}:${p.shape.join('x')}`)).toEqual([
      'fc1/kernel:784x256',
      'fc1/bias:256',
      'fc2/kernel:256x256',
      'fc2/bias:256',
      'fc3/kernel:256x10',
      'fc3/bias:10',
    ]);
    expect(ARCHS.cnn.params.map((p) => `${p.name}:${p.shape.join('x')}`)).toEqual([
      'conv1/kernel:3x3x1x16',
      'conv1/bias:16',
      'conv2/kernel:3x3x16x32',
      'conv2/bias:32',
      'fc1/kernel:1568x128',
      'fc1/bias:128',
      'fc2/kernel:128x10',
      'fc2/bias:10',
    ]);
    expect(ARCHS.mlp.title).toBe('MLP 784-256-256-10');
    expect(archInfo('seq:d256-d256-d10').params).toEqual(ARCHS.mlp.params);
    expect(archInfo('seq:c16k3s-p-c32k3s-p-d128-d10').params).toEqual(ARCHS.cnn.params);
    expect(preferredArchId('seq:d256-d256-d10')).toBe('mlp');
    expect(canonicalArchId('cnn')).toBe('seq:c16k3s-p-c32k3s-p-d128-d10');
    expect(isZooArch('seq:d256-d256-d10', 'mlp')).toBe(true);
    expect(isZooArch('seq:d256-d128-d10', 'mlp')).toBe(false);
  });

  it('describes deeper MLPs and valid-padded 5×5 CNNs', () => {
    const mlp = archInfo('seq:d512-d128-d64-d10');
    expect(mlp.family).toBe('mlp');
    expect(mlp.title).toBe('MLP 784-512-128-64-10');
    expect(mlp.inputShape).toEqual([784]);
    expect(paramCount('seq:d512-d128-d64-d10')).toBe(784 * 512 + 512 + 512 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
    const cnn = archInfo('seq:c8k5v-p-c16k3s-p-d64-d10');
    // 28 → 24 (5×5 valid) → 12 → 12 → 6; flatten 6·6·16 = 576
    expect(cnn.layers.find((l) => l.kind === 'flatten')).toMatchObject({ positions: 36, channels: 16 });
    expect(cnn.params.find((p) => p.name === 'fc1/kernel')?.shape).toEqual([576, 64]);
    expect(cnn.params.find((p) => p.name === 'conv1/kernel')?.shape).toEqual([5, 5, 1, 8]);
    expect(cnn.title).toBe('CNN conv8(5×5 valid)-pool-conv16-pool-fc64-10');
  });

  it.each([
    ['resnet', /unknown architecture/],
    ['seq:d10', /no hidden layer/],
    ['seq:d256-d256', /must end with a dense layer of 10/],
    ['seq:d64-c8k3s-d10', /convolution after a dense layer/],
    ['seq:p-d64-d10', /max-pool must follow a convolution/],
    ['seq:c8k7s-d10', /is not a layer/],
    ['seq:d5000-d10', /at most 4096/],
    ['seq:c8k5v-p-c8k5v-p-c8k5v-d10', /leaves nothing/],
    ['seq:d8-bn-d10', /is not a layer/],
  ])('refuses %s with a message that says why', (id, message) => {
    expect(archIdError(id)).toMatch(message);
    expect(() => archInfo(id)).toThrow(message);
  });
});
