import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { SIDE } from '../../engine/data/datasets';
import { moveCursor, paintCell, type Drawing } from './paint';

const CELL = 8;

interface Props {
  drawing: Drawing;
  /** the gray level a stroke paints, 0–1 */
  brush: number;
  onChange: (drawing: Drawing) => void;
}

/**
 * The 28×28 drawing grid. Mouse: drag to paint, right button or Shift to erase. Keyboard: arrows move
 * the cursor, Space or Enter paints it, Delete or Backspace erases it. Pixels outside a patch's mask
 * are shown dark blue, so black ink and "not part of the patch" look different.
 */
export function PatchGrid({ drawing, brush, onChange }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState({ row: SIDE - 1, col: SIDE - 1 });
  const stroke = useRef<'paint' | 'erase' | null>(null);
  // Pointer events can outrun React's re-render: the stroke and each painted cell live in refs, so a
  // move builds on the last painted drawing, not on the (possibly stale) `drawing` prop of this render.
  const latest = useRef(drawing);
  useEffect(() => {
    latest.current = drawing;
  }, [drawing]);
  const lastCell = useRef(-1);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    for (let p = 0; p < SIDE * SIDE; p++) {
      const inPatch = drawing.mask === null || drawing.mask[p] > 0;
      const level = Math.round(drawing.values[p] * 255);
      ctx.fillStyle = inPatch ? `rgb(${level},${level},${level})` : '#1b2a44';
      ctx.fillRect((p % SIDE) * CELL, Math.floor(p / SIDE) * CELL, CELL, CELL);
    }
    ctx.strokeStyle = '#f5a623';
    ctx.lineWidth = 2;
    ctx.strokeRect(cursor.col * CELL + 1, cursor.row * CELL + 1, CELL - 2, CELL - 2);
  }, [drawing, cursor]);

  const cellAt = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { row: Math.floor(((e.clientY - box.top) / box.height) * SIDE), col: Math.floor(((e.clientX - box.left) / box.width) * SIDE) };
  };
  const apply = (row: number, col: number, mode: 'paint' | 'erase') => {
    if (row < 0 || col < 0 || row >= SIDE || col >= SIDE) return; // a captured pointer dragged off the grid
    lastCell.current = row * SIDE + col;
    setCursor({ row, col });
    latest.current = paintCell(latest.current, row, col, mode === 'paint' ? brush : null);
    onChange(latest.current);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const moved = moveCursor(e.key, cursor.row, cursor.col);
    if (moved) setCursor(moved);
    else if (e.key === ' ' || e.key === 'Enter') apply(cursor.row, cursor.col, 'paint');
    else if (e.key === 'Delete' || e.key === 'Backspace') apply(cursor.row, cursor.col, 'erase');
    else return;
    e.preventDefault();
  };

  return (
    <canvas
      ref={ref}
      width={SIDE * CELL}
      height={SIDE * CELL}
      tabIndex={0}
      role="img"
      aria-label={`Trigger drawing, 28 by 28; cursor at row ${cursor.row}, column ${cursor.col}. Arrows move, Space paints, Delete erases.`}
      data-testid="trigger-grid"
      style={{ width: SIDE * CELL, height: SIDE * CELL, cursor: 'crosshair', touchAction: 'none' }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
      onPointerDown={(e) => {
        const mode = e.button === 2 || e.shiftKey ? 'erase' : 'paint';
        e.currentTarget.setPointerCapture(e.pointerId);
        stroke.current = mode;
        const { row, col } = cellAt(e);
        apply(row, col, mode);
      }}
      onPointerMove={(e) => {
        if (!stroke.current) return;
        const { row, col } = cellAt(e);
        if (row * SIDE + col !== lastCell.current) apply(row, col, stroke.current);
      }}
      onPointerUp={() => (stroke.current = null)}
    />
  );
}
