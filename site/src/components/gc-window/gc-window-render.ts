// Draws the GC window demo's chart model into its <svg>.
import { drawAxes, svgChild } from '../../lib/svg-chart.ts';
import type { GcChartModel, PlacedPoint } from './gc-window-chart.ts';
import { formatMs } from './gc-window-format.ts';
import { VARIANT_LABELS, type Variant } from './gc-window-protocol.ts';

/** A circle for the JavaScript window, a square for the Rust one: the series differ without colour too. */
function marker(variant: Variant, point: PlacedPoint, parent: Element): SVGElement {
  const common = { class: 'point', 'data-series': variant };
  if (variant === 'rustWasm') return svgChild('rect', { ...common, x: point.x - 3.5, y: point.y - 3.5, width: 7, height: 7 }, parent);
  return svgChild('circle', { ...common, cx: point.x, cy: point.y, r: 3.8 }, parent);
}

/** What a point's tooltip says: "JavaScript objects: 4.73 ms at p99". */
function pointTitle(variant: Variant, point: PlacedPoint, floorMs: number): string {
  const where = point.isMax ? 'the slowest batch' : `p${Number(point.percentile.toPrecision(4))}`;
  return `${VARIANT_LABELS[variant]}: ${formatMs(point.ms, floorMs)} ms at ${where}`;
}

/** Draws the model into `target`, replacing what it showed, and keeps its <title> and <desc>. */
export function renderGcChart(target: SVGSVGElement, model: GcChartModel): void {
  drawAxes(target, model);
  for (const series of model.series) {
    const group = svgChild('g', { class: `series series-${series.variant}`, 'data-series': series.variant }, target);
    svgChild('path', { class: 'line', d: series.path, fill: 'none' }, group);
    for (const point of series.points) {
      svgChild('title', {}, marker(series.variant, point, group)).textContent = pointTitle(series.variant, point, model.floorMs);
    }
  }
}
