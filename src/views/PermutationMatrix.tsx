import { interpolateRdBu } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import { selectedStage, useAppStore } from '../store/store';

const SIZE = 360;

/** RdBu sampled once at 256 levels: parsing a d3 colour string per cell (65k cells) is too slow for a frame. */
const RDBU_LUT: Uint8Array = (() => {
  const lut = new Uint8Array(256 * 3);
  for (let k = 0; k < 256; k++) {
    const rgb = interpolateRdBu(k / 255)
      .match(/\d+/g)!
      .map(Number);
    lut.set(rgb.slice(0, 3), 3 * k);
  }
  return lut;
})();

/** Row order for display: by unit index, or by how well each unit was matched. */
function rowOrder(matched: number[], sortByMatch: boolean): number[] {
  const idx = matched.map((_, i) => i);
  return sortByMatch ? idx.sort((a, b) => matched[b] - matched[a]) : idx;
}

/**
 * One layer's correlation matrix C (rows: units of the reference model A, columns: units of the
 * model being permuted) drawn on a canvas, with the chosen permutation i → perm[i] overlaid as
 * dots. Un-align picks low/negative C (stage 1), align picks the bright diagonal-like set (stage 2).
 */
export function PermutationMatrix() {
  const stage = useAppStore(selectedStage);
  const layerIndex = useAppStore((s) => s.selected.layer);
  const selectLayer = useAppStore((s) => s.selectLayer);
  const [sortByMatch, setSortByMatch] = useState(false);
  const [hover, setHover] = useState<{ i: number; j: number; c: number } | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const perm = stage?.permutation ?? null;
  const layer = perm?.layers[Math.min(layerIndex, perm.layers.length - 1)] ?? null;
  const order = useMemo(() => (layer ? rowOrder(layer.matchedCorrelation, sortByMatch) : []), [layer, sortByMatch]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !layer?.correlation) return;
    const n = layer.corrSize;
    const ctx = canvas.getContext('2d')!;
    const img = ctx.createImageData(n, n);
    const exact = n === layer.size;
    for (let r = 0; r < n; r++) {
      const i = exact ? order[r] : r;
      for (let j = 0; j < n; j++) {
        const c = layer.correlation[i * n + j];
        // RdBu is diverging and colour-blind safe; -1 red, +1 blue.
        const level = 3 * Math.max(0, Math.min(255, Math.round(((c + 1) / 2) * 255)));
        const k = 4 * (r * n + j);
        img.data[k] = RDBU_LUT[level];
        img.data[k + 1] = RDBU_LUT[level + 1];
        img.data[k + 2] = RDBU_LUT[level + 2];
        img.data[k + 3] = 255;
      }
    }
    // Small layers are drawn `cell` pixels per unit so the chosen pairs can be ringed dots that stand out on
    // dark cells; large ones one pixel per unit with square dots.
    const cell = canvas.width / n;
    const base = document.createElement('canvas');
    base.width = n;
    base.height = n;
    base.getContext('2d')!.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(base, 0, 0, canvas.width, canvas.height);
    if (exact) {
      ctx.fillStyle = '#111827';
      if (cell >= 4) {
        ctx.strokeStyle = '#ffffff';
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
    }
  }, [layer, order]);

  if (!stage) return null;
  if (!perm || !layer) {
    return (
      <section className="panel" data-testid="perm-matrix">
        <h2>Permutation matrices</h2>
        <p className="muted">This stage uses no permutation ({stage.kind}).</p>
      </section>
    );
  }
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    if (!layer.correlation || layer.corrSize !== layer.size) return setHover(null);
    const box = e.currentTarget.getBoundingClientRect();
    const r = Math.floor(((e.clientY - box.top) / box.height) * layer.size);
    const j = Math.floor(((e.clientX - box.left) / box.width) * layer.size);
    const i = order[r];
    if (i === undefined || j < 0 || j >= layer.size) return setHover(null);
    setHover({ i, j, c: layer.correlation[i * layer.size + j] });
  };
  const objectiveWord = perm.objective === 'unalign' ? 'un-align (minimise Σ C[i, π(i)])' : 'align (maximise Σ C[i, π(i)])';
  return (
    <section className="panel" data-testid="perm-matrix" aria-labelledby="perm-heading">
      <h2 id="perm-heading">
        Permutation · round {stage.round}, stage {stage.stage}: {objectiveWord}
      </h2>
      <div className="tabs" role="tablist" aria-label="Layer">
        {perm.layers.map((l, k) => (
          <button key={l.name} role="tab" aria-selected={k === layerIndex} className={k === layerIndex ? 'active' : ''} onClick={() => selectLayer(k)}>
            {l.name} ({l.size})
          </button>
        ))}
        <label className="sort-toggle">
          <input type="checkbox" checked={sortByMatch} onChange={(e) => setSortByMatch(e.target.checked)} /> sort rows by matched correlation
        </label>
      </div>
      <div className="perm-body">
        <div>
          <canvas
            ref={canvasRef}
            width={layer.corrSize * Math.max(1, Math.floor(SIZE / layer.corrSize))}
            height={layer.corrSize * Math.max(1, Math.floor(SIZE / layer.corrSize))}
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
        <dl className="card perm-stats" data-testid="perm-stats">
          <dt>units</dt>
          <dd>{layer.size}</dd>
          <dt>fixed points</dt>
          <dd data-testid="perm-fixed-points">{layer.fixedPoints}</dd>
          <dt>mean matched C</dt>
          <dd data-testid="perm-mean-matched">{layer.meanMatched.toFixed(3)}</dd>
          <dt>objective Σ C[i, π(i)]</dt>
          <dd>{layer.objectiveValue.toFixed(2)}</dd>
          <dt>π(θ) ≡ θ check</dt>
          <dd data-testid="perm-logit-diff">max |Δ logit| = {perm.maxLogitDiff.toExponential(1)}</dd>
          <dt>method</dt>
          <dd>{perm.method === 'activation' ? 'activation correlation + exact LAP (paper)' : 'weight matching (not the paper’s method)'}</dd>
        </dl>
      </div>
    </section>
  );
}
