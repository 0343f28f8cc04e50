import { readFile } from 'node:fs/promises';
import type { DatasetId, Split } from '../../engine/data/datasets';
import { PIXELS } from '../../engine/data/datasets';
import type { ImageSet } from '../../engine/data/format';
import { loadImageSet } from '../../engine/data/load';

const head = (set: ImageSet, n: number): ImageSet => ({ ...set, count: n, labels: set.labels.slice(0, n), pixels: set.pixels.slice(0, n * PIXELS) });

/**
 * A worker handler's `load` for tests: the first `sizes[split]` images of each real split in public/data/
 * (run `npm run prepare-data` first). node:fs directly: a worker-layer test may not import src/engine/node (src/layers.test.ts).
 */
export function loadSplitHeads(sizes: Record<Split, number>): (dataset: DatasetId, split: Split) => Promise<ImageSet> {
  return async (dataset, split) => head(await loadImageSet((name) => readFile(`public/data/${name}`), dataset, split), sizes[split]);
}
