import { escapeHtml } from './escape.js';

/**
 * The page's SVG element around a chart's parts: scaled to the page width by the `chart` class,
 * an image for screen readers with `label` as its accessible name.
 */
export function svgChart(
  id: string,
  label: string,
  size: { readonly width: number; readonly height: number },
  parts: readonly string[],
): string {
  return `<svg id="${id}" class="chart" viewBox="0 0 ${size.width} ${size.height}" role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
