// The parts every measured demo has in its markup (a Run button, progress, status line, alert, reading,
// clock line and a ChartBox), found once, and its chart drawn at the width the box has on screen.
import { required } from './dom.ts';

/** A demo's common parts, and the way to its other elements and to its chart. */
export interface DemoPanel {
  runButton: HTMLButtonElement;
  progress: HTMLProgressElement;
  status: HTMLElement;
  errorBox: HTMLElement;
  reading: HTMLElement;
  clock: HTMLElement;
  /** The element under the demo that `selector` finds; throws, naming the component, when its markup lacks it. */
  part<T extends Element = HTMLElement>(selector: string): T;
  /** Shows the chart, drawn by `draw` at the box's width in CSS pixels, and drawn again when that width changes a lot. */
  showChart(draw: (target: SVGSVGElement, width: number) => void): void;
}

/** Finds the common parts of the demo at `root` (`component` names it in errors about its markup). */
export function demoPanel(root: HTMLElement, component: string): DemoPanel {
  const part = <T extends Element = HTMLElement>(selector: string): T => required<T>(root, selector, component);
  const chart = part<SVGSVGElement>('svg[data-chart]');
  const chartEmpty = part('[data-chart-empty]');
  const chartBox = part('.chart-box');
  let drawn: { draw: (target: SVGSVGElement, width: number) => void; width: number } | null = null;
  const draw = () => {
    if (!drawn) return;
    drawn.width = chartBox.clientWidth;
    drawn.draw(chart, drawn.width);
  };
  // Redraw at the new size when the chart's width changes a lot (rotation, window resize).
  new ResizeObserver(() => {
    if (drawn && Math.abs(chartBox.clientWidth - drawn.width) > 24) draw();
  }).observe(chartBox);
  return {
    runButton: part<HTMLButtonElement>('[data-run]'),
    progress: part<HTMLProgressElement>('[data-progress]'),
    status: part('[data-status]'),
    errorBox: part('[data-error]'),
    reading: part('[data-reading]'),
    clock: part('[data-clock]'),
    part,
    showChart(drawChart) {
      chartBox.classList.remove('empty');
      chartEmpty.hidden = true;
      drawn = { draw: drawChart, width: 0 };
      draw();
    },
  };
}
