import { drawAxes, svgChild as svg } from '../../lib/svg-chart.ts';
import type { ChartModel } from './sweep-chart.ts';
import { formatCount, formatNs } from './sweep-format.ts';
import { LEARNER, LEARNER_LABEL, LESSON_BUILD, LESSON_BUILD_LABEL, METHOD_LABELS, type Method } from './sweep-protocol.ts';

function marker(method: string, x: number, y: number, parent: Element): SVGElement {
  const common = { class: 'point', 'data-series': method };
  if (method === 'batched') return svg('rect', { ...common, x: x - 3.5, y: y - 3.5, width: 7, height: 7 }, parent);
  if (method === LESSON_BUILD) {
    // A hollow square: the runner build of the batched kernel, next to the prebuilt one's filled square.
    return svg('rect', { ...common, x: x - 3.5, y: y - 3.5, width: 7, height: 7, class: 'point hollow' }, parent);
  }
  if (method === LEARNER) {
    // A diamond: a shape none of the lesson's series uses, so the series differs without colour.
    return svg('path', { ...common, d: `M${x},${y - 5} L${x + 5},${y} L${x},${y + 5} L${x - 5},${y} Z` }, parent);
  }
  if (method === 'plainJs') {
    return svg('path', { ...common, d: `M${x},${y - 4.5} L${x + 4.5},${y + 3.5} L${x - 4.5},${y + 3.5} Z` }, parent);
  }
  return svg('circle', { ...common, cx: x, cy: y, r: 3.8 }, parent);
}

/** Draws a chart model into an <svg>, replacing what it showed, and keeps its <title> and <desc>. */
export function renderChart(target: SVGSVGElement, model: ChartModel): void {
  drawAxes(target, model);
  const { plot } = model;
  for (const series of model.series) {
    const group = svg('g', { class: `series series-${series.method}`, 'data-series': series.method }, target);
    svg('path', { class: 'line', d: series.path, fill: 'none' }, group);
    for (const point of series.points) {
      const shape = marker(series.method, point.x, point.y, group);
      const label =
        series.method === LEARNER
          ? LEARNER_LABEL
          : series.method === LESSON_BUILD
            ? LESSON_BUILD_LABEL
            : METHOD_LABELS[series.method as Method];
      svg('title', {}, shape).textContent = `${label}: ${formatNs(point.ns)} ns per element at batch size ${formatCount(point.batchSize)}`;
    }
  }
  if (model.wrong.length > 0) {
    const group = svg('g', { class: 'wrong-marks', 'data-series': 'learner-wrong' }, target);
    const y = plot.bottom - 8;
    for (const mark of model.wrong) {
      const cross = svg(
        'path',
        { class: 'wrong-mark', d: `M${mark.x - 4},${y - 4} L${mark.x + 4},${y + 4} M${mark.x - 4},${y + 4} L${mark.x + 4},${y - 4}` },
        group,
      );
      svg('title', {}, cross).textContent = `${LEARNER_LABEL}: wrong result at batch size ${formatCount(mark.batchSize)}, not timed`;
    }
  }
}
