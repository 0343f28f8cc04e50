/**
 * The two architectures of the zoo, as named parameter lists. Parameter order equals
 * the weight order of the equivalent tfjs Layers model (see layers-format.ts), so the
 * zoo's standard files map 1:1 onto these names.
 */
export type ArchId = 'mlp' | 'cnn';

export interface ParamSpec {
  name: string;
  shape: number[];
  /** 'kernel' params get Glorot-uniform init (Keras default), 'bias' zeros. */
  role: 'kernel' | 'bias';
}

export interface ArchInfo {
  id: ArchId;
  title: string;
  params: ParamSpec[];
  /** Input shape of one example (without the batch axis). */
  inputShape: number[];
}

const k = (name: string, shape: number[]): ParamSpec => ({ name, shape, role: 'kernel' });
const b = (name: string, n: number): ParamSpec => ({ name, shape: [n], role: 'bias' });

export const ARCHS: Record<ArchId, ArchInfo> = {
  mlp: {
    id: 'mlp',
    title: 'MLP 784-256-256-10',
    inputShape: [784],
    params: [k('fc1/kernel', [784, 256]), b('fc1/bias', 256), k('fc2/kernel', [256, 256]), b('fc2/bias', 256), k('fc3/kernel', [256, 10]), b('fc3/bias', 10)],
  },
  cnn: {
    id: 'cnn',
    title: 'CNN conv16-conv32-fc128-10',
    inputShape: [28, 28, 1],
    params: [
      k('conv1/kernel', [3, 3, 1, 16]),
      b('conv1/bias', 16),
      k('conv2/kernel', [3, 3, 16, 32]),
      b('conv2/bias', 32),
      k('fc1/kernel', [7 * 7 * 32, 128]),
      b('fc1/bias', 128),
      k('fc2/kernel', [128, 10]),
      b('fc2/bias', 10),
    ],
  },
};

export function paramCount(arch: ArchId): number {
  return ARCHS[arch].params.reduce((n, p) => n + p.shape.reduce((a, c) => a * c, 1), 0);
}
