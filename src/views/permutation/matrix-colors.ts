import { interpolateRdBu } from 'd3';

/** RdBu sampled once at 256 levels: parsing a d3 colour string per cell (65k cells) is too slow for a frame. */
const RDBU_LUT: Uint8Array = (() => {
  const lut = new Uint8Array(256 * 3);
  for (let k = 0; k < 256; k++) {
    const rgb = (interpolateRdBu(k / 255).match(/\d+/g) ?? []).map(Number);
    lut.set(rgb.slice(0, 3), 3 * k);
  }
  return lut;
})();

/** Writes the RdBu colour of correlation c ∈ [−1, 1] into `rgba` at `k` (diverging, colour-blind safe; −1 red, +1 blue). */
export function putCorrelationColor(rgba: Uint8ClampedArray, k: number, c: number): void {
  const level = 3 * Math.max(0, Math.min(255, Math.round(((c + 1) / 2) * 255)));
  rgba[k] = RDBU_LUT[level];
  rgba[k + 1] = RDBU_LUT[level + 1];
  rgba[k + 2] = RDBU_LUT[level + 2];
  rgba[k + 3] = 255;
}

/** Row order for display: by unit index, or by how well each unit was matched. */
export function rowOrder(matched: number[], sortByMatch: boolean): number[] {
  const idx = matched.map((_, i) => i);
  return sortByMatch ? idx.sort((a, b) => matched[b] - matched[a]) : idx;
}
