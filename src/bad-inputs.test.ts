import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../scripts/lib/cli';
import { parseTriggerArg } from '../scripts/lib/trigger-arg';
import { parseTscArgs } from '../scripts/lib/tsc-args';
import { installManifest } from './app/zoo-manifest';
import { DataFormatError } from './engine/data/format';
import { loadImageSet } from './engine/data/load';
import { paramsFromLayersFiles } from './engine/model/layers-format';
import { disposeParams, type Params } from './engine/model/params';
import { loadZooParams as loadNode, readManifest } from './engine/node/zoo';
import type { ZooEntry } from './engine/zoo';
import { parseManifest } from './schema/manifest';
import { MAX_TRACE_PACK_CHARS, parseTracePack } from './schema/trace-pack';
import { parseStoredRun } from './schema/stored-run';
import { parseUserModel } from './schema/user-model';
import { linkNotice, parseLink } from './schema/url';
import { memoryStorage } from './store/test/memory-storage';
import { createAppStore, useAppStore } from './store/store';
import { loadZooParams as loadPage } from './worker/model-io';

/*
 * The bad-input corpus (test/fixtures/bad-inputs/, listed in its README and index.json): every file
 * goes through the boundary it was made for, the way the app or a script meets it, and must come
 * out as exactly the message in index.json: rejected with words, never thrown past its boundary,
 * never leaving a tensor behind.
 */

const DIR = join(import.meta.dirname, '../test/fixtures/bad-inputs');
type Boundary = 'data' | 'model-json' | 'weights' | 'manifest' | 'trace-pack' | 'url' | 'local-storage' | 'indexeddb' | 'user-model' | 'cli' | 'trigger';
interface Case {
  file: string;
  boundary: Boundary;
  what: string;
  /** the architecture the manifest claims (model.json cases; default mlp) */
  arch?: 'mlp' | 'cnn';
  message: string;
}
const CASES = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as Case[];

/** A file's bytes; *.gz files are stored compressed (a 1 MB shard of zeros is 1 KB) and read as what they hold. */
const bytesOf = (file: string): Uint8Array => {
  const raw = readFileSync(join(DIR, file));
  return new Uint8Array(file.endsWith('.gz') ? gunzipSync(raw) : raw);
};
const textOf = (file: string) => Buffer.from(bytesOf(file)).toString('utf8');

const manifest = readManifest();
const zooEntry = (arch: 'mlp' | 'cnn'): ZooEntry => {
  const entry = manifest.models.find((m) => m.id === `mnist-${arch}-badnet`);
  if (!entry) throw new Error(`mnist-${arch}-badnet is not in models/manifest.json`);
  return entry;
};

/** The message of the error a loader rejects with; a loader that accepts the input fails the test. */
async function rejection(load: () => unknown, kinds: (new (...a: never[]) => Error)[] = [Error]): Promise<string> {
  try {
    const out = await load();
    if (out && typeof out === 'object' && Object.values(out).every((t) => t instanceof tf.Tensor)) disposeParams(out as Params);
  } catch (err) {
    expect(
      kinds.some((k) => err instanceof k),
      `${String(err)} is not one of the expected error kinds`,
    ).toBe(true);
    return (err as Error).message;
  }
  throw new Error('the input was accepted');
}

/**
 * A zoo model's two files laid out as models/ holds them (<id>/model.json, <id>/weights.bin) in a
 * fresh folder, read by the Node loader and by the page's loader (over a stubbed fetch); both must
 * say the same.
 */
async function loadBoth(entry: ZooEntry, modelJson: Uint8Array, weights: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bad-inputs-'));
  try {
    mkdirSync(join(dir, entry.id));
    writeFileSync(join(dir, entry.modelJson), modelJson);
    writeFileSync(join(dir, entry.weights), weights);
    const node = await rejection(() => loadNode(entry, dir));
    vi.stubGlobal('fetch', async (url: string) => new Response(readFileSync(join(dir, url))));
    const page = await rejection(() => loadPage(entry, { modelJsonUrl: entry.modelJson, weightsUrl: entry.weights }));
    expect(page, 'the page and Node say the same').toBe(node);
    return node;
  } finally {
    vi.unstubAllGlobals();
    rmSync(dir, { recursive: true });
  }
}

/** {"$number": "NaN"} in a fixture stands for the number NaN: IndexedDB keeps NaN, JSON cannot write it. */
const withNumbers = (_: string, value: unknown) => (value && typeof value === 'object' && '$number' in value ? Number(value.$number) : value);

/** {"$bytes": [..]} in a user-model fixture stands for a Uint8Array (a weights shard): IndexedDB keeps one, JSON cannot. */
const withBytes = (_: string, value: unknown) => (value && typeof value === 'object' && '$bytes' in value ? Uint8Array.from(value.$bytes as number[]) : value);

/** What the user sees for one file at its boundary. */
const CHECK: Record<Boundary, (c: Case) => Promise<string>> = {
  data: (c) => rejection(() => loadImageSet(async () => bytesOf(c.file), 'mnist', 'test'), [DataFormatError]),
  'model-json': (c) => loadBoth(zooEntry(c.arch ?? 'mlp'), bytesOf(c.file), bytesOf('support/weights-placeholder.bin')),
  weights: (c) => loadBoth(zooEntry('mlp'), bytesOf('support/model-mlp.json'), bytesOf(c.file)),
  manifest: async (c) => {
    const result = parseManifest(textOf(c.file));
    if (result.ok) throw new Error('the manifest was accepted');
    // the page: the same words in a notice, and only the valid entries offered
    expect(installManifest(textOf(c.file))).toEqual(result.usable);
    expect(useAppStore.getState().notices.at(-1)).toBe(`${result.message} The model list shows only the ${result.usable.length} valid entries.`);
    return result.message;
  },
  'trace-pack': async (c) => {
    const result = parseTracePack(textOf(c.file), `/traces/${c.file}`);
    if (result.ok) throw new Error('the pack was accepted');
    return result.message;
  },
  url: async (c) => {
    const { dropped } = parseLink(textOf(c.file).trim());
    expect(dropped.length, 'a bad link drops something').toBeGreaterThan(0);
    return linkNotice(dropped);
  },
  'local-storage': async (c) => {
    const notices = createAppStore(() => memoryStorage(textOf(c.file).trim()).storage).getState().notices;
    expect(notices).toHaveLength(1);
    return notices[0];
  },
  indexeddb: async (c) => {
    const result = parseStoredRun(JSON.parse(textOf(c.file), withNumbers));
    if (result.ok) throw new Error('the record was accepted');
    return result.message;
  },
  // a model the user imported or trained, as src/store/user-models.ts reads it back under its id
  'user-model': async (c) => {
    const record = JSON.parse(textOf(c.file), withBytes) as { entry: { id: string } };
    const result = parseUserModel(record.entry.id, record);
    if (result.ok) throw new Error('the record was accepted');
    return result.message;
  },
  cli: (c) =>
    rejection(
      () =>
        parseTscArgs(
          JSON.parse(textOf(c.file)) as string[],
          manifest.models.map((m) => m.id),
        ),
      [UsageError],
    ),
  // a *.json holding a string is a --trigger spec; any other file is the picture of patch:/blend:<file>
  trigger: (c) => {
    const text = textOf(c.file);
    const spec = c.file.endsWith('.json') && text.startsWith('"') ? (JSON.parse(text) as string) : `${c.file.includes('blend') ? 'blend' : 'patch'}:${c.file}`;
    return rejection(() => parseTriggerArg(spec, bytesOf), [UsageError]);
  },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => vi.unstubAllGlobals());

describe('the bad-input corpus (test/fixtures/bad-inputs/)', () => {
  it('has at least 40 files, each listed once in index.json and in the README', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.file)).size).toBe(CASES.length);
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const c of CASES) expect(readme, c.file).toContain(`\`${c.file}\``);
  });

  it.each(CASES.map((c) => [c.file, c] as const))('%s: rejected with its exact message, no throw past its boundary, no tensor left', async (_, c) => {
    const before = tf.memory().numTensors;
    expect(await CHECK[c.boundary](c)).toBe(c.message);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('bad inputs made at run time (too big to commit)', () => {
  it('a 100 MB trace JSON is refused by its length, before JSON.parse', () => {
    const text = `{"format":"tsc-trace-pack","version":1,"pad":"${'x'.repeat(100_000_000)}"}`;
    const started = performance.now();
    const result = parseTracePack(text, '/traces/huge.tsc.json');
    expect(result).toEqual({
      ok: false,
      message: `/traces/huge.tsc.json is ${text.length.toLocaleString('en-US')} characters long; a trace pack is at most ${MAX_TRACE_PACK_CHARS.toLocaleString('en-US')}: regenerate it with \`npm run traces\`.`,
    });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('a missing model file is named, with its fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-inputs-'));
    try {
      expect(await rejection(() => loadNode(zooEntry('mlp'), dir))).toBe(
        'models/mnist-mlp-badnet/model.json is missing — regenerate with `npm run train-models -- --only mnist-mlp-badnet`.',
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('a weights shard cut mid-way leaks no tensor even when decoded without the schema', () => {
    const entry = zooEntry('mlp');
    const modelJson = JSON.parse(textOf('support/model-mlp.json'));
    // 2 weights (fc1/kernel, fc1/bias) fit; the third is cut
    const cut = readFileSync(join('models', entry.weights)).subarray(0, (784 * 256 + 256 + 10) * 4);
    const before = tf.memory().numTensors;
    expect(() => paramsFromLayersFiles('mlp', modelJson, cut)).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});

const bytesOfTensor = (t: tf.Tensor) => Buffer.from((t.dataSync() as Float32Array).buffer);

describe('good inputs still load', () => {
  it.each(manifest.models.map((m) => [m.id, m] as const))('%s: both loaders, the same weights, no tensor left', async (_, entry) => {
    const before = tf.memory().numTensors;
    const node = loadNode(entry);
    vi.stubGlobal('fetch', async (url: string) => new Response(readFileSync(join('models', url))));
    const page = await loadPage(entry, { modelJsonUrl: entry.modelJson, weightsUrl: entry.weights });
    vi.unstubAllGlobals();
    for (const name of Object.keys(node)) expect(Buffer.compare(bytesOfTensor(node[name]), bytesOfTensor(page[name])), name).toBe(0);
    disposeParams(node);
    disposeParams(page);
    expect(tf.memory().numTensors).toBe(before);
  });
});
