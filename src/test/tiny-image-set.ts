import seedrandom from 'seedrandom';
import type { ImageSet } from '../engine/data/format';

/** `count` seeded random 28×28 images and labels: enough to measure a model on, no dataset file needed. */
export function tinyImageSet(seed: string, count = 60): ImageSet {
  const rng = seedrandom(seed);
  return {
    count,
    height: 28,
    width: 28,
    channels: 1,
    classes: 10,
    labels: Uint8Array.from({ length: count }, () => Math.floor(rng() * 10)),
    pixels: Uint8Array.from({ length: count * 784 }, () => Math.floor(rng() * 256)),
  };
}
