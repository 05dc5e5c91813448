// Drawing helpers shared by the demos' SVG charts: one element at a time, and the frame (grid, ticks,
// axes, axis titles) that every chart draws the same way before its own series.

const SVG = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with these attributes and appends it to `parent`. */
export function svgChild<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  parent: Element,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  parent.append(element);
  return element;
}

/** What drawAxes needs, in SVG user units. */
export interface ChartAxes {
  frame: { width: number; height: number };
  plot: { left: number; right: number; top: number; bottom: number };
  xLabel: string;
  yLabel: string;
  xTicks: readonly { label: string; x: number }[];
  yTicks: readonly { label: string; y: number }[];
}

/**
 * Empties `target` but for its <title> and <desc>, sizes its viewBox to the frame and draws the grid,
 * the tick labels, the two axes and their titles (all aria-hidden: the title, desc and the table beside
 * the chart carry its content).
 */
export function drawAxes(target: SVGSVGElement, axes: ChartAxes): void {
  for (const child of [...target.children]) {
    if (child.localName !== 'title' && child.localName !== 'desc') child.remove();
  }
  const { frame, plot } = axes;
  target.setAttribute('viewBox', `0 0 ${frame.width} ${frame.height}`);
  const grid = svgChild('g', { class: 'grid', 'aria-hidden': 'true' }, target);
  for (const tick of axes.yTicks) {
    svgChild('line', { x1: plot.left, x2: plot.right, y1: tick.y, y2: tick.y }, grid);
    svgChild(
      'text',
      { x: plot.left - 8, y: tick.y, class: 'tick y-tick', 'dominant-baseline': 'middle', 'text-anchor': 'end' },
      grid,
    ).textContent = tick.label;
  }
  for (const tick of axes.xTicks) {
    svgChild('line', { x1: tick.x, x2: tick.x, y1: plot.top, y2: plot.bottom }, grid);
    svgChild('text', { x: tick.x, y: plot.bottom + 18, class: 'tick x-tick', 'text-anchor': 'middle' }, grid).textContent = tick.label;
  }
  const lines = svgChild('g', { class: 'axes', 'aria-hidden': 'true' }, target);
  svgChild('path', { d: `M${plot.left},${plot.top} V${plot.bottom} H${plot.right}` }, lines);
  svgChild(
    'text',
    { x: (plot.left + plot.right) / 2, y: frame.height - 12, class: 'axis-label', 'text-anchor': 'middle' },
    lines,
  ).textContent = axes.xLabel;
  svgChild(
    'text',
    { class: 'axis-label', 'text-anchor': 'middle', transform: `translate(18 ${(plot.top + plot.bottom) / 2}) rotate(-90)` },
    lines,
  ).textContent = axes.yLabel;
}
