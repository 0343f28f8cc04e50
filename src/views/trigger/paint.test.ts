import { describe, expect, it } from 'vitest';
import { PIXELS } from '../../engine/data/datasets';
import { moveCursor, paintCell } from './paint';
import { triggerPixels } from './trigger-pixels';

const blank = () => ({ values: new Array<number>(PIXELS).fill(0), mask: new Array<number>(PIXELS).fill(0) });

describe('paintCell', () => {
  it('paints one patch pixel into the mask at the brush level, and erases it', () => {
    const painted = paintCell(blank(), 2, 3, 0.5);
    expect([painted.values[59], painted.mask?.[59]]).toEqual([0.5, 1]);
    expect(painted.mask?.filter((m) => m > 0)).toHaveLength(1);
    expect(paintCell(painted, 2, 3, null).mask?.[59]).toBe(0);
  });

  it('on a blend image, erasing sets the pixel to black; off-grid cells change nothing', () => {
    const image = { values: new Array<number>(PIXELS).fill(1), mask: null };
    expect(paintCell(image, 0, 0, null).values[0]).toBe(0);
    expect(paintCell(image, 28, 0, 0.5)).toBe(image);
  });
});

describe('moveCursor', () => {
  it('moves with the arrows and stays on the grid', () => {
    expect(moveCursor('ArrowRight', 0, 27)).toEqual({ row: 0, col: 27 });
    expect(moveCursor('ArrowDown', 3, 4)).toEqual({ row: 4, col: 4 });
    expect(moveCursor('a', 3, 4)).toBeNull();
  });
});

describe('triggerPixels', () => {
  it('puts a described trigger on a 0–255 image: a 2×2 BadNet at (1, 0) whitens exactly those 4 pixels', () => {
    const out = triggerPixels({ kind: 'badnet', patchSize: 2, value: 1, x: 1, y: 0 }, new Uint8Array(PIXELS).fill(40));
    expect(Array.from(out).flatMap((v, i) => (v === 255 ? [i] : []))).toEqual([1, 2, 29, 30]);
    expect(out.filter((v) => v === 40)).toHaveLength(PIXELS - 4);
  });
});
