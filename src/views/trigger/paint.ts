import { SIDE } from '../../engine/data/datasets';

/** A drawing on the 28×28 grid: gray levels, and for a patch which pixels belong to it. */
export interface Drawing {
  values: number[];
  /** null for a blend image, where every pixel counts */
  mask: number[] | null;
}

/** The drawing with one cell painted at `level` (0–1), or erased when `level` is null. */
export function paintCell(drawing: Drawing, row: number, col: number, level: number | null): Drawing {
  if (row < 0 || col < 0 || row >= SIDE || col >= SIDE) return drawing;
  const at = row * SIDE + col;
  const values = drawing.values.slice();
  const mask = drawing.mask?.slice() ?? null;
  if (mask) {
    mask[at] = level === null ? 0 : 1;
    if (level !== null) values[at] = level;
  } else {
    values[at] = level ?? 0;
  }
  return { values, mask };
}

/** The cursor moved by an arrow key, kept on the grid; null for any other key. */
export function moveCursor(key: string, row: number, col: number): { row: number; col: number } | null {
  const clamp = (v: number) => Math.min(SIDE - 1, Math.max(0, v));
  const steps: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const step = steps[key];
  return step ? { row: clamp(row + step[0]), col: clamp(col + step[1]) } : null;
}
