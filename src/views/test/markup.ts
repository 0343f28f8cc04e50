import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

const SVG_NS = 'http://www.w3.org/2000/svg';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Renders `node` into a detached host, lets `interact` act on it, and returns what `extract` reads from the DOM. */
export function renderMarkup(node: ReactNode, extract: (host: HTMLElement) => string, interact?: (host: HTMLElement) => void): string {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(node));
  if (interact) act(() => interact(host));
  const markup = extract(host);
  act(() => root.unmount());
  return markup;
}

/** One element a line, for reviewable diffs: only whitespace between tags is added. */
const oneTagALine = (markup: string) => `${markup.replace(/></g, '>\n<')}\n`;

/** The host's HTML, as the page would have it. */
export const htmlOf = (host: HTMLElement): string => oneTagALine(host.innerHTML);

/**
 * A standalone SVG document a browser can open: the view's top-level <svg> element with the SVG
 * namespace (React creates the elements in it but writes no xmlns attribute). A view with several
 * plots gets them stacked top to bottom in one root <svg>, each kept whole and placed with x, y,
 * width and height from its viewBox.
 */
export function svgOf(host: HTMLElement): string {
  const plots = [...host.querySelectorAll('svg')].filter((s) => !s.parentElement?.closest('svg'));
  if (plots.length === 0) throw new Error('the view rendered no <svg>');
  if (plots.length === 1) {
    const svg = plots[0].cloneNode(true) as SVGSVGElement;
    if (!svg.hasAttribute('xmlns')) svg.setAttribute('xmlns', SVG_NS);
    return oneTagALine(svg.outerHTML);
  }
  let height = 0;
  let width = 0;
  const placed = plots.map((plot) => {
    const [, , w, h] = (plot.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
    const svg = plot.cloneNode(true) as SVGSVGElement;
    svg.setAttribute('x', '0');
    svg.setAttribute('y', String(height));
    svg.setAttribute('width', String(w));
    svg.setAttribute('height', String(h));
    height += h;
    width = Math.max(width, w);
    return svg.outerHTML;
  });
  return oneTagALine(`<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${placed.join('')}</svg>`);
}
