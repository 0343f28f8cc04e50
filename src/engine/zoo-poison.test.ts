import { describe, expect, it } from 'vitest';
import { loadImageSet } from './data/load';
import { fileSource } from './node/file-source';
import { readManifest } from './node/zoo';
import { zooPoisonedTrainingSet } from './zoo-poison';

describe('zooPoisonedTrainingSet', () => {
  it("rebuilds a zoo model's poisoned set: the manifest's poisoned count, target labels, clean images untouched", async () => {
    const entry = readManifest().models.find((m) => m.id === 'mnist-mlp-badnet');
    if (!entry) throw new Error('mnist-mlp-badnet is not in models/manifest.json');
    const train = await loadImageSet(fileSource(), entry.dataset, 'train');
    const set = zooPoisonedTrainingSet(entry, train);
    expect(set.poisonedIndices.length).toBe(entry.poisonedCount);
    for (const i of set.poisonedIndices) expect(set.labels[i]).toBe(entry.target);
    expect(set.cleanImages[0]).toBe(train.pixels[0] / 255);
    const i = set.poisonedIndices[0];
    const differs = set.images.subarray(i * 784, (i + 1) * 784).some((v, k) => v !== set.cleanImages[i * 784 + k]);
    expect(differs).toBe(true);
    // seeded: a second build picks the same images
    expect(Array.from(zooPoisonedTrainingSet(entry, train).poisonedIndices)).toEqual(Array.from(set.poisonedIndices));
  });
});
