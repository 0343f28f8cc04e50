import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifest, zooEntryError } from './manifest';

// The bad manifests are in test/fixtures/bad-inputs/ (src/bad-inputs.test.ts); here the shipped one, and what a failure keeps.
const TEXT = readFileSync('models/manifest.json', 'utf8');

describe('parseManifest', () => {
  it('accepts the shipped models/manifest.json as it is', () => {
    const result = parseManifest(TEXT);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.manifest.models).toEqual(JSON.parse(TEXT).models);
  });

  it('one bad entry fails the manifest, and the others stay usable', () => {
    const value = JSON.parse(TEXT);
    value.models[2].cleanAccuracy = Number.NaN;
    const result = parseManifest(value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^models\/manifest\.json: model 3 \(mnist-cnn-badnet\): cleanAccuracy is NaN, expected a number from 0 to 1; retrain/);
    expect(result.usable.map((m) => m.id)).toEqual(value.models.filter((_: unknown, i: number) => i !== 2).map((m: { id: string }) => m.id));
  });

  it('zooEntryError words what the training script must not write', () => {
    const entry = { ...JSON.parse(TEXT).models[0], attackSuccessRate: null };
    expect(zooEntryError(entry)).toBe('attackSuccessRate is null, expected a number from 0 to 1');
    expect(zooEntryError(JSON.parse(TEXT).models[0])).toBeNull();
  });
});
