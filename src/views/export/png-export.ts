import type { FigureMeta } from './figure-meta';
import { wrapText } from './figure-meta';
import type { ExportedSvg } from './svg-export';

/** PNGs are drawn at twice the figure's size, sharp on high-density screens and in slides. */
export const PNG_SCALE = 2;

const canvasBlob = (canvas: HTMLCanvasElement) =>
  new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The browser could not encode the PNG.'))), 'image/png'));

function canvasOf(width: number, height: number, scale: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser has no 2D canvas to draw the PNG on.');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  return { canvas, ctx };
}

/** The figure SVG drawn on a canvas at PNG_SCALE (the page's CSP allows blob: images for this: vite.config.ts). */
export async function svgToPng(svg: ExportedSvg, scale = PNG_SCALE): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const { canvas, ctx } = canvasOf(svg.width, svg.height, scale);
    ctx.drawImage(image, 0, 0, svg.width, svg.height);
    return await canvasBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** `text` in lines no wider than `maxWidth` in the context's current font. */
function wrapToWidth(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && ctx.measureText(`${last} ${word}`).width <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** A canvas view (a correlation matrix) as a PNG figure: title, the matrix at `size` px, legend, caption. */
export function canvasFigurePng(source: HTMLCanvasElement, meta: FigureMeta, size = 360, scale = PNG_SCALE): Promise<Blob> {
  const width = Math.max(size + 24, 560);
  const titleFont = '700 15px system-ui, sans-serif';
  const measure = canvasOf(1, 1, 1).ctx;
  measure.font = titleFont;
  const titleLines = wrapToWidth(measure, meta.title, width - 24);
  const lines = meta.caption.flatMap((c) => wrapText(c, Math.floor((width - 24) / 6)));
  const top = 12 + 20 * titleLines.length;
  const height = top + size + 30 + lines.length * 14 + 10;
  const { canvas, ctx } = canvasOf(width, height, scale);
  ctx.fillStyle = '#111827';
  ctx.font = titleFont;
  titleLines.forEach((line, k) => ctx.fillText(line, 12, 20 + 20 * k));
  ctx.imageSmoothingEnabled = false; // matrix cells stay sharp squares
  ctx.drawImage(source, 12, top, size, size);
  let x = 12;
  const y = top + size + 10;
  ctx.font = '11px system-ui, sans-serif';
  for (const item of meta.legend) {
    ctx.fillStyle = item.color;
    ctx.fillRect(x, y, 12, 12);
    ctx.fillStyle = '#111827';
    ctx.fillText(item.label, x + 20, y + 10);
    x += 34 + ctx.measureText(item.label).width;
  }
  ctx.fillStyle = '#374151';
  lines.forEach((line, k) => ctx.fillText(line, 12, y + 32 + k * 14));
  return canvasBlob(canvas);
}
