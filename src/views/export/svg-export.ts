import { wrapText, type FigureMeta } from './figure-meta';

/** The presentation properties copied from the page's CSS onto every exported element, so the file renders on its own (all are SVG attributes too). */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
];

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const TITLE_H = 30;
const LABEL_H = 18;
const LEGEND_H = 22;
const CAPTION_LINE_H = 14;
/** ~6 px per character of 11 px text: where caption lines wrap and legend entries advance */
const CHAR_W = 6;

export const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The plot's own size, from its viewBox (what the page scales to fit). */
export function viewBoxSize(svg: SVGSVGElement): { width: number; height: number } {
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (width > 0 && height > 0) return { width, height };
  return { width: Number(svg.getAttribute('width')) || 600, height: Number(svg.getAttribute('height')) || 300 };
}

/**
 * Copies the computed presentation of `source` and its descendants onto `clone` (same shape) as SVG
 * presentation attributes: on the root every property, below it only what differs from the parent
 * (the rest inherits), which keeps the file small. Computed values already account for attributes and
 * the page's CSS. Attributes, not a style attribute: the page's CSP blocks inline styles set that way.
 */
function inlineStyles(source: Element, clone: Element, parent: Map<string, string> | null = null): void {
  const view = source.ownerDocument.defaultView;
  if (!view) return;
  const computed = view.getComputedStyle(source);
  const values = new Map(STYLE_PROPS.map((p) => [p, computed.getPropertyValue(p)]));
  for (const [p, value] of values) {
    const inherited = parent !== null && parent.get(p) === value && p !== 'opacity';
    if (value !== '' && !inherited && !(p === 'opacity' && value === '1')) clone.setAttribute(p, value);
  }
  for (let k = 0; k < source.children.length; k++) {
    const child = clone.children[k];
    if (child) inlineStyles(source.children[k], child, values);
  }
}

/** One plot as standalone markup: a copy with inline styles, placed at (x, y) at its viewBox size. */
function plotMarkup(svg: SVGSVGElement, x: number, y: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  const { width, height } = viewBoxSize(svg);
  clone.removeAttribute('class');
  clone.setAttribute('x', String(x));
  clone.setAttribute('y', String(y));
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return new XMLSerializer().serializeToString(clone);
}

export interface ExportedSvg {
  markup: string;
  width: number;
  height: number;
}

export interface PlotPart {
  svg: SVGSVGElement;
  /** a heading over this plot (e.g. "clean loss"), when a figure has several */
  label?: string;
}

/**
 * A figure file from the plots on screen: the title above, the plots stacked (`column`) or side by side
 * (`row`), then the legend and the settings caption, on a white background, every style inline.
 */
export function figureSvg(parts: PlotPart[], meta: FigureMeta, layout: 'column' | 'row' = 'column'): ExportedSvg {
  const sizes = parts.map((p) => viewBoxSize(p.svg));
  const labelH = parts.some((p) => p.label) ? LABEL_H : 0;
  const plotsW = layout === 'row' ? sizes.reduce((s, z) => s + z.width, 0) + 16 * (parts.length - 1) : Math.max(...sizes.map((z) => z.width));
  const width = Math.max(plotsW, 320) + 24;
  const plots: string[] = [];
  let x = 12;
  let y = TITLE_H;
  parts.forEach((part, k) => {
    const size = sizes[k];
    if (part.label) plots.push(text(x, y + 13, part.label, 12, 600));
    plots.push(plotMarkup(part.svg, x, y + labelH));
    if (layout === 'row') x += size.width + 16;
    else y += labelH + size.height + 8;
  });
  if (layout === 'row') y += labelH + Math.max(...sizes.map((z) => z.height)) + 8;
  const legend = legendMarkup(meta.legend, 12, y, width - 24);
  y += legend.height;
  const lines = meta.caption.flatMap((c) => wrapText(c, Math.floor((width - 24) / CHAR_W)));
  const caption = lines.map((line, k) => text(12, y + 11 + k * CAPTION_LINE_H, line, 11, 400, '#374151'));
  const height = y + lines.length * CAPTION_LINE_H + 10;
  const markup = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT}'>`,
    `<title>${escapeXml(meta.title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    text(12, 20, meta.title, 15, 700),
    ...plots,
    legend.markup,
    ...caption,
    '</svg>',
  ].join('\n');
  return { markup, width, height };
}

function text(x: number, y: number, content: string, size: number, weight: number, fill = '#111827'): string {
  return `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}" font-family='${FONT}'>${escapeXml(content)}</text>`;
}

/** Swatches and labels in rows that wrap at `width`. */
function legendMarkup(items: FigureMeta['legend'], left: number, top: number, width: number): { markup: string; height: number } {
  if (items.length === 0) return { markup: '', height: 4 };
  const out: string[] = [];
  let x = left;
  let y = top + 4;
  for (const item of items) {
    const w = 22 + item.label.length * CHAR_W + 14;
    if (x > left && x + w > left + width) {
      x = left;
      y += LEGEND_H - 4;
    }
    out.push(
      item.dashed
        ? `<line x1="${x}" x2="${x + 16}" y1="${y + 6}" y2="${y + 6}" stroke="${item.color}" stroke-width="2" stroke-dasharray="4 3"/>`
        : `<rect x="${x}" y="${y}" width="12" height="12" fill="${item.color}"/>`,
    );
    out.push(text(x + 20, y + 10, item.label, 11, 400));
    x += w;
  }
  return { markup: `<g class="legend">${out.join('')}</g>`, height: y - top + LEGEND_H };
}
