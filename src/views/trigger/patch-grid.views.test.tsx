// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it } from 'vitest';
import '../test/markup'; // React's act() environment
import { PatchGrid } from './PatchGrid';
import type { Drawing } from './paint';

const CELL_PX = 8;

it('a fast drag paints every cell it crosses, even when the parent has not re-rendered between moves', () => {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const blank: Drawing = { values: new Array(784).fill(0), mask: new Array(784).fill(0) };
  const seen: Drawing[] = [];
  // the parent never passes the new drawing back: every move arrives before a re-render would
  act(() => root.render(<PatchGrid drawing={blank} brush={1} onChange={(d) => seen.push(d)} />));
  const grid = host.querySelector<HTMLCanvasElement>('[data-testid="trigger-grid"]');
  if (!grid) throw new Error('no grid');
  grid.getBoundingClientRect = () => ({ left: 0, top: 0, width: 28 * CELL_PX, height: 28 * CELL_PX }) as DOMRect;
  grid.setPointerCapture = () => {};
  const at = (type: string, col: number) =>
    grid.dispatchEvent(new PointerEvent(type, { bubbles: true, button: 0, clientX: col * CELL_PX + 1, clientY: 1, pointerId: 1 }));
  act(() => {
    at('pointerdown', 0);
    at('pointermove', 1);
    at('pointermove', 2);
    at('pointermove', 30); // off the grid (pointer capture): ignored
    at('pointerup', 2);
  });
  expect(seen).toHaveLength(3);
  expect([0, 1, 2, 3].map((p) => seen[2].mask?.[p])).toEqual([1, 1, 1, 0]);
  act(() => root.unmount());
  host.remove();
});
