import { useEffect, type RefObject } from 'react';
import type { LayerPermutationRecord } from '../../engine/trace';
import { COLORS } from '../palette';
import { putCorrelationColor } from './matrix-colors';

/**
 * Draws C (rows in `order`) on the canvas, one image pixel per unit scaled up unsmoothed, and the
 * chosen pairs i → perm[i] over it. No-op where the canvas has no 2D context (e.g. happy-dom).
 */
export function useMatrixCanvas(canvasRef: RefObject<HTMLCanvasElement | null>, layer: LayerPermutationRecord, order: number[]): void {
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !layer.correlation) return;
    const n = layer.corrSize;
    const img = ctx.createImageData(n, n);
    const exact = n === layer.size;
    for (let r = 0; r < n; r++) {
      const i = exact ? order[r] : r;
      for (let j = 0; j < n; j++) putCorrelationColor(img.data, 4 * (r * n + j), layer.correlation[i * n + j]);
    }
    // Small layers are drawn `cell` pixels per unit so the chosen pairs can be ringed dots that stand out on
    // dark cells; large ones one pixel per unit with square dots.
    const cell = canvas.width / n;
    const base = document.createElement('canvas');
    base.width = n;
    base.height = n;
    base.getContext('2d')?.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(base, 0, 0, canvas.width, canvas.height);
    if (!exact) return;
    ctx.fillStyle = COLORS.ink;
    if (cell >= 4) {
      ctx.strokeStyle = COLORS.paper;
      ctx.lineWidth = Math.max(1, cell / 8);
      order.forEach((i, r) => {
        ctx.beginPath();
        ctx.arc((layer.perm[i] + 0.5) * cell, (r + 0.5) * cell, cell * 0.28, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      });
    } else {
      const dot = Math.max(1, Math.round(n / 128));
      order.forEach((i, r) => ctx.fillRect(layer.perm[i] * cell, r * cell, dot * cell, dot * cell));
    }
  }, [canvasRef, layer, order]);
}
