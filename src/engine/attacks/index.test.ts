import { describe, expect, it } from 'vitest';
import { PIXELS } from '../data/datasets';
import { applyTrigger, badnetTrigger, defaultAttack, describeAttack, poisonTrainingSet, type AttackKind, type AttackSpec } from './index';
import { expectInUnitRange, randomBatch } from './testFixtures';
import { wanetTrigger } from './wanet';

const KINDS: AttackKind[] = ['badnet', 'blended', 'sig', 'wanet'];
const N = 200;

function dataset(): { images: Float32Array; labels: Uint8Array } {
  const images = randomBatch(N, 3);
  const labels = new Uint8Array(N);
  for (let i = 0; i < N; i++) labels[i] = i % 10;
  return { images, labels };
}

function image(a: Float32Array, i: number): Float32Array {
  return a.subarray(i * PIXELS, (i + 1) * PIXELS);
}

/** Fast exact comparison (toEqual on hundreds of typed arrays is slow). */
function same(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isSortedUnique(a: Int32Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] <= a[i - 1]) return false;
  return true;
}

describe('defaultAttack / describeAttack', () => {
  it('returns the documented defaults', () => {
    expect(defaultAttack('badnet')).toEqual({ kind: 'badnet', patchSize: 3, value: 1 });
    expect(defaultAttack('blended')).toEqual({ kind: 'blended', alpha: 0.2, patternSeed: 1234 });
    expect(defaultAttack('sig')).toEqual({ kind: 'sig', amplitude: 20 / 255, frequency: 6 });
    expect(defaultAttack('wanet')).toEqual({
      kind: 'wanet',
      k: 4,
      strength: 0.5,
      fieldSeed: 4321,
      noiseMode: false,
      crossRatio: 2,
    });
  });

  it('describes each attack in short text', () => {
    expect(describeAttack(defaultAttack('badnet'))).toBe('BadNet 3×3 white patch (bottom-right)');
    for (const k of KINDS) {
      const s = describeAttack(defaultAttack(k));
      expect(s.length).toBeGreaterThan(5);
      expect(s.length).toBeLessThan(80);
    }
  });
});

describe('applyTrigger', () => {
  it.each(KINDS)('%s: dispatches, changes the batch, returns a new in-range array', (kind) => {
    const x = randomBatch(4);
    const copy = new Float32Array(x);
    const y = applyTrigger(defaultAttack(kind), x);
    expect(y).not.toBe(x);
    expect(y).toHaveLength(x.length);
    expect(x).toEqual(copy);
    expect(y).not.toEqual(x);
    expect(expectInUnitRange(y)).toBe(true);
  });

  it('matches the per-attack function', () => {
    const x = randomBatch(2);
    const spec = defaultAttack('badnet') as Extract<AttackSpec, { kind: 'badnet' }>;
    expect(applyTrigger(spec, x)).toEqual(badnetTrigger(spec, x));
  });
});

describe('poisonTrainingSet', () => {
  const opts = { target: 0, rate: 0.1, seed: 11 };

  it.each(['badnet', 'blended', 'wanet'] as const)('%s: dirty-label, n = round(rate·N) non-target samples', (kind) => {
    const { images, labels } = dataset();
    const imgCopy = new Float32Array(images);
    const lblCopy = new Uint8Array(labels);
    const spec = defaultAttack(kind);
    const out = poisonTrainingSet(spec, images, labels, opts);

    expect(same(images, imgCopy)).toBe(true);
    expect(labels).toEqual(lblCopy);
    expect(out.poisonedIndices).toHaveLength(20);
    expect(out.crossIndices).toHaveLength(0);
    expect(isSortedUnique(out.poisonedIndices)).toBe(true);
    const poisoned = new Set(out.poisonedIndices);
    for (const i of out.poisonedIndices) {
      expect(labels[i]).not.toBe(0);
      expect(out.labels[i]).toBe(0);
      expect(same(image(out.images, i), applyTrigger(spec, image(images, i)))).toBe(true);
    }
    for (let i = 0; i < N; i++) {
      if (poisoned.has(i)) continue;
      expect(out.labels[i]).toBe(labels[i]);
      expect(same(image(out.images, i), image(images, i))).toBe(true);
    }
    expect(expectInUnitRange(out.images)).toBe(true);
  });

  it('sig: clean-label, only target samples, labels unchanged, capped at #target', () => {
    const { images, labels } = dataset();
    const spec = defaultAttack('sig');
    const out = poisonTrainingSet(spec, images, labels, opts);
    expect(out.poisonedIndices).toHaveLength(20); // exactly the 20 samples with label 0
    for (const i of out.poisonedIndices) {
      expect(labels[i]).toBe(0);
      expect(same(image(out.images, i), applyTrigger(spec, image(images, i)))).toBe(true);
    }
    expect(out.labels).toEqual(labels);

    const small = poisonTrainingSet(spec, images, labels, { ...opts, rate: 0.05 });
    expect(small.poisonedIndices).toHaveLength(10);
    for (const i of small.poisonedIndices) expect(labels[i]).toBe(0);
  });

  it('wanet noise mode: round(crossRatio·n) disjoint cross samples, noisy-warped, labels kept', () => {
    const { images, labels } = dataset();
    const spec = { ...defaultAttack('wanet'), noiseMode: true } as AttackSpec;
    const out = poisonTrainingSet(spec, images, labels, opts);
    expect(out.poisonedIndices).toHaveLength(20);
    expect(out.crossIndices).toHaveLength(40);
    expect(isSortedUnique(out.crossIndices)).toBe(true);
    const poisoned = new Set(out.poisonedIndices);
    const cleanWarp = spec.kind === 'wanet' ? wanetTrigger(spec, images) : images;
    for (const i of out.crossIndices) {
      expect(poisoned.has(i)).toBe(false);
      expect(out.labels[i]).toBe(labels[i]);
      const got = image(out.images, i);
      expect(same(got, image(images, i))).toBe(false);
      expect(same(got, image(cleanWarp, i))).toBe(false); // noisy, not the exact trigger
    }
    let untouched = 0;
    const cross = new Set(out.crossIndices);
    for (let i = 0; i < N; i++) {
      if (poisoned.has(i) || cross.has(i)) continue;
      expect(same(image(out.images, i), image(images, i))).toBe(true);
      untouched++;
    }
    expect(untouched).toBe(N - 60);
    expect(expectInUnitRange(out.images)).toBe(true);
  });

  it('is deterministic in the seed and varies with it', () => {
    const { images, labels } = dataset();
    const spec = { ...defaultAttack('wanet'), noiseMode: true } as AttackSpec;
    const a = poisonTrainingSet(spec, images, labels, opts);
    const b = poisonTrainingSet(spec, images, labels, opts);
    expect(same(a.images, b.images)).toBe(true);
    expect(a.labels).toEqual(b.labels);
    expect(a.poisonedIndices).toEqual(b.poisonedIndices);
    expect(a.crossIndices).toEqual(b.crossIndices);
    const c = poisonTrainingSet(spec, images, labels, { ...opts, seed: 12 });
    expect(c.poisonedIndices).not.toEqual(a.poisonedIndices);
  });

  it('rate 0 poisons nothing; rate is capped by the number of eligible samples', () => {
    const { images, labels } = dataset();
    const none = poisonTrainingSet(defaultAttack('badnet'), images, labels, { ...opts, rate: 0 });
    expect(none.poisonedIndices).toHaveLength(0);
    expect(same(none.images, images)).toBe(true);
    const all = poisonTrainingSet(defaultAttack('badnet'), images, labels, { ...opts, rate: 1 });
    expect(all.poisonedIndices).toHaveLength(180); // all non-target samples
    expect(Array.from(all.labels).every((l) => l === 0)).toBe(true);
  });

  it('rejects mismatched labels and bad rates', () => {
    const { images, labels } = dataset();
    expect(() => poisonTrainingSet(defaultAttack('badnet'), images, labels.subarray(1), opts)).toThrow();
    expect(() => poisonTrainingSet(defaultAttack('badnet'), images, labels, { ...opts, rate: 1.5 })).toThrow();
  });
});
