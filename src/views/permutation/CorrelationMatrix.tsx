import { useRef, useState } from 'react';
import type { LayerPermutationRecord } from '../../engine/trace';
import { useMatrixCanvas } from './useMatrixCanvas';

const SIZE = 360;

/** The correlation matrix on a canvas with the chosen pairs as dots, its legend, and the hovered cell's C. */
export function CorrelationMatrix({ layer, order }: { layer: LayerPermutationRecord; order: number[] }) {
  const [hover, setHover] = useState<{ i: number; j: number; c: number } | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useMatrixCanvas(canvasRef, layer, order);
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    if (!layer.correlation || layer.corrSize !== layer.size) return setHover(null);
    const box = e.currentTarget.getBoundingClientRect();
    const r = Math.floor(((e.clientY - box.top) / box.height) * layer.size);
    const j = Math.floor(((e.clientX - box.left) / box.width) * layer.size);
    const i = order[r];
    if (i === undefined || j < 0 || j >= layer.size) return setHover(null);
    setHover({ i, j, c: layer.correlation[i * layer.size + j] });
  };
  const side = layer.corrSize * Math.max(1, Math.floor(SIZE / layer.corrSize));
  return (
    <div>
      <canvas
        ref={canvasRef}
        width={side}
        height={side}
        className="heatmap"
        style={{ width: SIZE, height: SIZE }}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
        role="img"
        aria-label={`Correlation matrix of ${layer.name} with the chosen permutation`}
      />
      <div className="heat-legend">
        <span>C = −1</span>
        <span className="heat-bar" />
        <span>+1</span> · dots: unit i → π(i)
      </div>
      <div className="hover-readout">
        {hover
          ? `unit ${hover.i} → ${hover.j}: C = ${hover.c.toFixed(3)}${layer.perm[hover.i] === hover.j ? ' (chosen)' : ''}`
          : 'hover the matrix for unit i → j'}
      </div>
    </div>
  );
}
