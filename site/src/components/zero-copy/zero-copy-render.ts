// Draws the zero-copy demo's chart model into its <svg>.
import { drawAxes, svgChild } from '../../lib/svg-chart.ts';
import type { PlacedPoint, ZeroCopyChartModel } from './zero-copy-chart.ts';
import { formatDuration, formatVectorSize } from './zero-copy-format.ts';
import { WAY_LABELS, type Way } from './zero-copy-protocol.ts';

/** A circle for the copying call, a square for the in-place one: the series differ without colour too. */
function marker(way: Way, point: PlacedPoint, parent: Element): SVGElement {
  const common = { class: 'point', 'data-series': way };
  if (way === 'inPlace') return svgChild('rect', { ...common, x: point.x - 3.5, y: point.y - 3.5, width: 7, height: 7 }, parent);
  return svgChild('circle', { ...common, cx: point.x, cy: point.y, r: 3.8 }, parent);
}

/** Draws the model into `target`, replacing what it showed, and keeps its <title> and <desc>. */
export function renderZeroCopyChart(target: SVGSVGElement, model: ZeroCopyChartModel): void {
  drawAxes(target, model);
  for (const series of model.series) {
    const group = svgChild('g', { class: `series series-${series.way}`, 'data-series': series.way }, target);
    svgChild('path', { class: 'line', d: series.path, fill: 'none' }, group);
    for (const point of series.points) {
      svgChild('title', {}, marker(series.way, point, group)).textContent =
        `${WAY_LABELS[series.way]}: ${formatDuration(point.ns)} per call at ${formatVectorSize(point.bytes)}`;
    }
  }
}
