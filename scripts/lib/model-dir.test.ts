import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grouped } from '../../src/schema/explain';
import { MAX_WEIGHT_BYTES } from '../../src/schema/model-json';
import { InputError } from './cli';
import { modelDirLabel, readModelDir } from './model-dir';

describe('--model-dir reading (scripts/lib/model-dir.ts)', () => {
  it('reads the plain files of a folder', () => {
    expect(readModelDir('test/fixtures/models/good/two-shards').map((f) => f.name)).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']);
  });

  it('a missing folder is an InputError that names it', () => {
    expect(() => readModelDir('test/fixtures/models/none')).toThrow(new InputError('--model-dir test/fixtures/models/none: no such folder'));
  });

  it('a file over the cap is refused by its size, unread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-dir-'));
    try {
      writeFileSync(join(dir, 'model.json'), '{}');
      writeFileSync(join(dir, 'huge.bin'), '');
      truncateSync(join(dir, 'huge.bin'), MAX_WEIGHT_BYTES + 1); // sparse: no 50 MB written
      expect(() => readModelDir(dir)).toThrow(`huge.bin is ${grouped(MAX_WEIGHT_BYTES + 1)} bytes; the limit is ${grouped(MAX_WEIGHT_BYTES)}`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("the trace's model label: folder and architecture, within the trace schema's 100 characters", () => {
    expect(modelDirLabel('models/mine/', 'seq:d16-d10')).toBe('models/mine (seq:d16-d10)');
    const long = modelDirLabel(`/${'deep/'.repeat(30)}mine`, 'seq:d16-d10');
    expect(long).toBe('mine (seq:d16-d10)');
  });
});
