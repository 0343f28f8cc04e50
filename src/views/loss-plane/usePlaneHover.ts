import { useState } from 'react';
import type { PlaneResult } from '../../protocol/messages';

/**
 * The hovered grid cell of `result`. Grid indices mean nothing on another grid (refined, or a new
 * request): a hover is kept with its grid's key and dropped when the grid changes.
 */
export function usePlaneHover(result: PlaneResult) {
  const [hoverAt, setHoverAt] = useState<{ key: string; cell: [number, number] } | null>(null);
  const gridKey = `${result.requestId}/${result.grid.n}`;
  const hover = hoverAt?.key === gridKey ? hoverAt.cell : null;
  const setHover = (cell: [number, number] | null) => setHoverAt(cell && { key: gridKey, cell });
  return [hover, setHover] as const;
}
