import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtAsset, sizesFor } from './engine-bench';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('builtAsset', () => {
  it('finds the hashed copy of a model file by its bytes, not its name', () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-bench-'));
    mkdirSync(join(dir, 'dist/assets'), { recursive: true });
    writeFileSync(join(dir, 'dist/assets/model-AAAA.json'), '{"a":1}');
    writeFileSync(join(dir, 'dist/assets/model-BBBB.json'), '{"b":2}');
    writeFileSync(join(dir, 'dist/assets/weights-BBBB.bin'), '{"b":2}');
    writeFileSync(join(dir, 'model.json'), '{"b":2}');
    writeFileSync(join(dir, 'other.json'), '{"c":3}');
    expect(builtAsset(join(dir, 'dist'), join(dir, 'model.json'))).toBe('assets/model-BBBB.json');
    expect(() => builtAsset(join(dir, 'dist'), join(dir, 'other.json'))).toThrow(/is not in .*assets: build the app first/);
  });
});

describe('sizesFor', () => {
  it('keeps the software backends to one repeat and no CNN curve evaluation', () => {
    for (const backend of ['webgl', 'webgpu', 'cpu'] as const) {
      expect(sizesFor(backend, 'mlp').repeats).toBe(1);
      expect(sizesFor(backend, 'cnn')).toMatchObject({ repeats: 1, evalSamples: 0 });
    }
    expect(sizesFor('wasm', 'cnn').evalSamples).toBeGreaterThan(0);
  });
});
