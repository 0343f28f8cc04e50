import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS, dataFileName } from '../src/engine/data/datasets';
import { loadImageSet } from '../src/engine/data/load';
import { fileSource } from '../src/engine/node/file-source';
import { buildDatasetFiles } from './prepare-data';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// Pinned digests of the converted files: a change here means the conversion or split changed.
const EXPECTED_SHA256: Record<string, string> = {
  'mnist-train.bin': 'f63bf70f0457fc5e',
  'mnist-test.bin': '794a39cc950e9b9f',
  'fashion-mnist-train.bin': 'c92d8f21c52a7f48',
  'fashion-mnist-test.bin': '58c80cad5a5789b7',
};

describe('prepared data files (npm run prepare-data)', () => {
  it('rebuilds MNIST byte-identically in memory and matches the pinned checksums', () => {
    for (const { name, bytes } of buildDatasetFiles('mnist')) {
      expect(sha(bytes).slice(0, 16)).toBe(EXPECTED_SHA256[name]);
      expect(sha(readFileSync(join('public', 'data', name)))).toBe(sha(bytes));
    }
  });

  it('Fashion-MNIST files on disk match the pinned checksums', () => {
    for (const split of ['train', 'test'] as const) {
      const name = dataFileName('fashion-mnist', split);
      expect(sha(readFileSync(join('public', 'data', name))).slice(0, 16)).toBe(EXPECTED_SHA256[name]);
    }
  });

  it('has the documented split sizes, stratified per class', async () => {
    for (const dataset of ['mnist', 'fashion-mnist'] as const) {
      const test = await loadImageSet(fileSource(), dataset, 'test');
      const train = await loadImageSet(fileSource(), dataset, 'train');
      expect(test.count).toBe(DATASETS[dataset].testCount);
      expect(train.count).toBe(DATASETS[dataset].trainCount);
      const perClass = new Array(10).fill(0);
      test.labels.forEach((l) => perClass[l]++);
      // Fashion-MNIST has 7,000 per class → exactly 1,000 test images each; MNIST ≈ 20 % of each class.
      if (dataset === 'fashion-mnist') expect(perClass).toEqual(new Array(10).fill(1000));
      else perClass.forEach((n) => expect(n).toBeGreaterThan(160));
    }
  });
});
